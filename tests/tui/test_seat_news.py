"""A seat's news line: this card's news only, whose a key is, and whose turn the closing
card is."""

from __future__ import annotations

from textual.widgets import Static

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.table import Action
from closeness_cards.table.shared import SharedTable
from closeness_cards.tui.seat import SeatApp
from support.table import sqlite_table

PLAYERS = ("Ana", "Ben", "Cai")


def hosted() -> SharedTable:
    table = sqlite_table()
    table.start(Options(players=PLAYERS, stage=Stage.FRIENDS, seed=11, wildcards=False))
    return SharedTable.share(table)


def seat_app(host: SharedTable) -> SeatApp:
    return SeatApp(SharedTable.join(host.table.library, host.session_id, switchable=True))


def shown(app: SeatApp, widget: str) -> str:
    return str(app.screen.query_one(f"#{widget}", Static).render())


async def test_a_key_that_is_not_yours_says_whose_it_is_and_moves_nothing() -> None:
    host = hosted()
    view = host.table.view()
    answerer = view.answerer
    assert answerer is not None
    listener = next(p for p in PLAYERS if p not in (answerer, view.reader))
    app = seat_app(host)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press(str(PLAYERS.index(listener) + 1))
        await pilot.pause()
        version = host.version
        await pilot.press("space")
        await pilot.pause()
        assert shown(app, "seat-news") == f"That is {answerer}'s to do."
        await pilot.press("p")
        await pilot.pause()
        assert shown(app, "seat-news") == f"That is {answerer}'s to do."
        host.poll()
        assert host.version == version  # nothing moved


async def test_news_of_a_card_goes_when_the_next_card_comes() -> None:
    host = hosted()
    first = host.table.view()
    answerer = first.answerer
    assert answerer is not None
    watcher = next(p for p in PLAYERS if p != answerer)
    app = seat_app(host)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press(str(PLAYERS.index(watcher) + 1))
        await pilot.pause()
        host.act(answerer, Action.PASS)  # another seat passes: the news reaches this one
        await pilot.pause(0.4)
        assert f"{answerer} passed" in shown(app, "seat-news")
        now = host.table.view()
        assert now.answerer is not None
        host.act(now.answerer, Action.DONE)  # the next card, with no news of its own
        await pilot.pause(0.4)
        assert host.table.view().number != now.number or host.table.view().answerer != (
            now.answerer
        )
        assert shown(app, "seat-news") == ""


async def test_the_closing_card_says_whose_turn_it_is_at_every_seat() -> None:
    host = hosted()
    host.act(PLAYERS[0], Action.END)  # to the closing card
    closing = host.table.view()
    assert closing.closing and closing.answerer is not None
    other = next(p for p in PLAYERS if p != closing.answerer)
    for player, words in (
        (closing.answerer, "The closing card: your turn"),
        (other, f"The closing card: {closing.answerer}'s turn now"),
    ):
        app = seat_app(host)
        async with app.run_test(size=(80, 30)) as pilot:
            await pilot.press(str(PLAYERS.index(player) + 1))
            await pilot.pause()
            assert shown(app, "seat-role").startswith(words)
            await pilot.press("p")  # nobody's to pass: the table's own words
            await pilot.pause()
            assert "cannot be passed" in shown(app, "seat-news")
