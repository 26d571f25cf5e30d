"""The rule for notices: one routine notice at a time, short; warnings and errors stay."""

from __future__ import annotations

from typing import Any

from textual.command import CommandInput, CommandPalette
from textual.pilot import Pilot
from textual.widget import Widget

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.core.library import Library
from closeness_cards.tui.app import CardsApp
from closeness_cards.tui.notices import (
    ERROR_SECONDS,
    LONGEST_ROUTINE,
    ROUTINE_SECONDS,
    WARNING_SECONDS,
    NoticeBoard,
    notice_seconds,
)
from support.tui import make_app

OPTIONS = Options(("Ana", "Ben"), Stage.DATING, seed=1, wildcards=False)


def toasts(app: CardsApp) -> list[Widget]:
    return list(app.screen.query("Toast"))


def said(toast: Widget) -> str:
    return str(toast.render())


def test_routine_notices_are_short_and_problems_stay_long_enough() -> None:
    assert notice_seconds("information", None) == ROUTINE_SECONDS
    assert notice_seconds("information", 2) == 2
    assert notice_seconds("information", 30) == LONGEST_ROUTINE  # a path: read, not kept up
    assert notice_seconds("warning", None) == WARNING_SECONDS
    assert notice_seconds("warning", 15) == 15
    assert notice_seconds("error", None) == ERROR_SECONDS
    assert notice_seconds("error", 3) == ERROR_SECONDS  # an error is never hurried off
    assert notice_seconds("error", 60) == 60


def test_a_notice_takes_down_the_routine_one_before_it_but_never_a_problem() -> None:
    board = NoticeBoard()

    def make(message: str, severity: Any = "information") -> Any:
        return board.make(message, title="", severity=severity, timeout=None, markup=False)

    first, error, warning = make("Kept"), make("Could not save", "error"), make("Off", "warning")
    assert first.has_expired  # replaced
    assert not error.has_expired and not warning.has_expired
    second = make("Marked")
    third = make("Passed")
    assert second.has_expired and not third.has_expired
    assert not error.has_expired and not warning.has_expired
    board.clear_routine()
    assert third.has_expired and not error.has_expired


async def test_quick_keys_show_one_notice_not_a_pile(builtin_library: Library) -> None:
    app = make_app(builtin_library, options=OPTIONS)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f", "r", "p")  # kept, marked, passed: three notices at once
        await pilot.pause()
        await pilot.pause()
        shown = toasts(app)
        assert [said(toast) for toast in shown] == [said(shown[-1])] and "pass" in said(shown[0])
        card = app.screen.query_one("#card")
        assert not shown[0].region.overlaps(card.region)


async def test_an_error_stays_up_when_routine_notices_follow(builtin_library: Library) -> None:
    app = make_app(builtin_library, options=OPTIONS)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("Could not export: the disk is full", severity="error", markup=False)
        await pilot.press("f", "r")
        await pilot.pause()
        await pilot.pause()
        shown = [said(toast) for toast in toasts(app)]
        assert len(shown) == 2 and "the disk is full" in shown[0]
        assert "revisit" in shown[1]


async def palette_open(pilot: Pilot[int]) -> CommandPalette:
    await pilot.press("ctrl+p")
    for _ in range(50):
        await pilot.pause()
        if isinstance(pilot.app.screen, CommandPalette):
            return pilot.app.screen
    raise AssertionError("the palette never opened")


async def test_nothing_covers_the_palettes_search_box(builtin_library: Library) -> None:
    app = make_app(builtin_library, options=OPTIONS)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.action_save_picture()  # "Saved the picture as ..."
        await pilot.pause()
        assert toasts(app)
        await palette_open(pilot)
        await pilot.pause()
        assert toasts(app) == []  # routine notices are old news once the palette opens
        await pilot.press("escape")
        await pilot.pause()
        app.notify("Could not export: the disk is full", severity="error", markup=False)
        palette = await palette_open(pilot)
        await pilot.pause()
        search = palette.query_one(CommandInput).region
        shown = toasts(app)
        assert len(shown) == 1  # the error is still seen, below the search box
        assert not shown[0].region.overlaps(search) and shown[0].region.y > search.bottom


async def test_a_cards_notice_goes_when_the_next_card_comes(builtin_library: Library) -> None:
    app = make_app(builtin_library, options=OPTIONS)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("r")  # "Marked to revisit later": this card's news
        await pilot.pause()
        await pilot.pause()
        assert any("revisit" in said(toast) for toast in toasts(app))
        await pilot.press("space")  # the next card (or the next answer): not marked
        await pilot.pause()
        await pilot.pause()
        assert not any("revisit" in said(toast) for toast in toasts(app))
        await pilot.press("p")  # a pass brings a card and says so, on that card
        await pilot.pause()
        await pilot.pause()
        assert any("pass" in said(toast) for toast in toasts(app))


async def test_the_closing_card_offers_no_hide_and_no_pass(builtin_library: Library) -> None:
    from closeness_cards.table import Action

    app = make_app(builtin_library, options=OPTIONS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("space")  # "End with the closing card" has the focus
        await pilot.pause()
        assert app.session is not None and app.session.is_closing
        screen = app.screen
        for action in (Action.PASS, Action.HIDE):
            assert screen.check_action("act", (action.value,)) is False
        assert screen.check_action("act", (Action.DONE.value,)) is not False
