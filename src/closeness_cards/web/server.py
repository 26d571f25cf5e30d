"""The room: textual-serve's server behind a room key, one seat process per browser."""

from __future__ import annotations

import logging
import secrets
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

KEY_BYTES = 24
"""The room key's randomness: 192 bits, from ``secrets``."""
STATIC = "static"


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
        # textual-serve logs through the root logger; the host's terminal is the game's.
        quiet = logging.getLogger("textual-serve")
        quiet.addHandler(logging.NullHandler())
        quiet.propagate = False

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._keyed])
        aiohttp_jinja2.setup(app, loader=_loader(self.templates_path))
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
        room = parts[1] if len(parts) > 2 else ""
        if room != STATIC and not secrets.compare_digest(room.encode(), self.key.encode()):
            raise web.HTTPForbidden(text="This room needs its whole link, with its key.")
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
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def start(self) -> str:
        """Listen; return the address (host, port) actually bound, as ``host:port``."""
        app = await self._make_app()
        self.runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port)
        await site.start()
        host, port = self.runner.addresses[0][:2]
        self.port = int(port)
        return f"{host}:{port}"

    async def stop(self) -> None:
        """Close every seat (its process is told to quit) and stop listening."""
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None


def _loader(path: Any) -> Any:
    import jinja2

    return jinja2.FileSystemLoader(path)
