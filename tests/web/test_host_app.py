"""The host's terminal (HostApp, driven by Pilot): its keys, and quitting the room."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from textual.widgets import Footer, Static

from closeness_cards.core.cards import Stage
from closeness_cards.table import Choices, Table, options_from
from closeness_cards.table.decks import load_decks
from closeness_cards.table.shared import SharedTable
from closeness_cards.table.sqlite import open_ports
from closeness_cards.text import seats
from closeness_cards.tui.host import HostApp

LINK = "http://127.0.0.1:8000/key/"


@pytest.fixture
def shared() -> Iterator[SharedTable]:
    table = Table(load_decks(), open_ports())
    choices = Choices(players=("Ana", "Ben"), stage=Stage.DATING, opening=False)
    table.start(options_from(choices), check_in=True)
    shared = SharedTable.share(table)
    yield shared
    table.close()


class Room:
    """What HostApp starts and stops: the room, held open until the test lets it close."""

    def __init__(self) -> None:
        self.stopping = asyncio.Event()
        self.may_stop = asyncio.Event()

    async def start(self) -> str:
        return LINK

    async def stop(self) -> None:
        self.stopping.set()
        await self.may_stop.wait()


def host_app(shared: SharedTable, room: Room) -> HostApp:
    return HostApp(shared, start=room.start, stop=room.stop, qr=lambda _: ["QR"], lan=False)


def footer_text(app: HostApp) -> str:
    return " ".join(app.export_screenshot().replace("&#160;", " ").split())


async def test_the_footer_names_q_plainly_and_g_only_while_a_check_in_waits(
    shared: SharedTable,
) -> None:
    app = host_app(shared, Room())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.query_one(Footer).display
        shown = {key for key, active in app.active_bindings.items() if active.binding.show}
        assert {"q", "g"} <= shown and "ctrl+q" not in shown
        screen = footer_text(app)
        assert "Quit" in screen and "Go on without them" in screen and "^q" not in screen
        await pilot.press("g")  # nobody sits at a seat yet: go on to the first card
        await pilot.pause()
        shown = {key for key, active in app.active_bindings.items() if active.binding.show}
        assert "g" not in shown and "q" in shown


async def test_quitting_says_the_room_is_closing_at_once_then_exits(
    shared: SharedTable,
) -> None:
    room = Room()
    app = host_app(shared, room)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await room.stopping.wait()
        await pilot.pause()
        # While the seats are being closed, the host's terminal says so.
        assert seats.ROOM_CLOSING in str(app.query_one("#host-link", Static).content)
        assert app.is_running
        await pilot.press("q")  # a second q while closing changes nothing
        room.may_stop.set()
        await pilot.pause()
    assert app.return_code == 0
    assert app.goodbye == seats.room_closed(resumable=True)


async def test_the_host_words_the_closing_card_as_the_seats_do(shared: SharedTable) -> None:
    from closeness_cards.table import Action

    app = host_app(shared, Room())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shared.skip_check_in()
        shared.act("Ana", Action.END)  # to the closing card
        app.draw(shared.current())
        await pilot.pause()
        view = shared.table.view()
        assert view.closing and view.answerer is not None
        said = str(app.query_one("#host-table", Static).render())
        assert f"The closing card: {view.answerer}'s turn now" in said
        assert "reads" not in said
        app.exit()
