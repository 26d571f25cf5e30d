"""The contrast reader itself: colours read back from SVGs that Rich draws, with known answers."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text
from textual.geometry import Region

from support.contrast import (
    AA,
    contrast_ratio,
    is_decoration,
    read_runs,
    screen_text,
    shortfalls,
)


def svg_of(*lines: Text) -> str:
    """An SVG screenshot, as ``App.export_screenshot`` makes it, of these lines."""
    console = Console(
        width=30, file=io.StringIO(), force_terminal=True, color_system="truecolor", record=True
    )
    for line in lines:
        console.print(line)
    return console.export_svg()


def test_contrast_ratios_are_wcags() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # A known pair: Textual's blue under white text just reaches AA.
    assert contrast_ratio("#ffffff", "#0178d4") == pytest.approx(4.53, abs=0.01)


def test_each_run_has_the_colours_it_was_drawn_in() -> None:
    line = Text.assemble(("grey", "#777777 on #888888"), " ", ("white", "#ffffff on #000000"))
    runs = read_runs(svg_of(line))
    drawn = {run.text: (run.row, run.column, run.foreground, run.background) for run in runs}
    assert drawn["grey"] == (0, 0, "#777777", "#888888")
    assert drawn["white"] == (0, 5, "#ffffff", "#000000")
    assert screen_text(runs).startswith("grey white")


def test_the_screen_reads_line_by_line() -> None:
    runs = read_runs(svg_of(Text("one"), Text("  two")))
    assert screen_text(runs).splitlines() == ["one", "  two"]


def test_dim_and_reversed_text_are_judged_as_drawn() -> None:
    runs = read_runs(
        svg_of(Text("dim", "dim #ffffff on #000000"), Text("rev", "reverse #000000 on #ffffff"))
    )
    drawn = {run.text: (run.foreground, run.background) for run in runs}
    assert drawn["dim"][0] not in ("#ffffff", "#000000")  # blended towards the background
    assert drawn["rev"] == ("#ffffff", "#000000")


def test_words_below_the_minimum_are_named_with_their_ratio() -> None:
    line = Text.assemble(("faint words", "#777777 on #888888"), ("clear", "#ffffff on #000000"))
    found = shortfalls(read_runs(svg_of(line)), AA)
    assert [shortfall.run.text for shortfall in found] == ["faint words"]
    message = str(found[0])
    assert "'faint words'" in message and "1.2" in message and "#777777 on #888888" in message


def test_pictures_are_not_judged_but_words_beside_them_are() -> None:
    assert all(is_decoration(char) for char in "─╭▌█⣿🔎")
    assert not any(is_decoration(char) for char in "a♥▶·…")
    line = Text.assemble(("╭──╮ ⣿⣿ 🔎", "#777777 on #888888"), (" x", "#777777 on #888888"))
    found = shortfalls(read_runs(svg_of(line)), AA)
    assert [shortfall.run.text.strip() for shortfall in found] == ["x"]


def test_a_region_limits_what_is_judged_to_the_cells_inside() -> None:
    faint = "#777777 on #888888"
    runs = read_runs(svg_of(Text("outside", faint), Text("in out", faint)))
    found = shortfalls(runs, AA, Region(0, 1, 3, 1))
    assert [(shortfall.run.row, shortfall.run.text) for shortfall in found] == [(1, "in ")]
