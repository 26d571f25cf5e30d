"""The seat app, driven by Pilot: a seat picks its player, draws its role, and follows."""

from __future__ import annotations

from textual.widgets import Static

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.table import Action
from closeness_cards.table.shared import SharedTable
from closeness_cards.tui.seat import SeatApp, SeatScreen
from support.table import sqlite_table


def hosted() -> SharedTable:
    table = sqlite_table()
    table.start(Options(players=("Ana", "Ben"), stage=Stage.DATING, seed=7))
    return SharedTable.share(table)


def text_of(app: SeatApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_seat_shows_its_role_and_only_its_keys() -> None:
    host = hosted()
    view = host.table.view()
    answerer = view.answerer
    assert answerer is not None
    number = "1" if answerer == "Ana" else "2"
    seat = SharedTable.join(host.table.library, host.session_id, switchable=True)
    app = SeatApp(seat)
    async with app.run_test(size=(44, 40)) as pilot:  # a phone's width
        await pilot.press(number)
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen)
        assert "Your turn to answer" in text_of(app, "#seat-role")
        assert app.screen.check_action("act", ("done",)) is True
        other = "2" if number == "1" else "1"
    listener = SharedTable.join(host.table.library, host.session_id, switchable=True)
    app = SeatApp(listener)
    async with app.run_test(size=(44, 40)) as pilot:
        await pilot.press(other)
        await pilot.pause()
        assert "Read this aloud" in text_of(app, "#seat-role")
        assert app.screen.check_action("act", ("done",)) is False  # not theirs: hidden
        assert app.screen.check_action("act", ("pass",)) is False
        await pilot.press("space")  # does nothing at this seat
        await pilot.pause()
        assert listener.version == host.version
        host.act(answerer, Action.DONE)  # another seat presses
        screen = app.screen
        assert isinstance(screen, SeatScreen)
        screen.poll()  # what the seat's timer does ten times a second
        await pilot.pause()
        assert listener.version == host.version
        assert "Your turn to answer" in text_of(app, "#seat-role")  # the turn came round
