"""The room: textual-serve's server behind a room key, one seat process per browser."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from asyncio.subprocess import Process
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from closeness_cards.text import seats
from closeness_cards.web.page import loader

ROOM_REFUSED = (
    "No room opens with this link. A room needs its whole link, with its key; and each time "
    "the host starts again it opens a new room with a new link: ask the host for it."
)
"""The whole page for a link without the room's key (or the key of a room that closed)."""
KEY_BYTES = 24
"""The room key's randomness: 192 bits, from ``secrets``."""
STATIC = "static"
QUIT_SECONDS = 0.8
"""How long a seat told to quit has before it is terminated (it takes a tenth of that)."""
END_SECONDS = 0.4
"""How long a terminated seat has before it is killed, and a killed one before it is left."""
CLOSE_SECONDS = 0.5
"""How long a browser has to answer the websocket's goodbye (one that went away never does)."""
HEARTBEAT_SECONDS = 15.0
"""How often a seat's websocket is pinged, as textual-serve does."""
SHUTDOWN_SECONDS = 1.0
"""How long the server waits for a request still running when the room closes."""
PAGE_CACHE = "no-store"
"""The page is never kept: a browser's back/forward cache would otherwise keep a page left
(navigated away from) alive with its websocket open, and its seat with it, for minutes."""
log = logging.getLogger("textual-serve")


class SeatProcess(AppService):
    """textual-serve's service for one browser's seat, holding on to the seat's process so
    the room can end it: told to quit, then terminated, then killed."""

    process: Process | None = None
    ending: asyncio.Task[None] | None = None
    """The seat's ending, once begun (the room and the browser's going may both ask)."""

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self.process = await super()._open_app_process(width, height)
        return self.process

    async def end(self) -> None:
        """Tell the seat to quit; terminate it if it has not within ``QUIT_SECONDS``, then
        kill it; then close its browser's websocket."""
        if self.ending is None:
            self.ending = asyncio.create_task(self._end())
        await asyncio.shield(self.ending)

    async def _end(self) -> None:
        process = self.process
        if process is not None:
            if process.returncode is None:  # a seat that reads nothing cannot hold this up
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_SECONDS)
            for signal, wait in (
                (None, QUIT_SECONDS),
                (process.terminate, END_SECONDS),
                (process.kill, END_SECONDS),
            ):
                if signal is not None:
                    with contextlib.suppress(ProcessLookupError):
                        signal()
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(process.wait(), wait)
                    break
            if process.stdin is not None:
                process.stdin.close()  # its last pipe: the process's transport can close too
        await self.remote_close()

    async def stop(self) -> None:
        """The browser went (or the room closed): end the seat, then textual-serve's own
        goodbye (which waits for the seat's output to end)."""
        await self.end()
        await super().stop()


def room_key() -> str:
    """A fresh room key for the link (URL-safe, 192 random bits)."""
    return secrets.token_urlsafe(KEY_BYTES)


class Room(Server):
    """textual-serve's server, where the page and its websocket need the room key.

    Every path but textual-serve's own static files starts with the key (``/KEY/`` the page,
    ``/KEY/ws`` its websocket); anything else is refused with 403 Forbidden.
    """

    def __init__(self, command: str, key: str, *, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title="closeness-cards")
        self.key = key
        self.runner: web.AppRunner | None = None
        self.seats: set[SeatProcess] = set()
        """The seats open now, one per browser."""
        # textual-serve logs through the root logger; the host's terminal is the game's.
        quiet = logging.getLogger("textual-serve")
        quiet.addHandler(logging.NullHandler())
        quiet.propagate = False

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._keyed])
        aiohttp_jinja2.setup(app, loader=loader(self.templates_path))
        app.add_routes(
            [
                web.get("/{room}/", self.handle_index, name="index"),
                web.get("/{room}/ws", self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, name=STATIC),
            ]
        )
        return app

    @web.middleware
    async def _keyed(self, request: web.Request, handler: Any) -> web.StreamResponse:
        parts = request.path.split("/")
        room = parts[1] if len(parts) > 1 else ""
        if room == STATIC and len(parts) > 2:
            static: web.StreamResponse = await handler(request)
            return static
        if not secrets.compare_digest(room.encode(), self.key.encode()):
            raise web.HTTPForbidden(text=ROOM_REFUSED)
        if len(parts) == 2:  # the link without its last slash: only the right key gets here
            query = f"?{request.query_string}" if request.query_string else ""
            raise web.HTTPFound(f"/{self.key}/{query}")
        response: web.StreamResponse = await handler(request)
        return response

    async def handle_index(self, request: web.Request) -> web.Response:
        # The links on the page follow the address the browser used (a LAN address, an SSH
        # forward's own port), not the one the server listens on.
        origin = str(request.url.origin())
        scheme = "wss" if origin.startswith("https") else "ws"
        context = {
            "font_size": 16,
            "app_websocket_url": f"{scheme}:{origin.split(':', 1)[1]}/{self.key}/ws",
            "config": {"static": {"url": f"{origin}/static/"}},
            "application": {"name": self.title},
            "seat_closed": f"{seats.SEAT_CLOSED} {seats.SEAT_THANKS}",
            "join_again": seats.JOIN_AGAIN,
        }
        page = aiohttp_jinja2.render_template("app_index.html", request, context)
        page.headers["Cache-Control"] = PAGE_CACHE
        return page

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A browser's seat: its own process, driven through the websocket (textual-serve's
        handler, with the seat kept where the room can end it, and a short goodbye)."""
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS, timeout=CLOSE_SECONDS)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)

        async def goodbye() -> None:
            await websocket.close()

        seat = SeatProcess(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=goodbye,
            download_manager=self.download_manager,
        )
        self.seats.add(seat)
        try:
            await seat.start(width, height)
            await self._process_messages(websocket, seat)
        except Exception as error:  # a browser that sends nonsense loses only its own seat
            log.exception(error)
        finally:
            self.seats.discard(seat)
            await seat.stop()
        return websocket

    async def start(self) -> str:
        """Listen; return the address (host, port) actually bound, as ``host:port``."""
        app = await self._make_app()
        self.runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_SECONDS
        )
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port)
        await site.start()
        host, port = self.runner.addresses[0][:2]
        self.port = int(port)
        return f"{host}:{port}"

    async def stop(self) -> None:
        """Close the room: take no new seat, end every seat at once (each browser is told
        the seat closed), then stop serving."""
        runner = self.runner
        if runner is None:
            return
        self.runner = None
        for site in list(runner.sites):
            await site.stop()
        await asyncio.gather(*(seat.end() for seat in list(self.seats)))
        await runner.cleanup()
