"""One seat's process: textual-serve starts it for each browser that opens the room."""

from __future__ import annotations

import argparse
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

LOOK_SECONDS = 0.25
"""How often a seat looks whether its host is still there."""
LEAVE_SECONDS = 1.5
"""How long a seat whose host has gone has to quit by itself before it simply stops."""
POLLS = hasattr(select, "poll")  # not on Windows, where only the parent is looked at


def host_gone(stdin: int, parent: int) -> bool:
    """Whether the host that started this seat has gone: its end of the seat's input pipe
    hung up (a host killed with SIGKILL closes it too), or another process adopted this one."""
    if os.getppid() != parent:
        return True
    if not POLLS:
        return False
    poller = select.poll()
    poller.register(stdin, select.POLLHUP)
    hung_up = select.POLLHUP | select.POLLERR | select.POLLNVAL
    return any(events & hung_up for _, events in poller.poll(0))


def watch_host(stdin: int, parent: int) -> threading.Thread:
    """Quit this seat (as the room's own goodbye does) soon after its host has gone."""

    def watch() -> None:
        while not host_gone(stdin, parent):
            time.sleep(LOOK_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)  # the seat's app takes it as "quit"
        time.sleep(LEAVE_SECONDS)
        os._exit(1)  # it could not quit: nobody is left to see it anyway

    watcher = threading.Thread(target=watch, name="host-watch", daemon=True)
    watcher.start()
    return watcher


def main(argv: Sequence[str] | None = None) -> int:
    """Join the shared table of ``--session`` and run the seat until its browser goes."""
    parser = argparse.ArgumentParser(prog="closeness-cards seat")
    parser.add_argument("--session", type=int, required=True)
    parser.add_argument("--deck", type=Path, action="append", default=[])
    args = parser.parse_args(argv)
    watch_host(sys.stdin.fileno(), os.getppid())
    from closeness_cards.table.decks import load_decks
    from closeness_cards.table.shared import NotShared, SharedTable
    from closeness_cards.tui.seat import run_seat

    library = load_decks(args.deck, history=True)
    try:
        shared = SharedTable.join(library, args.session, switchable=not args.deck)
    except NotShared as error:
        print(f"closeness-cards: {error}", file=sys.stderr)
        return 1
    code = run_seat(shared)
    # Everything is closed now. The interpreter's own teardown with Textual loaded takes
    # 0.3-0.8 s on a busy computer, and the room (and the host quitting) would wait for it.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
