"""The closeness scale: seven pairs of circles, from apart (1) to almost one (7), to pick from."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.widget import Widget

VALUES = tuple(range(1, 8))
"""The points of the scale: 1 apart, 7 almost one."""

# Per art height in lines: the circle radius in braille dots and the distance between the two
# centres for 1 to 7. A braille cell is 2 dots wide and 4 tall and its dots are about square,
# so these draw true circles. Hand-tuned rather than computed, because at these sizes rounding
# makes neighbouring pairs identical; 1 leaves a clear gap, 2 barely overlaps.
GEOMETRY: dict[int, tuple[float, tuple[int, ...]]] = {
    2: (3.5, (10, 6, 5, 4, 3, 2, 1)),
    3: (5.0, (13, 9, 8, 7, 5, 4, 3)),
    4: (7.0, (17, 12, 10, 9, 7, 6, 4)),
    5: (9.0, (21, 15, 13, 11, 9, 7, 5)),
}
SLOT_GAP = 1
"""Blank cells between two pairs."""

# Which dot of a braille cell each (column, row) is: the Unicode braille bit order.
_DOT_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))


@dataclass(frozen=True)
class PairArt:
    """One pair of circles drawn in braille, centred in its slot."""

    rows: tuple[str, ...]
    """The glyphs, one string per line; a space where there is no dot."""
    owners: tuple[str, ...]
    """Per cell, whose dots it holds: ``s`` the self circle, ``o`` the other, ``b`` both."""


@dataclass(frozen=True)
class ScaleLayout:
    """How the seven pairs sit in a given width."""

    lines: int
    """Height of each pair's drawing, in lines (2 to 5)."""
    slot: int
    """Width of each pair's slot, in cells."""
    rows: tuple[tuple[int, ...], ...]
    """The values on each row of pairs."""

    @property
    def height(self) -> int:
        """Lines taken: each row is its drawing plus a line of labels, then the caption."""
        return len(self.rows) * (self.lines + 1) + 1


def _circle(cx: float, cy: float, radius: float) -> frozenset[tuple[int, int]]:
    # Walking the circumference (rather than testing every dot's distance) gives an outline
    # exactly one dot thick, with no gaps on the diagonals.
    steps = int(8 * math.pi * radius) + 8
    return frozenset(
        (
            math.floor(cx + radius * math.cos(2 * math.pi * i / steps) + 0.5),
            math.floor(cy + radius * math.sin(2 * math.pi * i / steps) + 0.5),
        )
        for i in range(steps)
    )


def slot_width(lines: int) -> int:
    """The cells a pair needs at this height: the widest pair, 1, sets it."""
    radius, distances = GEOMETRY[lines]
    dots = int(2 * radius) + 1 + distances[0]
    return (dots + 1) // 2


@lru_cache(maxsize=64)
def pair_art(value: int, lines: int) -> PairArt:
    """Draw the pair for ``value`` (1 to 7) ``lines`` tall (2 to 5), centred in its slot."""
    radius, distances = GEOMETRY[lines]
    distance = distances[value - 1]
    width = slot_width(lines)
    # Centre the midpoint between the two circles, so the seven pairs line up as one scale.
    shift = math.floor((2 * width - 1) / 2 - (radius + distance / 2) + 0.5)
    mine = _circle(radius + shift, radius, radius)
    theirs = _circle(radius + distance + shift, radius, radius)
    rows: list[str] = []
    owners: list[str] = []
    for line in range(lines):
        glyphs: list[str] = []
        whose: list[str] = []
        for cell in range(width):
            bits = 0
            in_mine = in_theirs = False
            for column, row_bits in enumerate(_DOT_BITS):
                for row, bit in enumerate(row_bits):
                    dot = (2 * cell + column, 4 * line + row)
                    if dot in mine or dot in theirs:
                        bits |= bit
                        in_mine = in_mine or dot in mine
                        in_theirs = in_theirs or dot in theirs
            glyphs.append(chr(0x2800 + bits) if bits else " ")
            whose.append("b" if in_mine and in_theirs else "s" if in_mine else "o" if bits else " ")
        rows.append("".join(glyphs))
        owners.append("".join(whose))
    return PairArt(tuple(rows), tuple(owners))


