"""Benchmark the store: recording a play and opening history on a large history file.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_store.py [--sessions N] [--rounds N]

Everything happens in a temporary ``CLOSENESS_CARDS_HOME``; the real home is never
touched. Each figure is printed against a baseline measured in the same run, on the same
file with the same durability settings (WAL, synchronous=FULL).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from closeness_cards.store.db import Database, open_database
from closeness_cards.store.history import (
    last_seen,
    list_sessions,
    record_play,
    start_session,
    unfinished_session,
)
from closeness_cards.store.timestamps import to_text

PLAYS_PER_SESSION = 15
RECORD_TARGET_MS = 2.0
HISTORY_TARGET_MS = 150.0
GROUPS = [["Ana", "Ben"], ["Cy", "Dee"], ["Ana", "Ben", "Cy"], ["Eli", "Fay"]]
STAGES = ["dating", "early", "committed", "long-term", "friends", "family"]
START = datetime(2022, 1, 1, 19, 0, tzinfo=timezone.utc)


def fill(db: Database, sessions: int) -> None:
    """Insert a realistic history in one transaction (this is setup, not measured)."""
    rng = random.Random(7)
    plan = json.dumps({"steps": [{"card": f"deck/c{i}", "text": "x" * 150} for i in range(12)]})
    with db.transaction() as conn:
        for number in range(sessions):
            players = rng.choice(GROUPS)
            started = START + timedelta(hours=2 * number)
            cursor = conn.execute(
                "INSERT INTO sessions (started_at, ended_at, status, stage, shape, depth, "
                "seed, players_json, players_key, decks_json, options_json, position) "
                "VALUES (?, ?, 'finished', ?, 'standard', 'rise', ?, ?, ?, ?, '{}', ?)",
                (
                    to_text(started),
                    to_text(started + timedelta(minutes=40)),
                    rng.choice(STAGES),
                    number,
                    json.dumps(players),
                    json.dumps(sorted(p.casefold() for p in players)),
                    json.dumps(["dating", "long-term"]),
                    PLAYS_PER_SESSION,
                ),
            )
            session_id = cursor.lastrowid
            conn.execute(
                "INSERT INTO session_plans (session_id, plan_json) VALUES (?, ?)",
                (session_id, plan),
            )
            conn.executemany(
                "INSERT INTO plays (session_id, position, card_id, deck_id, card_text, depth, "
                "kind, reader, answerers_json, outcome, played_at) "
                "VALUES (?, ?, ?, 'dating', ?, ?, 'question', ?, ?, ?, ?)",
                [
                    (
                        session_id,
                        position,
                        f"dating/dt-{rng.randrange(400):03d}",
                        "What is a small thing someone did for you this week? " * 2,
                        1 + position * 3 // PLAYS_PER_SESSION,
                        players[position % len(players)],
                        json.dumps(players[1:]),
                        "passed" if rng.random() < 0.1 else "answered",
                        to_text(started + timedelta(minutes=2 * position)),
                    )
                    for position in range(PLAYS_PER_SESSION)
                ],
            )


def timed(action: Callable[[], object]) -> float:
    """Return how long ``action`` took, in milliseconds."""
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def measure_record_play(db: Database, plays: int, round_number: int) -> list[float]:
    """Time ``record_play`` calls, each one committed, into a fresh session."""
    session_id = start_session(
        db,
        players=["Ana", "Ben"],
        stage="dating",
        shape="open",
        depth="rise",
        seed=round_number,
        decks=["dating"],
        options={},
        plan_json="{}",
        started_at=datetime.now(timezone.utc),
    )
    samples = []
    for position in range(plays):
        began = time.perf_counter()
        record_play(
            db,
            session_id,
            position=position,
            card_id=f"dating/dt-{position:03d}",
            deck_id="dating",
            text="What made you laugh this week?",
            depth=1,
            kind="question",
            reader="Ana",
            answerers=["Ben"],
            outcome="answered",
            played_at=datetime.now(timezone.utc),
            next_position=position + 1,
        )
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def measure_baseline(path: Path, plays: int) -> list[float]:
    """Time a bare INSERT + COMMIT into a one-column table: same file, same durability."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS bench_baseline (x INTEGER)")
    samples = []
    for value in range(plays):
        began = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bench_baseline (x) VALUES (?)", (value,))
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - began) * 1000)
    conn.close()
    return samples


