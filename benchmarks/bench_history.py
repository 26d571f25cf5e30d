"""Benchmark years of history: the history and favourites screens, and ``history --json``.

Run from the repository root, with the project installed::

    .venv/bin/python benchmarks/bench_history.py [--sessions N] [--favourites N] [--quick]

Two temporary homes are filled (setup, not timed): a small one (100 sessions and 100
favourites) and a large one (by default 100,000 sessions of 15 plays, each with a check-in
before and after, and 10,000 favourites). Each screen is opened in the real app (Pilot,
headless, 100x30) by its key, F3 or F2, from the setup screen, and timed from the key to
the screen's first frame composed; small and large alternate, so the ratio is taken in
the same run, pair by pair. ``history --json`` is a whole process on the large home, its
output thrown away: wall time from spawn to reaping, and its peak memory (``ru_maxrss``).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.screen import Screen

import _common
from _common import print_header, run_child, stats, stats_row, table_head, verdict
from closeness_cards.core.library import Library, load_library
from closeness_cards.store.db import open_database
from closeness_cards.store.timestamps import to_text
from closeness_cards.table import Table
from closeness_cards.table.sqlite import open_ports
from closeness_cards.tui.app import CardsApp

SCREEN_TARGET = 2.0
"""A screen over the large history / over the small one, at most."""
JSON_TARGET_S = 1.0
JSON_MEMORY_MIB = 100.0
SMALL = 100
PLAYS = 15
GROUPS = [["Ana", "Ben"], ["Cy", "Dee"], ["Ana", "Ben", "Cy"], ["Eli", "Fay"]]
STAGES = ["dating", "early", "committed", "long-term", "friends", "family"]
START = datetime(2020, 1, 1, 19, 0, tzinfo=timezone.utc)
SIZE = (100, 30)
PEAK = """
import atexit, os, runpy, sys
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            open(os.environ["BENCH_PEAK_FILE"], "w").write(line.split()[1])
atexit.register(peak)
sys.argv = ["closeness-cards", *sys.argv[1:]]
runpy.run_module("closeness_cards", run_name="__main__", alter_sys=True)
"""
"""Run the command line and write its own peak RSS (KiB) at exit. Not ``ru_maxrss``: a child
of this process, which holds the filled history, would report this process's size."""


def fill(home: Path, sessions: int, favourites: int) -> None:
    """A realistic history in one transaction: sessions, plays, check-ins, favourites."""
    rng = random.Random(7)
    os.environ["CLOSENESS_CARDS_HOME"] = str(home)
    db = open_database()
    session_rows, plan_rows, play_rows, checkin_rows = [], [], [], []
    for number in range(1, sessions + 1):
        players = rng.choice(GROUPS)
        started = START + timedelta(minutes=30 * number)
        session_rows.append(
            (number, to_text(started), to_text(started + timedelta(minutes=25)),
             rng.choice(STAGES), number, json.dumps(players),
             json.dumps(sorted(p.casefold() for p in players)), '["dating"]', PLAYS)
        )  # fmt: skip
        plan_rows.append((number, '{"steps": []}'))
        for position in range(PLAYS):
            play_rows.append(
                (number, position, f"dating/dt-{rng.randrange(400):03d}",
                 "What is a small thing someone did for you this week?",
                 1 + position * 3 // PLAYS, players[position % len(players)],
                 json.dumps(players[1:]), "passed" if rng.random() < 0.1 else "answered",
                 to_text(started + timedelta(minutes=position)))
            )  # fmt: skip
        for player in players:
            for moment in ("before", "after"):
                checkin_rows.append((number, player, moment, rng.randint(1, 7), to_text(started)))
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO sessions (id, started_at, ended_at, status, stage, shape, depth, seed, "
            "players_json, players_key, decks_json, options_json, position) "
            "VALUES (?, ?, ?, 'finished', ?, 'standard', 'rise', ?, ?, ?, ?, '{}', ?)",
            session_rows,
        )
        conn.executemany("INSERT INTO session_plans VALUES (?, ?)", plan_rows)
        conn.executemany(
            "INSERT INTO plays (session_id, position, card_id, deck_id, card_text, depth, "
            "kind, reader, answerers_json, outcome, played_at) "
            "VALUES (?, ?, ?, 'dating', ?, ?, 'question', ?, ?, ?, ?)",
            play_rows,
        )
        conn.executemany(
            "INSERT INTO checkins (session_id, player, moment, value, at) VALUES (?, ?, ?, ?, ?)",
            checkin_rows,
        )
        conn.executemany(
            "INSERT INTO favourites (card_id, deck_id, text, follow_up, stages_json, depth, "
            "added_at) VALUES (?, 'dating', ?, ?, ?, ?, ?)",
            [
                (f"dating/fav-{n:05d}", f"A card kept as a favourite, number {n}.",
                 "Why?" if n % 3 == 0 else None,
                 json.dumps(rng.sample(STAGES, 2)), 1 + n % 3,
                 to_text(START + timedelta(minutes=n)))
                for n in range(favourites)
            ],
        )  # fmt: skip
    db.checkpoint()
    db.close()


