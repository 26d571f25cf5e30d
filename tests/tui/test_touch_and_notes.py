"""Touch is the players' choice in setup; an optional deck says what it is for when switched on."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import Checkbox, Input

from closeness_cards.core.cards import ALL_STAGES, Deck
from closeness_cards.core.library import Library
from closeness_cards.tui.screens.decks import DecksScreen
from closeness_cards.tui.screens.setup import SetupScreen
from support import make_cards
from support.tui import make_app

NOTE = "For couples who live apart. Switch it off when the distance is behind you."


async def test_touch_is_off_until_the_players_tick_it_in_setup(builtin_library: Library) -> None:
    for tick in (False, True):
        app = make_app(builtin_library)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SetupScreen)
            box = app.screen.query_one("#touch", Checkbox)
            assert box.value is False and "touch" in str(box.label)
            app.screen.query_one("#player-1", Input).value = "Ana"
            app.screen.query_one("#player-2", Input).value = "Ben"
            if tick:
                box.focus()
                await pilot.press("space")
            app.screen.query_one("#opening", Checkbox).value = False
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.pause()
            assert app.session is not None
            assert app.session.deal.options.touch is tick


class NotedHost(App[None]):
    """The decks screen with one optional deck, recording what it says."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.said: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(DecksScreen(self.library, {"apart"}))

    def notify(self, message: str, **options: Any) -> None:  # type: ignore[override]
        self.said.append(message)
        super().notify(message, **options)


async def test_switching_an_optional_deck_on_says_its_note_and_off_says_nothing() -> None:
    apart = Deck("apart", "Miles [b]Apart[/b]", tuple(make_cards(2, deck="apart")),
                 stages=ALL_STAGES, optional=True, note=NOTE)  # fmt: skip
    app = NotedHost(Library((apart,)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")  # on
        await pilot.pause()
        assert app.said == [f"Miles [b]Apart[/b]: {NOTE}"]
        await pilot.press("space")  # off again
        await pilot.pause()
        assert len(app.said) == 1


async def test_the_reader_page_of_an_optional_deck_says_its_note_to_read_again() -> None:
    from textual.widgets import Static

    from closeness_cards.tui.screens.decks import DeckReaderScreen

    apart = Deck("apart", "Apart", tuple(make_cards(2, deck="apart")), optional=True, note=NOTE)
    app = NotedHost(Library((apart,)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeckReaderScreen)
        about = str(app.screen.query_one("#reader-about", Static).render())
        assert f"Optional: off until you switch it on. {NOTE}" in about
