"""Keys typed in one burst (a paste, a fast typist) land where they were meant."""

from __future__ import annotations

from textual.widgets import Input

from closeness_cards.core.cards import Card, Deck, Depth, Kind
from closeness_cards.core.library import Library
from closeness_cards.table import Choices as SetupChoices
from closeness_cards.tui.screens.setup import SetupScreen
from support.tui import burst, make_app

LIBRARY = Library(
    (
        Deck(
            "t",
            "Test deck",
            (
                *(Card("t", f"q{n}", f"Tell the story of moment {n}.", Depth(1)) for n in range(8)),
                Card("t", "close", "Each name one thing you will carry.", Depth(1), Kind.CLOSING),
            ),
        ),
    )
)


async def test_names_typed_in_one_burst_fill_one_box_each() -> None:
    app = make_app(LIBRARY, choices=SetupChoices(players=("Player 1", "Player 2")))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await burst(pilot, *"Ana", "enter", *"Ben", "enter")
        assert app.screen.player_names() == ["Ana", "Ben"]
        assert app.focused is app.screen.query_one("#stage")  # Enter in the last box goes on


async def test_keys_after_ctrl_n_in_one_burst_land_in_the_new_box() -> None:
    app = make_app(LIBRARY, choices=SetupChoices(players=("Player 1", "Player 2")))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, *"Ana", "enter", *"Ben", "ctrl+n", *"Cy")
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.player_names() == ["Ana", "Ben", "Cy"]
        assert isinstance(app.focused, Input) and app.focused.id == "player-3"
