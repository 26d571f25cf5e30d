"""Eight seats in eight processes press at once: no press lost, none counted twice."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.store.paths import database_path
from closeness_cards.table import Action, Phase, Reason, Refused
from closeness_cards.table.shared import SharedTable
from support.table import library_of, sqlite_table

SEATS = 8
PRESSES = 300
PLAYERS = ("Ana", "Ben", "Cai")
"""Two or three seats each: a player may open the link on a phone and a laptop, and they race."""


def press(seat: int, session_id: int, home: str, pool: Any, start: Any, results: Any) -> None:
    """One seat: whenever its player is answering, take a press from the shared pool and
    press done on the card it sees; then report (applied, refused as moved on, pressed)."""
    import os
    import time

    os.environ["CLOSENESS_CARDS_HOME"] = home
    shared = SharedTable.join(library_of(per_depth=40), session_id, switchable=True)
    player = PLAYERS[seat % len(PLAYERS)]
    applied = moved_on = pressed = 0
    start.wait()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        shared.poll()
        if shared.table.phase is not Phase.PLAYING or pool.value == 0:
            break
        view = shared.table.view()
        if player != (view.answerer or view.reader):
            time.sleep(0.0005)
            continue
        with pool.get_lock():
            if pool.value == 0:
                break
            pool.value -= 1
        pressed += 1
        events = shared.act(player, Action.DONE)
        refusals = [e for e in events if isinstance(e, Refused)]
        if not refusals:
            applied += 1
        elif refusals[0].reason is Reason.MOVED_ON:
            moved_on += 1
    start.wait()  # everyone has pressed: now every seat reads the last change
    shared.poll()
    position = -1 if shared.table.session is None else shared.table.session.position
    results.put((seat, applied, moved_on, pressed, shared.version, position))
    shared.close()


def test_eight_seats_three_hundred_presses(private_home: Path) -> None:
    table = sqlite_table(library_of(per_depth=40))
    table.start(
        Options(players=PLAYERS, stage=Stage.DATING, shape=Shape.OPEN, seed=3, everyone=True)
    )
    host = SharedTable.share(table)
    first = host.version
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(SEATS)
    pool = context.Value("i", PRESSES)
    results = context.Queue()
    home = str(private_home)
    seats = [
        context.Process(target=press, args=(n, host.session_id, home, pool, start, results))
        for n in range(SEATS)
    ]
    for seat in seats:
        seat.start()
    reports = [results.get(timeout=120) for _ in seats]
    for seat in seats:
        seat.join(60)
        assert seat.exitcode == 0
    applied = sum(r[1] for r in reports)
    # Every press was answered: it moved the table, or was told the table had moved on.
    assert sum(r[3] for r in reports) == PRESSES
    assert sum(r[1] + r[2] for r in reports) == PRESSES
    # Every press that moved the table moved it exactly one version: none lost, none twice.
    host.poll()
    assert host.version == first + applied
    assert {r[4] for r in reports} == {host.version}  # every seat ends on the same version
    session = host.table.session
    assert session is not None
    assert {r[5] for r in reports} == {session.position}  # ... and on the same card
    assert sum(r[2] for r in reports) > 0  # the races happened, and were refused
    db = sqlite3.connect(database_path())
    try:
        plays = db.execute("SELECT count(*) FROM plays").fetchone()[0]
        stored = db.execute("SELECT position FROM sessions").fetchone()[0]
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
    assert plays == session.position == stored  # one play per card that left, in order
    host.close()
