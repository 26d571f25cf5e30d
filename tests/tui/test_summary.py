"""Pilot tests of the summary: every line of it can be reached by keyboard in a small window."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Button

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.core.library import Library
from closeness_cards.tui.app import CardsApp
from closeness_cards.tui.screens.summary import SummaryScreen
from support.tui import make_app, screen_rows

SIZES = [(80, 24), (60, 20)]


def footer_row(app: CardsApp) -> str:
    return screen_rows(app)[-1]


def on_screen(app: CardsApp) -> str:
    return " ".join(" ".join(row.split()) for row in screen_rows(app))


def last_words(text: str) -> str:
    return " ".join(text.split()[-2:])


@pytest.mark.parametrize("size", SIZES)
async def test_a_session_ended_on_its_first_card_shows_both_lists(
    builtin_library: Library, size: tuple[int, int]
) -> None:
    # The trial's session: kept and marked on the first card, then ended early.
    options = Options(("Ana", "Ben"), Stage.DATING, seed=1)
    app = make_app(builtin_library, options=options)
    async with app.run_test(size=size) as pilot:
        assert app.session is not None and app.session.current is not None
        first = app.session.current.card.text
        await pilot.press("f", "r", "space", "q", "enter", "space", "space")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.favourites == (first,) and app.screen.revisits == (first,)
        await pilot.press("end")
        await pilot.pause()
        shown = on_screen(app)
        assert "Kept as favourites" in shown and "To revisit later:" in shown
        assert shown.count(last_words(first)) == 2  # the end of each list's one card
        assert isinstance(app.focused, Button)


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_summary_scrolls_by_keys_and_keeps_its_buttons(
    builtin_library: Library, size: tuple[int, int]
) -> None:
    options = Options(("Ana", "Ben"), Stage.COMMITTED, Shape.QUICK, seed=21, wildcards=False)
    app = make_app(builtin_library, options=options)
    async with app.run_test(size=size) as pilot:
        for _ in range(12):
            if isinstance(app.screen, SummaryScreen):
                break
            await pilot.press("f", "r", "space")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen.query_one("#summary", VerticalScroll)
        assert summary.max_scroll_y > 0 and summary.scroll_y == 0
        assert "↓ More" in footer_row(app)  # the footer says there is more below
        focused = app.focused
        assert isinstance(focused, Button) and focused.id == "new"

        await pilot.press("down")
        await pilot.pause()
        assert summary.scroll_y == 1
        await pilot.press("pagedown")
        await pilot.pause()
        assert summary.scroll_y > 1
        await pilot.press("end")
        await pilot.pause()
        assert summary.scroll_y == summary.max_scroll_y
        assert last_words(app.screen.revisits[-1]) in on_screen(app)  # the very last line
        assert "↓ More" not in footer_row(app)
        for button in ("#new", "#quit"):  # still in view, and still holding the focus
            region = app.screen.query_one(button).region
            assert region.height and region.bottom <= size[1] - 1
        assert app.focused is focused

        await pilot.press("home")
        await pilot.pause()
        assert summary.scroll_y == 0
        await pilot.press("end", "pageup")
        await pilot.pause()
        assert 0 <= summary.scroll_y < summary.max_scroll_y
        await pilot.press("tab")  # the buttons keep their keys: on to Quit
        await pilot.pause()
        assert app.focused is app.screen.query_one("#quit")


async def test_a_short_summary_offers_nothing_to_scroll(builtin_library: Library) -> None:
    options = Options(("Ana", "Ben"), Stage.FRIENDS, Shape.QUICK, seed=3, wildcards=False)
    app = make_app(builtin_library, options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q", "enter", "space", "space")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.query_one("#summary", VerticalScroll).max_scroll_y == 0
        assert "More" not in footer_row(app)
