"""The room's server on its own: the link's key, a page that needs nothing else, seats ended."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import sys
from collections.abc import AsyncIterator

import aiohttp
import pytest

from closeness_cards.text import seats
from closeness_cards.web import server
from closeness_cards.web.server import Room, room_key

# A seat that will not go: it ignores "quit" and SIGTERM (only SIGKILL ends it).
STUBBORN = (
    "import signal, sys, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "sys.stdout.write('__GANGLION__\\n'); sys.stdout.flush()\n"
    "time.sleep(120)\n"
)


@pytest.fixture
async def room() -> AsyncIterator[tuple[Room, str]]:
    key = room_key()
    command = f"exec {shlex.join([sys.executable, '-c', STUBBORN])}"  # as the host's seats
    served = Room(command, key, host="127.0.0.1", port=0)
    address = await served.start()
    try:
        yield served, f"http://{address}"
    finally:
        await served.stop()


async def test_the_link_without_its_last_slash_leads_to_the_room_only_with_its_key(
    room: tuple[Room, str],
) -> None:
    served, origin = room
    key = served.key
    async with aiohttp.ClientSession() as client:
        async with client.get(f"{origin}/{key}?fontsize=18", allow_redirects=False) as answer:
            assert answer.status == 302
            assert answer.headers["Location"] == f"/{key}/?fontsize=18"
        async with client.get(f"{origin}/{key}") as answer:  # followed: the page itself
            assert answer.status == 200 and answer.url.path == f"/{key}/"
        for wrong in (key[:-1], key[:-1] + ("a" if key[-1] != "a" else "b"), "static", ""):
            async with client.get(f"{origin}/{wrong}", allow_redirects=False) as answer:
                assert answer.status == 403
                assert key not in await answer.text() and "Location" not in answer.headers


async def test_the_page_names_no_host_but_the_rooms_own(room: tuple[Room, str]) -> None:
    served, origin = room
    async with aiohttp.ClientSession() as client:
        async with client.get(f"{origin}/{served.key}/") as answer:
            page = await answer.text()
        named = set(re.findall(r"(?:[a-z][a-z0-9+.-]*:)?//([^/\"'\s)<>]+)", page, re.IGNORECASE))
        assert named == {origin.split("//", 1)[1]}  # the static files and the websocket
        # The terminal's font comes with the page, from the room's own static files.
        font = re.search(r"url\('([^']+\.ttf)'\)", page)
        assert font is not None
        async with client.get(font.group(1)) as answer:
            assert answer.status == 200 and len(await answer.read()) > 10_000


async def test_a_closed_seat_is_told_in_the_rooms_words(room: tuple[Room, str]) -> None:
    served, origin = room
    async with aiohttp.ClientSession() as client, client.get(f"{origin}/{served.key}/") as answer:
        page = await answer.text()
    assert seats.SEAT_CLOSED in page and seats.SEAT_THANKS in page and seats.JOIN_AGAIN in page
    assert "Session ended" not in page


async def test_closing_the_room_ends_a_seat_that_will_not_go(room: tuple[Room, str]) -> None:
    served, origin = room
    url = f"{origin.replace('http', 'ws', 1)}/{served.key}/ws?width=80&height=24"
    async with aiohttp.ClientSession() as client, client.ws_connect(url) as browser:
        while not any(seat.process for seat in served.seats):  # its process is starting
            await asyncio.sleep(0.02)
        (seat,) = served.seats
        assert seat.process is not None
        await served.stop()
        assert seat.process.returncode is not None  # killed: it ignored quit and SIGTERM
        message = await browser.receive(timeout=30)
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    with pytest.raises(ProcessLookupError):
        os.kill(seat.process.pid, 0)


async def test_a_browser_that_stops_answering_loses_its_seat(
    room: tuple[Room, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A dropped network: the browser's end never closes the websocket, nor answers a ping.
    monkeypatch.setattr(server, "HEARTBEAT_SECONDS", 0.2)
    served, origin = room
    url = f"{origin.replace('http', 'ws', 1)}/{served.key}/ws?width=80&height=24"
    async with aiohttp.ClientSession() as client, client.ws_connect(url, autoping=False):
        while not any(seat.process for seat in served.seats):  # its process is starting
            await asyncio.sleep(0.02)
        (seat,) = served.seats
        assert seat.process is not None
        deadline = asyncio.get_running_loop().time() + 30  # a bound, not a timing
        while served.seats or seat.process.returncode is None:
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(0.05)


async def test_the_page_is_never_kept_by_the_browser(room: tuple[Room, str]) -> None:
    # Kept in a back/forward cache, a page left would keep its websocket and seat open.
    served, origin = room
    async with aiohttp.ClientSession() as client, client.get(f"{origin}/{served.key}/") as answer:
        assert "no-store" in answer.headers["Cache-Control"]


def test_the_page_filter_keeps_the_rooms_links_and_drops_every_other_hosts() -> None:
    from closeness_cards.web.page import page_source

    source = (
        '<link rel="stylesheet" href="{{ config.static.url }}css/xterm.css" />\n'
        '<link rel="stylesheet" href="https://fonts.example/css?family=X" />\n'
        "<link rel='preconnect' href='//cdn.example' >\n"
        '<svg width="3" xmlns="http://www.w3.org/2000/svg"></svg>\n'
    )
    filtered = page_source(source)
    assert "css/xterm.css" in filtered and '<svg width="3">' in filtered
    assert "example" not in filtered and "w3.org" not in filtered
    assert filtered.count("@font-face") == 1  # the font the first foreign link stood for
    assert "<head>" not in filtered  # nothing to put a viewport in: nothing is added


async def test_the_page_is_laid_out_at_a_phones_own_width(room: tuple[Room, str]) -> None:
    served, origin = room
    async with aiohttp.ClientSession() as client, client.get(f"{origin}/{served.key}/") as answer:
        page = await answer.text()
    head = page.split("</head>", 1)[0]
    viewport = re.search(r"<meta\s+name=\"viewport\"\s+content=\"([^\"]*)\"", head)
    assert viewport is not None
    assert "width=device-width" in viewport.group(1) and "initial-scale=1" in viewport.group(1)


def test_a_seat_sees_its_host_gone_when_its_input_pipe_hangs_up() -> None:
    from closeness_cards.web.seat import host_gone

    reading, writing = os.pipe()
    try:
        assert not host_gone(reading, os.getppid())
        assert host_gone(reading, os.getppid() + 1)  # another process adopted the seat
        os.close(writing)  # what a host killed with SIGKILL leaves behind
        assert host_gone(reading, os.getppid())
    finally:
        os.close(reading)
