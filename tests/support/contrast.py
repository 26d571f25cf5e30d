"""Contrast as rendered: each cell's colours read back from a Textual SVG screenshot.

``App.export_screenshot()`` (Rich's ``Console.export_svg``) draws every segment of the screen
as one ``<text>`` element, whose CSS class holds its foreground (``fill``, already blended
for dim text), and draws every segment that has a background as a ``<rect>`` placed at its
cells. Reading those back gives the colours a player sees, after Textual has resolved the
theme's variables, the opacities and the layering of screens, not the colours a theme
declares.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from textual.geometry import Region

AA = 4.5
"""WCAG 2 level AA: the least contrast for body text."""
AAA = 7.0
"""WCAG 2 level AAA: what the high-contrast theme promises."""

_SVG = "{http://www.w3.org/2000/svg}"
_CLASS_FILL = re.compile(r"\.([\w-]+)\s*\{[^}]*?fill:\s*(#[0-9a-fA-F]{6})")
_LINE_HEIGHT = re.compile(r"line-height:\s*([\d.]+)px")


@dataclass(frozen=True)
class Run:
    """Characters side by side on one line with the same two colours."""

    row: int
    column: int
    """The cell of the first character."""
    text: str
    foreground: str
    """``#rrggbb``, as drawn."""
    background: str
    """``#rrggbb``, as drawn."""


@dataclass(frozen=True)
class Shortfall:
    """A run of text that does not stand out enough from its background."""

    run: Run
    ratio: float

    def __str__(self) -> str:
        run = self.run
        return (
            f"{run.text.strip()!r} at line {run.row + 1}, column {run.column + 1}: "
            f"{run.foreground} on {run.background} is {self.ratio:.2f}:1"
        )


def luminance(colour: str) -> float:
    """The relative luminance of ``#rrggbb`` as WCAG 2 defines it (0 black to 1 white)."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours: 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_decoration(char: str) -> bool:
    """Whether a character is a picture, not something to read, so contrast is not asked of it.

    Box-drawing characters (borders, rules, the tabs' underline, the timer's digits), block
    elements (scrollbars, the edges of checkboxes and toasts) and braille patterns (the
    circles of the check-in scale) draw lines and shapes, and their neighbours say in words
    what they show. Emoji (from U+1F000, such as the palette's magnifying glass) are drawn
    by the terminal in their own colours, whatever the foreground.
    """
    code = ord(char)
    box_drawing_or_block = 0x2500 <= code <= 0x259F
    braille = 0x2800 <= code <= 0x28FF
    emoji = code >= 0x1F000
    return box_drawing_or_block or braille or emoji


def read_runs(svg: str) -> list[Run]:
    """Every run of text in a screenshot, with its drawn foreground and background.

    Spaces are kept inside runs, so a run reads as the words on screen; a run is split
    where the background under it changes.
    """
    root = ET.fromstring(svg)
    style = "".join(node.text or "" for node in root.iter(f"{_SVG}style"))
    fills = dict(_CLASS_FILL.findall(style))
    height = _LINE_HEIGHT.search(style)
    if height is None:
        raise ValueError("not a Rich SVG screenshot: no line height in its style")
    line_height = float(height.group(1))
    # The screen's text (the title above the window has no clip path, and the newline Rich
    # writes after each line is no cell).
    texts = [
        node
        for node in root.iter(f"{_SVG}text")
        if node.get("clip-path") and (node.text or "").strip("\n")
    ]
    if not texts:
        return []
    # Each text element is as wide as its characters: that gives the width of a cell.
    first = texts[0]
    cell_width = float(first.get("textLength", 0)) / len(first.text or " ")
    # The terminal's own background shows where no segment set one: the window's frame.
    frame = next(rect for rect in root.iter(f"{_SVG}rect") if rect.get("rx"))
    backgrounds: dict[tuple[int, int], str] = {}
    for rect in root.iter(f"{_SVG}rect"):
        if rect.get("shape-rendering") != "crispEdges":
            continue
        row = _row(rect, line_height)
        start = round(float(rect.get("x", 0)) / cell_width)
        cells = round(float(rect.get("width", 0)) / cell_width)
        for column in range(start, start + cells):
            backgrounds[row, column] = rect.get("fill", "")
    default = frame.get("fill", "#000000")
    runs: list[Run] = []
    for node in texts:
        row = _row(node, line_height)
        column = round(float(node.get("x", 0)) / cell_width)
        foreground = fills[node.get("class", "")]
        runs.extend(_split(node.text or "", row, column, foreground, backgrounds, default))
    return runs


def shortfalls(
    runs: Iterable[Run], minimum: float, region: Region | None = None
) -> list[Shortfall]:
    """The runs below ``minimum`` contrast that hold something to read.

    Args:
        runs: The screen's runs (``read_runs``).
        minimum: The least ratio allowed, e.g. ``AA``.
        region: Only judge the cells inside it (the box of a modal screen: the screen dimmed
            behind it is inactive, and WCAG sets no contrast for inactive parts).
    """
    found: list[Shortfall] = []
    for whole in runs:
        run = whole if region is None else _clip(whole, region)
        if run is None or all(char.isspace() or is_decoration(char) for char in run.text):
            continue
        ratio = contrast_ratio(run.foreground, run.background)
        if ratio < minimum:
            found.append(Shortfall(run, ratio))
    return found


def screen_text(runs: Iterable[Run]) -> str:
    """The screen as lines of text, to check that it shows what a test expects."""
    lines: dict[int, dict[int, str]] = {}
    for run in runs:
        line = lines.setdefault(run.row, {})
        column = run.column
        for char in run.text:
            width = cell_len(char)
            if width:
                line[column] = char
            else:  # a combining mark joins the character before it
                line[column - 1] = line.get(column - 1, "") + char
            column += width
    text = []
    for row in range(max(lines, default=-1) + 1):
        line = lines.get(row, {})
        text.append("".join(line.get(column, " ") for column in range(max(line, default=-1) + 1)))
    return "\n".join(text)


def _row(node: ET.Element, line_height: float) -> int:
    # Text sits on its baseline and rects start 1.5px down: both fall inside their line.
    return math.floor(float(node.get("y", 0)) / line_height)


def _split(
    text: str,
    row: int,
    column: int,
    foreground: str,
    backgrounds: dict[tuple[int, int], str],
    default: str,
) -> list[Run]:
    """Cut one text element where the background under it changes."""
    runs: list[Run] = []
    start, chars, under = column, "", None
    for char in text:
        background = backgrounds.get((row, column), default)
        if chars and background != under:
            runs.append(Run(row, start, chars, foreground, under or default))
            start, chars = column, ""
        under = background
        chars += " " if char == "\xa0" else char  # Rich draws every space as a no-break one
        column += cell_len(char)
    if chars:
        runs.append(Run(row, start, chars, foreground, under or default))
    return runs


def _clip(run: Run, region: Region) -> Run | None:
    """The part of ``run`` inside ``region``, if any."""
    if not region.y <= run.row < region.bottom:
        return None
    column, start, kept = run.column, None, ""
    for char in run.text:
        if region.x <= column < region.right:
            start = column if start is None else start
            kept += char
        column += cell_len(char)
    if start is None:
        return None
    return Run(run.row, start, kept, run.foreground, run.background)
