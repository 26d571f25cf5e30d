"""Snapshot tests: every screen as the players see it, at the sizes that matter.

Regenerate after a deliberate change with ``pytest tests/tui/test_snapshots.py
--snapshot-update`` and look at each changed SVG before committing it.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.core.library import Library
from closeness_cards.tui.app import CardsApp, SetupChoices
from support.tui import make_app

SnapCompare = Callable[..., bool]
OPTIONS = Options(("Ana", "Ben"), Stage.LONG_TERM, Shape.STANDARD, seed=7, wildcards=False)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates in history are shown in local time: make it the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def table(library: Library, options: Options = OPTIONS) -> CardsApp:
    return make_app(library, options=options)


def test_setup_screen(snap_compare: SnapCompare, builtin_library: Library) -> None:
    app = make_app(builtin_library, choices=SetupChoices(players=("Ana", "Ben")))
    assert snap_compare(app, terminal_size=(80, 24))


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (160, 48)])
def test_play_screen(
    snap_compare: SnapCompare, builtin_library: Library, size: tuple[int, int]
) -> None:
    assert snap_compare(table(builtin_library), terminal_size=size)


def test_play_screen_dig_deeper_and_marks(
    snap_compare: SnapCompare, builtin_library: Library
) -> None:
    assert snap_compare(
        table(builtin_library), press=["space", "d", "f", "r"], terminal_size=(80, 24)
    )


def test_summary_screen(snap_compare: SnapCompare, builtin_library: Library) -> None:
    quick = Options(("Ana", "Ben"), Stage.FRIENDS, Shape.QUICK, seed=3, wildcards=False)
    assert snap_compare(table(builtin_library, quick), press=["space"] * 8, terminal_size=(80, 24))


def test_history_screen(snap_compare: SnapCompare, builtin_library: Library) -> None:
    quick = Options(("Ana", "Ben"), Stage.FRIENDS, Shape.QUICK, seed=3, wildcards=False)
    assert snap_compare(
        table(builtin_library, quick), press=[*["space"] * 8, "f3"], terminal_size=(80, 24)
    )


def test_favourites_screen(snap_compare: SnapCompare, builtin_library: Library) -> None:
    assert snap_compare(
        table(builtin_library), press=["f", "space", "x", "f2"], terminal_size=(80, 24)
    )


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_decks_screen(
    snap_compare: SnapCompare,
    builtin_library: Library,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    # The screen names the user's deck folder: give it a path that is the same every run.
    home = Path(tempfile.gettempdir()) / "closeness-cards-snapshot-home"
    shutil.rmtree(home, ignore_errors=True)
    monkeypatch.setenv("CLOSENESS_CARDS_HOME", str(home))
    try:
        assert snap_compare(table(builtin_library), press=["f4"], terminal_size=size)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_deck_reader(snap_compare: SnapCompare, builtin_library: Library) -> None:
    assert snap_compare(table(builtin_library), press=["f4", "enter"], terminal_size=(80, 24))


def test_session_detail(snap_compare: SnapCompare, builtin_library: Library) -> None:
    quick = Options(("Ana", "Ben"), Stage.FRIENDS, Shape.QUICK, seed=3, wildcards=False)
    assert snap_compare(
        table(builtin_library, quick),
        press=[*["space"] * 8, "f3", "enter"],
        terminal_size=(80, 24),
    )


def test_forget_confirmation(snap_compare: SnapCompare, builtin_library: Library) -> None:
    quick = Options(("Ana", "Ben"), Stage.FRIENDS, Shape.QUICK, seed=3, wildcards=False)
    assert snap_compare(
        table(builtin_library, quick), press=[*["space"] * 8, "f3", "x"], terminal_size=(80, 24)
    )


def test_help_screen(snap_compare: SnapCompare, builtin_library: Library) -> None:
    assert snap_compare(table(builtin_library), press=["question_mark"], terminal_size=(80, 24))


def test_check_in_screen(snap_compare: SnapCompare, builtin_library: Library) -> None:
    app = make_app(builtin_library, choices=SetupChoices(players=("Ana", "Ben")))
    assert snap_compare(app, press=["ctrl+s", "_", "space", "_", "4"], terminal_size=(80, 24))


def test_opening_ritual(snap_compare: SnapCompare, builtin_library: Library) -> None:
    app = make_app(builtin_library, choices=SetupChoices(players=("Ana", "Ben")))
    assert snap_compare(app, press=["ctrl+s", "_"], terminal_size=(80, 24))


def test_pause_between_sets(snap_compare: SnapCompare, builtin_library: Library) -> None:
    sets = Options(("Ana", "Ben"), Stage.COMMITTED, Shape.THREE_SETS, seed=2, wildcards=False)
    assert snap_compare(table(builtin_library, sets), press=["space"] * 12, terminal_size=(80, 24))


def test_too_small_window(snap_compare: SnapCompare, builtin_library: Library) -> None:
    async def shrink(pilot: Pilot[Any]) -> None:
        await pilot.resize_terminal(50, 16)
        await pilot.pause()

    assert snap_compare(table(builtin_library), run_before=shrink, terminal_size=(80, 24))


def test_high_contrast_theme(snap_compare: SnapCompare, builtin_library: Library) -> None:
    app = table(builtin_library)

    async def contrast(pilot: Pilot[Any]) -> None:
        pilot.app.theme = "closeness-high-contrast"
        await pilot.pause()

    assert snap_compare(app, run_before=contrast, terminal_size=(80, 24))
