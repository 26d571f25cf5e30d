"""Benchmark a table on several screens: from a press at one seat to the new card on every seat.

Run from the repository root, with the project and its [web] extra installed, and Chromium::

    .venv/bin/python benchmarks/bench_seats.py [--presses N]

A real `closeness-cards host` runs in a pseudo-terminal; three headless Chromium seats
(Ana, Ben, and Cai in a 400x800 window, as on a phone) open its link. The seat whose
player answers presses space; the press is timed from just before the key is typed until
the new card's words have reached every seat's page through its websocket (each page keeps
what it receives; the benchmark looks every 5 ms). Presses that only move the turn on the
same card are not counted. The baseline is the seats' own polling interval.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import _common
from _common import percentile, stats

sys.path.insert(0, str(_common.REPO / "tests"))

from closeness_cards.tui.seat import POLL_SECONDS
from web.browser import Seat, squeeze, wait
from web.hosting import Host


def words_of(text: str) -> str:
    return " ".join(text.split()[:3])  # three words fit on one line even on a phone


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args(argv)
    import os

    home = Path(tempfile.mkdtemp(prefix="bench-seats-"))
    os.environ["CLOSENESS_CARDS_HOME"] = str(home)
    from closeness_cards.store.readonly import open_history
    from closeness_cards.table import Phase
    from closeness_cards.table.decks import load_decks
    from closeness_cards.table.shared import SharedTable

    host = Host(
        home,
        "--stage",
        "friends",
        "--players",
        "Ana",
        "Ben",
        "Cai",
        "--shape",
        "open",
        "--seed",
        "1",
    )
    seats: list[Seat] = []
    samples: list[float] = []
    try:
        link = host.link()
        ana, ben, phone = Seat(link), Seat(link), Seat(link, width=400, height=800)
        seats = [ana, ben, phone]
        at_seat = {"Ana": ana, "Ben": ben, "Cai": phone}  # each player sits at one screen
        for seat, key in ((ana, "1"), (ben, "2"), (phone, "3")):
            assert seat.wait_for("Who is sitting here?")
            seat.press(key)
        for seat in seats:
            assert seat.wait_for("how close do you feel")
            seat.press("s")
        db = open_history()
        session_id = int(db.conn.execute("SELECT max(session_id) FROM shared_tables").fetchone()[0])
        db.close()
        shared = SharedTable.join(load_decks(), session_id, switchable=True)
        assert wait(lambda: shared.poll() is not None and shared.table.phase is Phase.PLAYING, 30)
        first = words_of(shared.table.view().card.text)
        if not phone.wait_for(first, 10):
            raise SystemExit(f"the phone never showed {first!r}: {squeeze(phone.text())[-800:]}")
        while len(samples) < args.presses:
            view = shared.table.view()
            at = at_seat[view.answerer or view.reader]
            for seat in seats:
                seat.forget()
            start = time.perf_counter()
            at.press(" ")
            assert wait(lambda: bool(shared.poll()), 30)
            after = shared.table.view()
            if after.card == view.card:
                continue  # the turn moved on the same card: nothing new to find
            wanted = words_of(after.card.text)
            waiting = list(seats)
            while waiting:
                waiting = [s for s in waiting if wanted not in squeeze(s.text())]
                if time.perf_counter() - start > 30:
                    raise SystemExit("a seat never showed the new card")
                time.sleep(0.005)
            samples.append(time.perf_counter() - start)
        shared.close()
    finally:
        for seat in seats:
            seat.quit()
        host.close()
    s = stats(samples)
    print(
        f"press to every seat (3 seats, {s.count} presses): median {s.median * 1000:.0f} ms, "
        f"p95 {percentile(samples, 0.95) * 1000:.0f} ms, max {s.high * 1000:.0f} ms"
    )
    print(
        f"baseline: the seats look for changes every {POLL_SECONDS * 1000:.0f} ms; "
        f"median / baseline = {s.median / POLL_SECONDS:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
