"""`closeness-cards host`: the table on this terminal, and a link (and its QR code) to sit at it."""

from __future__ import annotations

import shlex
import socket
import sys
from pathlib import Path

import segno

from closeness_cards.cli import Hosting
from closeness_cards.core.game import GameError
from closeness_cards.core.safe_text import for_terminal
from closeness_cards.table import CannotResume, Choices, Table, options_from
from closeness_cards.table.shared import NotShared, SharedTable
from closeness_cards.text import words
from closeness_cards.web.server import Room, room_key

LOOPBACK = "127.0.0.1"
ANYWHERE = "0.0.0.0"


def seat_command(session_id: int, decks: tuple[Path, ...]) -> str:
    """The shell command textual-serve runs for each browser: one seat of this session
    (``exec``: the seat is the process the room ends, not a shell around it)."""
    words = ["exec", sys.executable, "-m", "closeness_cards.web.seat", "--session", str(session_id)]
    for deck in decks:
        words += ["--deck", str(deck.resolve())]
    return shlex.join(words)


def lan_address() -> str:
    """This computer's address on its network (no packet is sent to find it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address: nothing is sent
            return str(probe.getsockname()[0])
        except OSError:
            return socket.gethostname() or LOOPBACK


def qr_lines(link: str) -> list[str]:
    """The link as a QR code drawn with half blocks: two rows of modules to a line."""
    matrix = [list(row) for row in segno.make(link, error="m").matrix]
    border = 2
    width = len(matrix[0]) + 2 * border
    blank = [0] * width
    padded = [blank] * border
    padded += [[0] * border + [int(bool(m)) for m in row] + [0] * border for row in matrix]
    padded += [blank] * (border + len(padded) % 2)
    blocks = {(0, 0): " ", (1, 0): "▀", (0, 1): "▄", (1, 1): "█"}
    return [
        "".join(blocks[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(padded[::2], padded[1::2], strict=True)
    ]


def port_taken(hosting: Hosting) -> bool:
    """Whether another program (another `host`, say) already listens on the room's port."""
    if hosting.port == 0:
        return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
        try:
            probe.bind((ANYWHERE if hosting.lan else LOOPBACK, hosting.port))
        except OSError:
            return True
    return False


def host(table: Table, choices: Choices | None, hosting: Hosting) -> int:
    """`host`: deal a new session from ``choices``, or pick up the last unfinished one, then
    serve it until the host quits (exit 2 when there is neither)."""
    if port_taken(hosting):
        # Before any session is dealt or claimed: a refused room leaves no trace behind.
        print(
            f"closeness-cards: port {hosting.port} is in use (is another host open?): "
            "give --port N, or --port 0 for a free one",
            file=sys.stderr,
        )
        return 1
    try:
        if choices is not None:
            table.start(options_from(choices), check_in=choices.check_in)
        else:
            unfinished = table.unfinished()
            elsewhere = table.playing_elsewhere() if unfinished is None else ""
            if elsewhere:
                # As a resume refused for it would say, and with the same code.
                print(
                    f"closeness-cards: {for_terminal(words.playing_elsewhere(elsewhere))}",
                    file=sys.stderr,
                )
                return 1
            if unfinished is None:
                print(
                    "closeness-cards: no unfinished session to host: give --stage to deal one",
                    file=sys.stderr,
                )
                return 2
            table.resume(unfinished)
    except GameError as error:
        print(f"closeness-cards: {for_terminal(words.game_error(error))}", file=sys.stderr)
        return 2
    except CannotResume as error:
        why = words.cannot_resume(error.why.value, error.where, error.decks)
        print(f"closeness-cards: {for_terminal(why)}", file=sys.stderr)
        return 1
    try:
        return run_host(table, hosting)
    except NotShared as error:
        print(f"closeness-cards: {for_terminal(str(error))}", file=sys.stderr)
        return 1


def run_host(table: Table, hosting: Hosting) -> int:
    """Share the session on ``table``, serve the room, and show it until the host quits."""
    from closeness_cards.tui.host import HostApp

    shared = SharedTable.share(table)
    key = room_key()
    room = Room(
        seat_command(shared.session_id, hosting.decks),
        key,
        host=ANYWHERE if hosting.lan else LOOPBACK,
        port=hosting.port,
    )

    async def start() -> str:
        address = await room.start()
        shown = lan_address() if hosting.lan else LOOPBACK
        return f"http://{shown}:{address.rsplit(':', 1)[1]}/{key}/"

    app = HostApp(shared, start=start, stop=room.stop, qr=qr_lines, lan=hosting.lan)
    app.run()
    if app.goodbye:
        import shutil
        import textwrap

        # Folded at the terminal's width between words, not cut mid-word by the terminal.
        width = max(20, shutil.get_terminal_size().columns - 1)
        print(textwrap.fill(app.goodbye, width=width))
    return app.return_code or 0