def _row_width(count: int, slot: int) -> int:
    return count * slot + (count - 1) * SLOT_GAP


def scale_layout(width: int, max_lines: int = 5) -> ScaleLayout:
    """The largest drawing that fits ``width``: one row if possible, else two, else more."""
    heights = [lines for lines in sorted(GEOMETRY, reverse=True) if lines <= max_lines] or [2]
    for lines in heights:
        if _row_width(len(VALUES), slot_width(lines)) <= width:
            return ScaleLayout(lines, slot_width(lines), (VALUES,))
    # Two rows already double the height, so their drawings stay small.
    for lines in (h for h in heights if h <= 3):
        if _row_width(4, slot_width(lines)) <= width:
            return ScaleLayout(lines, slot_width(lines), (VALUES[:4], VALUES[4:]))
    slot = slot_width(2)
    per_row = max(1, (width + SLOT_GAP) // (slot + SLOT_GAP))
    rows = tuple(VALUES[start : start + per_row] for start in range(0, len(VALUES), per_row))
    return ScaleLayout(2, slot, rows)


class ClosenessScale(Widget, can_focus=True):
    """Seven pairs of circles to choose how close you feel, from 1 (apart) to 7 (almost one).

    Number keys and a click choose at once; left and right move the highlight and enter
    chooses it. Each choice is handed to ``chosen`` there and then, not posted as a message:
    a key bound on the screen (s to skip) runs as the app hands it out, so a message from
    an earlier key could arrive after it and the answers of a fast burst would shift.
    """

    BINDINGS = [
        *(Binding(str(value), f"choose({value})", str(value), show=False) for value in VALUES),
        Binding("left", "move(-1)", "Less close", show=False),
        Binding("right", "move(1)", "Closer", show=False),
        Binding("enter", "confirm", "Choose", show=False),
    ]
    """1-7 choose; left/right move the highlight; enter chooses the highlighted pair."""

    COMPONENT_CLASSES = {
        "closeness-scale--pair",
        "closeness-scale--hover",
        "closeness-scale--cursor",
        "closeness-scale--label",
        "closeness-scale--cursor-label",
        "closeness-scale--caption",
    }
    """The pairs, the one under the mouse, the highlighted one, their labels, and the caption."""

    DEFAULT_CSS = """
    ClosenessScale {
        width: 1fr;
        height: auto;
    }
    ClosenessScale > .closeness-scale--pair { color: $foreground 45%; }
    ClosenessScale > .closeness-scale--hover { color: $foreground 85%; }
    ClosenessScale > .closeness-scale--cursor { color: $accent; text-style: bold; }
    ClosenessScale > .closeness-scale--label { color: $text-muted; }
    ClosenessScale > .closeness-scale--cursor-label {
        color: $text-accent;
        background: $accent-muted;
        text-style: bold;
    }
    ClosenessScale > .closeness-scale--caption { color: $text-muted; text-style: italic; }
    ClosenessScale:focus > .closeness-scale--cursor-label {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
    }
    """
    """Muted pairs; the highlighted one in the accent colour, its number on a chip (in the
    block cursor's colours while focused: the foreground on the accent can be 1:1)."""

    cursor: reactive[int | None] = reactive(None)
    """The highlighted value, or None before anything is chosen."""
    max_lines: reactive[int] = reactive(5, layout=True)
    """The tallest drawing allowed (2 to 5 lines); screens lower it when height is short."""
    colours: reactive[tuple[str, str] | None] = reactive(None)
    """Colours of the self and the other circle of the highlighted pair; None: the accent."""
    hover: reactive[int | None] = reactive(None)
    """The value under the mouse, drawn a little brighter."""

    def __init__(
        self, chosen: Callable[[int], object], *, id: str | None = None, classes: str | None = None
    ) -> None:
        """Args:
        chosen: Called with each value chosen (by number key, enter, or a click), 1 (apart)
            to 7 (almost one).
        """
        super().__init__(id=id, classes=classes)
        self._chosen = chosen

    def layout_for(self, width: int | None = None) -> ScaleLayout:
        """The layout at ``width`` (default: the widget's own width)."""
        return scale_layout(self.size.width if width is None else width, self.max_lines)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return _row_width(len(VALUES), slot_width(min(self.max_lines, 3)))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.layout_for(width).height

    def pair_region(self, value: int) -> Region:
        """Where the pair for ``value`` and its label are, relative to the widget."""
        layout = self.layout_for()
        for row_number, row in enumerate(layout.rows):
            if value in row:
                left = (self.size.width - _row_width(len(row), layout.slot)) // 2
                x = left + row.index(value) * (layout.slot + SLOT_GAP)
                return Region(x, row_number * (layout.lines + 1), layout.slot, layout.lines + 1)
        raise ValueError(f"closeness value must be 1 to 7, got {value!r}")

    def value_at(self, x: int, y: int) -> int | None:
        """The value whose pair (or label) is at ``x``, ``y`` in the widget, if any."""
        return next((v for v in VALUES if self.pair_region(v).contains(x, y)), None)

    def render(self) -> Text:
        layout = self.layout_for()
        width = self.size.width
        lines: list[Text] = []
        for row in layout.rows:
            indent = " " * max(0, (width - _row_width(len(row), layout.slot)) // 2)
            for line in range(layout.lines):
                text = Text(indent, no_wrap=True, end="")
                for index, value in enumerate(row):
                    if index:
                        text.append(" " * SLOT_GAP)
                    self._append_art(text, pair_art(value, layout.lines), line, value)
                lines.append(text)
            labels = Text(indent, no_wrap=True, end="")
            for index, value in enumerate(row):
                if index:
                    labels.append(" " * SLOT_GAP)
                chip = f" {value} "
                pad = (layout.slot - len(chip)) // 2
                labels.append(" " * pad)
                labels.append(chip, self._label_style(value))
                labels.append(" " * (layout.slot - pad - len(chip)))
            lines.append(labels)
        lines.append(self._caption(layout))
        return Text("\n", no_wrap=True, end="").join(lines)

    def _append_art(self, text: Text, art: PairArt, line: int, value: int) -> None:
        glyphs, owners = art.rows[line], art.owners[line]
        if value != self.cursor:
            name = "closeness-scale--hover" if value == self.hover else "closeness-scale--pair"
            text.append(glyphs, self.get_component_rich_style(name))
            return
        base = self.get_component_rich_style("closeness-scale--cursor")
        styles = {" ": base, "b": base, "s": base, "o": base}
        if self.colours is not None:
            mine, theirs = self.colours
            styles["s"] = base + Style(color=mine)
            styles["o"] = base + Style(color=theirs)
        for glyph, owner in zip(glyphs, owners, strict=True):
            text.append(glyph, styles[owner])

    def _label_style(self, value: int) -> Style:
        name = "closeness-scale--cursor-label" if value == self.cursor else "closeness-scale--label"
        return self.get_component_rich_style(name)

    def _caption(self, layout: ScaleLayout) -> Text:
        style = self.get_component_rich_style("closeness-scale--caption")
        width = self.size.width
        row_width = _row_width(len(VALUES), layout.slot)
        if len(layout.rows) == 1 and row_width >= 30:
            # One row: the two ends are named under the two ends of the scale.
            indent = (width - row_width) // 2
            left, right = "◂ apart", "almost one ▸"
            gap = row_width - len(left) - len(right)
            return Text(" " * indent + left + " " * gap + right, style=style, no_wrap=True)
        caption = Text("1 apart · 7 almost one", style=style, no_wrap=True)
        caption.align("center", width)
        return caption

    def action_choose(self, value: int) -> None:
        """Choose ``value`` and say so."""
        self.cursor = value
        self._chosen(value)

    def action_move(self, step: int) -> None:
        """Move the highlight; the first move lands in the middle, so no end is suggested."""
        if self.cursor is None:
            self.cursor = 4
        else:
            self.cursor = min(max(self.cursor + step, VALUES[0]), VALUES[-1])

    def action_confirm(self) -> None:
        """Choose the highlighted pair, if there is one."""
        if self.cursor is None:
            self.app.bell()
        else:
            self.action_choose(self.cursor)

    def on_click(self, event: events.Click) -> None:
        value = self.value_at(event.x, event.y)
        if value is not None:
            event.stop()
            self.focus()
            self.action_choose(value)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hover = self.value_at(event.x, event.y)

    def on_leave(self, event: events.Leave) -> None:
        self.hover = None