def bare_scan(path: Path) -> None:
    """The floor for listing history: fetch the session rows as plain tuples, no counts."""
    conn = sqlite3.connect(str(path))
    conn.execute(
        "SELECT id, started_at, ended_at, status, stage, shape, depth, seed, players_json, "
        "decks_json FROM sessions ORDER BY started_at DESC, id DESC"
    ).fetchall()
    conn.close()


def open_and_list(path: Path, limit: int | None) -> None:
    """What the history screen does: open the file and read one page of sessions."""
    with open_database(path) as db:
        list_sessions(db, limit=limit)


def row(name: str, samples: list[float], target: float | None = None) -> str:
    """Format one line of the results table, with a verdict against ``target``."""
    median = statistics.median(samples)
    verdict = ""
    if target is not None:
        verdict = f"<= {target:g} ms  {'yes' if median <= target else 'NO'}"
    return f"{name:<40} {median:>9.3f} {min(samples):>9.3f} {max(samples):>9.3f}  {verdict}"


def main() -> int:
    """Fill a temporary history, measure, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--plays", type=int, default=200, help="plays recorded per round")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cc-bench-") as home:
        os.environ["CLOSENESS_CARDS_HOME"] = home
        db = open_database()
        path = db.path
        assert path is not None
        began = time.perf_counter()
        fill(db, options.sessions)
        db.checkpoint()
        fill_seconds = time.perf_counter() - began
        plays_total = db.conn.execute("SELECT count(*) FROM plays").fetchone()[0]

        record: list[float] = []
        baseline: list[float] = []
        for round_number in range(options.rounds):
            record += measure_record_play(db, options.plays, round_number)
            baseline += measure_baseline(path, options.plays)
        db.close()

        open_200 = [timed(lambda: open_and_list(path, 200)) for _ in range(options.rounds)]
        scan = [timed(lambda: bare_scan(path)) for _ in range(options.rounds)]
        with open_database(path) as db:
            full = [timed(lambda: list_sessions(db)) for _ in range(options.rounds)]
            fresh = [timed(lambda: last_seen(db, ["Ben", "Ana"])) for _ in range(options.rounds)]
            resume = [timed(lambda: unfinished_session(db)) for _ in range(options.rounds)]
            sessions_total = db.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
        size_mb = path.stat().st_size / 1e6

    ratio = statistics.median(record) / statistics.median(baseline)
    print(
        f"closeness-cards store benchmark: {sessions_total:,} sessions, {plays_total:,} plays, "
        f"{size_mb:.1f} MB (filled in {fill_seconds:.1f} s)"
    )
    print(
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.system()} {platform.machine()}; WAL, synchronous=FULL; "
        f"{options.rounds} rounds"
    )
    print()
    print(f"{'measure (ms)':<40} {'median':>9} {'min':>9} {'max':>9}  target")
    print("-" * 86)
    print(row(f"record_play, committed ({options.plays}/round)", record, RECORD_TARGET_MS))
    print(row("baseline: bare INSERT + COMMIT", baseline))
    print(f"{'ratio record_play / baseline':<40} {ratio:>8.2f}x")
    print(row("open_database + list_sessions(200)", open_200, HISTORY_TARGET_MS))
    print(row("list_sessions() all sessions", full, HISTORY_TARGET_MS))
    print(row("baseline: bare scan of all session rows", scan))
    history_ratio = statistics.median(full) / statistics.median(scan)
    print(f"{'ratio list_sessions() / bare scan':<40} {history_ratio:>8.2f}x")
    print(row("last_seen (freshness for a pair)", fresh))
    print(row("unfinished_session", resume))
    return 0


if __name__ == "__main__":
    sys.exit(main())
