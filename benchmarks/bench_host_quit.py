"""Benchmark quitting a hosted table: from the host's q to every seat told, and all gone.

Run from the repository root, with the project and its [web] extra installed, and Chromium::

    .venv/bin/python benchmarks/bench_host_quit.py [--rounds N] [--seats N]

A real `closeness-cards host` runs in a pseudo-terminal, in its own process group; headless
Chromium seats open its link, and each sits down (one at the check-in, the rest at the
name list). Then q is typed in the host's terminal, and three moments are timed from it:
the host's terminal saying the room is closing (its screen bytes, looked at every 5 ms),
every seat's page showing that its seat closed, the host's exit, and the last process of
its group (the seats) gone. The aim is instant:
all of it well within 2 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import _common
from _common import stats

sys.path.insert(0, str(_common.REPO / "tests"))

from web.browser import Seat
from web.hosting import Host

CLOSING = b"Closing the room"


def group_alive(pgid: int) -> bool:
    """Whether any process of the group is left (a zombie counts until it is reaped)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def closed(seat: Seat) -> bool:
    """Whether the seat's page shows that its seat has closed."""
    return bool(seat.driver.execute_script("return document.body.classList.contains('-closed');"))


def one_round(seats_wanted: int) -> tuple[float, float, float, float]:
    """Open a room, seat the browsers, quit; seconds to (closing said, every page told, host
    gone, seats gone)."""
    home = Path(tempfile.mkdtemp(prefix="bench-quit-"))
    host = Host(home, "--stage", "dating", "--players", "Ana", "Ben", "--seed", "1")
    seats: list[Seat] = []
    try:
        link = host.link()
        seats = [Seat(link) for _ in range(seats_wanted)]
        for number, seat in enumerate(seats):
            assert seat.wait_for("Who is sitting here?")
            if number == 0:
                seat.press("1")
                assert seat.wait_for("how close do you feel")
        start = time.perf_counter()
        os.write(host.master, b"q")
        said = told = host_gone = group_gone = 0.0
        while not (told and host_gone and group_gone):  # "closing" is said before the exit
            now = time.perf_counter() - start
            if now > 60:
                times = (said, told, host_gone, group_gone)
                raise SystemExit(f"not done in 60 s: said, told, host, seats {times}")
            if not said and CLOSING in bytes(host.screen):
                said = now
            if not told and all(closed(seat) for seat in seats):
                told = time.perf_counter() - start
            if not host_gone and host.process.poll() is not None:
                host_gone = now
            if host_gone and not group_gone and not group_alive(host.process.pid):
                group_gone = now
            time.sleep(0.005)
        return said, told, host_gone, group_gone
    finally:
        for seat in seats:
            seat.quit()
        host.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seats", type=int, default=2)
    args = parser.parse_args(argv)
    said: list[float] = []
    told: list[float] = []
    exits: list[float] = []
    gone: list[float] = []
    for _ in range(args.rounds):
        closing, pages, host_gone, group_gone = one_round(args.seats)
        if closing:
            said.append(closing)
        told.append(pages)
        exits.append(host_gone)
        gone.append(group_gone)
    for name, samples in (
        ("host says the room is closing", said),
        ("every seat's page says its seat closed", told),
        ("host process exits", exits),
        ("last seat process gone", gone),
    ):
        if not samples:
            print(f"{name}: never")
            continue
        s = stats(samples)
        print(
            f"{name} ({args.seats} seats, {s.count} rounds): median {s.median * 1000:.0f} ms, "
            f"max {s.high * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
