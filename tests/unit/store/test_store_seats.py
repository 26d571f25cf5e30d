"""Seats at a shared table (schema 8): one screen a player, and a gone screen frees its player."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from closeness_cards.store import db as db_module
from closeness_cards.store import schema
from closeness_cards.store.db import Database, open_database
from closeness_cards.store.history import forget_session
from closeness_cards.store.seats import SEAT_SECONDS, sit, sitting, stand
from support.store import T0, NewSession


def dead_pid() -> int:
    """The id of a process of this computer that has ended."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_a_free_player_is_taken_and_the_next_screen_is_refused(
    db: Database, new_session: NewSession
) -> None:
    sid = new_session()
    assert sit(db, sid, "Ana", "first", T0) is None
    refused = sit(db, sid, "Ana", "second", T0)
    assert refused is not None and refused.holder == "first" and refused.player == "Ana"
    assert sit(db, sid, "Ben", "second", T0) is None
    assert set(sitting(db, sid, T0)) == {"Ana", "Ben"}
    assert sit(db, sid, "Ana", "first", T0 + timedelta(seconds=5)) is None  # renewed


def test_a_seat_that_leaves_frees_its_player(db: Database, new_session: NewSession) -> None:
    sid = new_session()
    sit(db, sid, "Ana", "first", T0)
    sit(db, sid, "Ben", "other", T0)
    stand(db, sid, "first")
    assert set(sitting(db, sid, T0)) == {"Ben"}
    assert sit(db, sid, "Ana", "second", T0) is None


def test_a_seat_sits_as_one_player_at_a_time(db: Database, new_session: NewSession) -> None:
    sid = new_session()
    sit(db, sid, "Ana", "first", T0)
    sit(db, sid, "Ben", "first", T0)
    assert set(sitting(db, sid, T0)) == {"Ben"}


def test_a_killed_seat_frees_its_player_at_once(db: Database, new_session: NewSession) -> None:
    sid = new_session()
    sit(db, sid, "Ana", "killed", T0)
    db.conn.execute("UPDATE seats SET pid = ? WHERE holder = 'killed'", (dead_pid(),))
    assert sitting(db, sid, T0) == {}
    assert sit(db, sid, "Ana", "refreshed", T0) is None


def test_a_claim_not_renewed_lately_holds_nothing(db: Database, new_session: NewSession) -> None:
    sid = new_session()
    sit(db, sid, "Ana", "hung", T0)  # this process lives on, but stops renewing
    late = T0 + timedelta(seconds=SEAT_SECONDS + 1)
    assert set(sitting(db, sid, T0 + timedelta(seconds=SEAT_SECONDS))) == {"Ana"}
    assert sitting(db, sid, late) == {}
    assert sit(db, sid, "Ana", "new", late) is None


def test_a_seat_on_another_computer_holds_while_it_renews(
    db: Database, new_session: NewSession
) -> None:
    sid = new_session()
    sit(db, sid, "Ana", "far", T0)
    db.conn.execute("UPDATE seats SET host = 'elsewhere', pid = ?", (dead_pid(),))
    assert set(sitting(db, sid, T0)) == {"Ana"}  # its process id means nothing here
    assert sit(db, sid, "Ana", "near", T0) is not None


def test_a_damaged_claim_holds_nothing(db: Database, new_session: NewSession) -> None:
    sid = new_session()
    sit(db, sid, "Ana", "first", T0)
    db.conn.execute("UPDATE seats SET pid = 'not a pid'")
    assert sitting(db, sid, T0) == {}
    assert sit(db, sid, "Ana", "second", T0) is None


def test_forgetting_a_session_forgets_who_sat_there(db: Database, new_session: NewSession) -> None:
    sid = new_session()
    sit(db, sid, "Ana", "first", T0)
    assert forget_session(db, sid)
    assert db.conn.execute("SELECT count(*) FROM seats").fetchone()[0] == 0


def test_two_screens_picking_one_player_at_once_seat_exactly_one(
    home: Path, new_session: NewSession
) -> None:
    sid = new_session()
    screens, rounds = 4, 10
    ready = threading.Barrier(screens)
    won: list[list[int]] = [[] for _ in range(rounds)]

    def screen(index: int) -> None:
        with open_database() as db:  # each screen its own connection, as each process has
            for number in range(rounds):
                ready.wait(30)  # all pick player ``number`` at the same instant
                if sit(db, sid, f"Player {number}", f"seat-{index}-{number}", T0) is None:
                    won[number].append(index)

    threads = [threading.Thread(target=screen, args=(i,)) for i in range(screens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    with open_database() as db:
        seated = sitting(db, sid, T0)
    for number in range(rounds):
        assert len(won[number]) == 1, won
        assert seated[f"Player {number}"].holder == f"seat-{won[number][0]}-{number}"


def test_migration_from_version_7_adds_the_seats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    monkeypatch.setattr(db_module, "MIGRATIONS", schema.MIGRATIONS[:7])
    monkeypatch.setattr(db_module, "LATEST_VERSION", 7)
    with open_database(path) as old:
        names = {row[0] for row in old.conn.execute("SELECT name FROM sqlite_master")}
        assert "seats" not in names
    monkeypatch.undo()
    with open_database(path) as db:
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        assert sitting(db, 1, T0) == {}
