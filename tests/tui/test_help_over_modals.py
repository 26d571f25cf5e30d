"""? opens help over the opening, a set pause and the check-in; escape on the check-in asks."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Static

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.core.library import Library
from closeness_cards.table import Choices
from closeness_cards.tui.app import CardsApp
from closeness_cards.tui.screens.checkin import CheckInScreen, SeatCheckInScreen
from closeness_cards.tui.screens.confirm import ConfirmScreen
from closeness_cards.tui.screens.help import HelpScreen
from closeness_cards.tui.screens.pause import PauseScreen
from closeness_cards.tui.screens.play import PlayScreen
from closeness_cards.tui.screens.ritual import OpeningScreen
from support.tui import make_app

Result = dict[str, int | None]


async def help_and_back(app: CardsApp, pilot: Pilot[int], under: type[Screen[Any]]) -> None:
    """? opens help over the screen on top; escape closes it onto that same screen."""
    below = app.screen
    assert isinstance(below, under)
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    assert app.screen_stack[-2] is below
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is below


async def test_help_opens_over_the_opening_and_the_check_in(builtin_library: Library) -> None:
    choices = Choices(players=("Ana", "Ben"), stage=Stage.DATING, opening=True, check_in=True)
    app = make_app(builtin_library, choices=choices)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        await help_and_back(app, pilot, OpeningScreen)
        await pilot.press("space")
        await pilot.pause()
        await help_and_back(app, pilot, CheckInScreen)
        assert "Ana," in str(app.screen.query_one("#checkin-question", Static).render())
        await pilot.press("4", "5")  # the check-in goes on as before
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_help_opens_over_the_pause_between_sets(builtin_library: Library) -> None:
    options = Options(("Ana", "Ben"), Stage.DATING, Shape.THREE_SETS, seed=2, wildcards=False)
    app = make_app(builtin_library, options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(30):
            if isinstance(app.screen, PauseScreen):
                break
            await pilot.press("space")
            await pilot.pause()
        await help_and_back(app, pilot, PauseScreen)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


class CheckInHost(App[None]):
    """A bare app that shows one check-in and keeps what it was dismissed with."""

    def __init__(self, screen: CheckInScreen) -> None:
        super().__init__()
        self.check_in = screen
        self.results: list[Result | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.check_in, self.results.append)


async def test_escape_on_the_check_in_asks_before_it_skips_everyone() -> None:
    app = CheckInHost(CheckInScreen(("Ana", "Ben", "Cy"), "after"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")  # Ana answers; Ben is asked
        await pilot.press("escape")
        await pilot.pause()
        asked = app.screen
        assert isinstance(asked, ConfirmScreen)
        assert asked.question == (
            "Skip the check-in for Ben and Cy? The answers given so far are kept."
        )
        assert isinstance(app.focused, Button) and app.focused.id == "no"  # "Go back" first
        await pilot.press("escape")  # a second escape in a hurry: back, nothing skipped
        await pilot.pause()
        assert app.screen is app.check_in and app.results == []
        await pilot.press("escape", "enter")  # Enter on "Go back"
        await pilot.pause()
        assert app.screen is app.check_in and app.results == []
        assert "Ben," in str(app.screen.query_one("#checkin-question", Static).render())
        await pilot.press("escape", "y")
        await pilot.pause()
    assert app.results == [{"Ana": 4, "Ben": None, "Cy": None}]


async def test_escape_for_the_last_player_asks_about_that_player_only() -> None:
    app = CheckInHost(CheckInScreen(("Ana", "Ben"), "before"))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("3", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("Skip the check-in for Ben?")
        assert str(app.screen.query_one("#yes", Button).label) == "Skip"
        await pilot.press("y")
        await pilot.pause()
    assert app.results == [{"Ana": 3, "Ben": None}]


async def test_a_seats_check_in_still_skips_at_once_on_escape() -> None:
    app = CheckInHost(SeatCheckInScreen("Cai", "before"))
    async with app.run_test(size=(44, 40)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [{"Cai": None}]
