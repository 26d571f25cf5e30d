"""Keys typed in one burst (a paste, a fast typist) land where they were meant."""

from __future__ import annotations

from textual.widgets import Input

from closeness_cards.core.cards import Card, Deck, Depth, Kind
from closeness_cards.core.library import Library
from closeness_cards.table import Choices as SetupChoices
from closeness_cards.tui.screens.checkin import CheckInScreen
from closeness_cards.tui.screens.play import PlayScreen
from closeness_cards.tui.screens.setup import SetupScreen
from closeness_cards.tui.screens.summary import SummaryScreen
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


async def test_a_burst_as_the_after_check_in_opens_never_credits_the_wrong_player() -> None:
    players = ("Ana", "Ben", "Cai", "Dee")
    app = make_app(LIBRARY, choices=SetupChoices(players=players, opening=False))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape", "y")  # no check-in before: the one after is asked all the same
        await pilot.pause()
        await pilot.press("q", "y")  # end here: the closing card comes
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not None and app.session.is_closing
        await pilot.press("space", "space", "space")  # Ana, Ben and Cai have answered
        await pilot.pause()
        await burst(pilot, "space", *"62s7")
        session_id = app.table.session_id
        assert session_id is not None
        after = {p: a for p, (_, a) in app.table.ports.log.check_ins(session_id).items()}
        assert isinstance(app.screen, SummaryScreen), app.screen_stack
    assert [after.get(p) for p in players] == [6, 2, None, 7]


async def test_a_number_answers_for_the_player_asked_wherever_the_focus_is() -> None:
    app = make_app(LIBRARY, choices=SetupChoices(players=("Ana", "Ben"), opening=False))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        app.screen.set_focus(app.screen.query_one("#checkin-skip"))
        await burst(pilot, "5", "s")
        assert isinstance(app.screen, PlayScreen)
        session_id = app.table.session_id
        assert session_id is not None
        assert app.table.ports.log.check_ins(session_id) == {"Ana": (5, None)}