class FirstFrame:
    """Note the moment a screen of a named class first composes a frame."""

    def __init__(self) -> None:
        self.wanted = ""
        self.at: float | None = None
        self._refresh = Screen._compositor_refresh
        watch = self

        def refresh(screen: Screen[object]) -> None:
            watch._refresh(screen)
            if watch.at is None and type(screen).__name__ == watch.wanted and screen.is_current:
                watch.at = time.perf_counter()

        Screen._compositor_refresh = refresh  # type: ignore[method-assign]

    def expect(self, wanted: str) -> None:
        self.wanted, self.at = wanted, None


async def open_screen(
    library: Library, home: Path, key: str, screen: str, watch: FirstFrame
) -> float:
    """Open the app on ``home``, press ``key`` and time it to ``screen``'s first frame (ms)."""
    os.environ["CLOSENESS_CARDS_HOME"] = str(home)
    table = Table(library, open_ports())
    app = CardsApp(table)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            watch.expect(screen)
            began = time.perf_counter()
            await pilot.press(key)
            for _ in range(2000):
                if watch.at is not None:
                    break
                await asyncio.sleep(0.001)
            if watch.at is None:
                raise RuntimeError(f"{screen} never drew a frame")
            elapsed = (watch.at - began) * 1000
            await pilot.pause()
    finally:
        table.close()
    return elapsed


async def screens(
    small: Path, large: Path, rounds: int
) -> dict[str, tuple[list[float], list[float]]]:
    """Per screen, (small, large) times, alternating."""
    library = load_library()
    watch = FirstFrame()
    found: dict[str, tuple[list[float], list[float]]] = {}
    for key, screen in (("f3", "HistoryScreen"), ("f2", "FavouritesScreen")):
        await open_screen(library, small, key, screen, watch)  # imports, styles
        await open_screen(library, large, key, screen, watch)
        times: tuple[list[float], list[float]] = ([], [])
        for _ in range(rounds):
            times[0].append(await open_screen(library, small, key, screen, watch))
            times[1].append(await open_screen(library, large, key, screen, watch))
        found[screen] = times
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Fill, measure and print; exit 0 when the runs completed (a missed target is printed)."""
    parser = _common.parser(__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000, help="in the large history")
    parser.add_argument("--favourites", type=int, default=10_000, help="in the large history")
    parser.add_argument("--rounds", type=int, help="pairs per figure (default 7, quick 3)")
    options = parser.parse_args(argv)
    rounds = options.rounds or (3 if options.quick else 7)
    print_header(
        "closeness-cards history benchmark: the history and favourites screens, history --json",
        f"small: {SMALL} sessions, {SMALL} favourites; large: {options.sessions:,} sessions of "
        f"{PLAYS} plays with check-ins, {options.favourites:,} favourites; {rounds} pairs",
    )
    before = os.environ.get("CLOSENESS_CARDS_HOME")
    with _common.temporary_home("cc-bench-history-") as home:
        small, large = home / "small", home / "large"
        began = time.perf_counter()
        fill(small, SMALL, SMALL)
        fill(large, options.sessions, options.favourites)
        print(f"filled in {time.perf_counter() - began:.1f} s")
        found = asyncio.run(screens(small, large, rounds))
        peak_file = home / "peak"
        env = _common.child_env(large, BENCH_PEAK_FILE=str(peak_file))
        argv_json = [sys.executable, "-c", PEAK, "history", "--json"]
        run_child(argv_json, env=env, cwd=home, timeout=120)  # bytecode
        seconds, peak = [], []
        for _ in range(rounds):
            seconds.append(run_child(argv_json, env=env, cwd=home, timeout=120).seconds)
            peak.append(int(peak_file.read_text()) / 1024)
        if before is not None:
            os.environ["CLOSENESS_CARDS_HOME"] = before
    for screen, (at_small, at_large) in found.items():
        ratios = [b / a for a, b in zip(at_small, at_large, strict=True)]
        ratio = stats(ratios).median
        print(f"[{screen}]")
        print(table_head("ms, key to first frame"))
        print(stats_row(f"{screen} at {SMALL}", at_small))
        size = options.sessions if screen == "HistoryScreen" else options.favourites
        print(stats_row(f"{screen} at {size:,}", at_large))
        note = f"target <= {SCREEN_TARGET:g}x  {verdict(ratio <= SCREEN_TARGET)}"
        print(stats_row(f"{screen} {size:,} / {SMALL}", ratios, note))
        print()
    print(f"[history --json at {options.sessions:,} sessions]")
    print(table_head("s and MiB"))
    wall_ok = stats(seconds).median <= JSON_TARGET_S
    peak_ok = stats(peak).median <= JSON_MEMORY_MIB
    print(stats_row("history --json, wall (s)", seconds,
                    f"target <= {JSON_TARGET_S:g} s  {verdict(wall_ok)}"))  # fmt: skip
    print(stats_row("history --json, peak RSS (MiB)", peak,
                    f"target <= {JSON_MEMORY_MIB:g} MiB  {verdict(peak_ok)}"))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
