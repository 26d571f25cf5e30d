"""Importing an export: a round trip, no duplicates, partial overlap, and all or nothing."""

from __future__ import annotations

import copy
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from closeness_cards.store import merging
from closeness_cards.store.db import Database, StoreError, open_database
from closeness_cards.store.export import export_data
from closeness_cards.store.favourites import add_favourite, list_favourites
from closeness_cards.store.history import (
    abandon_session,
    end_session,
    last_seen,
    record_checkin,
    record_play,
    unfinished_session,
)
from closeness_cards.store.importing import check_document
from closeness_cards.store.merging import Imported, import_document
from closeness_cards.store.paths import database_path
from support.store import (
    NOT_UTF8,
    SRC,
    T0,
    Kept,
    Target,
    damage,
    exported,
    fill_history,
    snapshot,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """Another computer's history: every kind of row, every session ended, odd text."""
    path = tmp_path / "other-computer" / "closeness-cards.sqlite3"
    kept = fill_history(path)
    with open_database(path) as db:
        abandon_session(db, kept.active)
        zoe = _session(db, ["Zoë", "李 明"], T0 + timedelta(days=3))
        record_play(
            db,
            zoe,
            position=0,
            card_id="mine/odd",
            deck_id="mine",
            text='A "quoted" card with an emoji 🙂 and \\ a backslash',
            depth=3,
            kind="action",
            reader="李 明",
            answerers=["Zoë"],
            outcome="answered",
            played_at=T0 + timedelta(days=3, minutes=1),
            next_position=1,
        )
        # Checked in out of the order of their names: the order must survive.
        record_checkin(db, zoe, player="李 明", moment="before", value=2, at=T0)
        record_checkin(db, zoe, player="Zoë", moment="before", value=6, at=T0 + timedelta(1))
        end_session(db, zoe, status="finished", ended_at=T0 + timedelta(days=3, minutes=5))
    return path


def _session(db: Database, players: list[str], at: Any) -> int:
    from closeness_cards.store.history import start_session

    return start_session(
        db,
        players=players,
        stage="friends",
        shape="standard",
        depth="gentle",
        seed=-12,
        decks=["mine", "friends"],
        options={},
        plan_json="{}",
        started_at=at,
    )


def imported_into(db: Database, document: dict[str, Any]) -> Imported:
    return import_document(db, check_document(document))


def without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


def test_a_round_trip_gives_the_same_document(db: Database, source: Path) -> None:
    first = exported(source)
    imported = imported_into(db, first)
    assert imported == Imported(sessions=4, favourites=2, hidden=2, revisits=2)
    again = json.loads(json.dumps(export_data(db)))
    assert without_time(again) == without_time(first)


def test_the_groups_freshness_comes_with_the_plays(db: Database, source: Path) -> None:
    imported_into(db, exported(source))
    with open_database(source) as other:
        for group in (["Ana", "Ben"], ["Cy", "Dee"], ["Zoë", "李 明"]):
            assert last_seen(db, group) == last_seen(other, group)
            assert last_seen(db, group)  # every group answered something
    assert snapshot(database_path())["seen"] == snapshot(source)["seen"]


def test_importing_twice_adds_nothing_the_second_time(db: Database, source: Path) -> None:
    document = exported(source)
    imported_into(db, document)
    before = snapshot(database_path())
    second = imported_into(db, document)
    assert second == Imported(sessions_here=4, favourites_here=2, hidden_here=2, revisits_here=2)
    assert snapshot(database_path()) == before


def test_a_partial_overlap_adds_only_what_is_missing(db: Database, source: Path) -> None:
    whole = exported(source)
    part = copy.deepcopy(whole)
    oldest = part["sessions"][-1]
    part["sessions"] = [oldest]
    oldest["plays"] = oldest["plays"][:1]
    oldest["checkins"] = oldest["checkins"][:1]
    part["favourites"] = part["favourites"][:1]
    part["hidden"] = []
    imported_into(db, part)
    rest = imported_into(db, whole)
    assert rest == Imported(
        sessions=3,
        sessions_here=1,
        plays=2,
        checkins=2,
        favourites=1,
        favourites_here=1,
        hidden=2,
        revisits=1,
        revisits_here=1,
    )
    again = without_time(json.loads(json.dumps(export_data(db))))
    # The oldest session came first here, so it kept the first number; the rest follow.
    assert again == without_time(whole)


def test_what_is_already_here_is_kept_as_it_was(db: Database, source: Path) -> None:
    add_favourite(
        db,
        card_id="test/q2-0",
        deck_id="test",
        text="Our own words for it",
        follow_up=None,
        stages=["family"],
        depth=3,
        at=T0 - timedelta(days=9),
    )
    imported = imported_into(db, exported(source))
    assert (imported.favourites, imported.favourites_here) == (1, 1)
    ours = next(f for f in list_favourites(db) if f.card_id == "test/q2-0")
    assert ours.text == "Our own words for it"
    assert ours.added_at == T0 - timedelta(days=9)


def test_an_unfinished_session_comes_in_abandoned_and_cannot_be_resumed(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "other" / "closeness-cards.sqlite3"
    kept = fill_history(path)
    document = exported(path)
    [active] = [s for s in document["sessions"] if s["id"] == kept.active]
    assert active["status"] == "active"
    imported = imported_into(db, document)
    assert imported.abandoned == 1
    assert unfinished_session(db) is None
    [here] = [s for s in export_data(db)["sessions"] if s["started_at"] == active["started_at"]]
    assert here["status"] == "abandoned"
    # Ended where abandoning it would have ended it: its last recorded moment.
    assert here["ended_at"] == active["started_at"]
    assert (here["answered"], here["duration_seconds"]) == (2, active["duration_seconds"])


def test_a_session_being_played_here_stays_resumable(home: Path) -> None:
    kept = fill_history(database_path())  # this computer has the same unfinished session
    document = exported(database_path())
    with open_database() as here:
        imported = imported_into(here, document)
        assert imported.sessions == 0 and imported.abandoned == 0
        resumable = unfinished_session(here)
        assert resumable is not None and resumable.summary.id == kept.active


def test_one_session_twice_in_a_file_is_added_once(db: Database, source: Path) -> None:
    document = exported(source)
    document["sessions"].append(copy.deepcopy(document["sessions"][0]))
    document["sessions"][-1]["id"] = 999
    imported = imported_into(db, document)
    assert (imported.sessions, imported.sessions_here) == (4, 1)


def test_sessions_keep_their_order_and_are_numbered_anew(db: Database, source: Path) -> None:
    document = exported(source)
    for session in document["sessions"]:
        session["id"] += 100  # a history where the first hundred were forgotten
        for revisit in session["revisits"]:
            revisit["session_id"] = session["id"]
    imported_into(db, document)
    ids = [s["id"] for s in export_data(db)["sessions"]]
    assert ids == [4, 3, 2, 1]


def test_a_damaged_row_here_is_left_as_it_is_and_the_rest_imported(
    home: Path, source: Path
) -> None:
    kept = fill_history(database_path())
    for column in ("players_key", "started_at"):
        assert damage(
            database_path(), Target("sessions", "id = ?", (kept.other,)), column, NOT_UTF8
        )
    assert damage(
        database_path(), Target("plays", "session_id = ?", (kept.finished,)), "card_id", NOT_UTF8
    )
    damaged = snapshot(database_path())
    with open_database() as db:
        imported = imported_into(db, exported(source))
    # The damaged session matches nothing, so the file's copy of it comes in beside it;
    # the finished one is matched, and its damaged plays are added again from the file.
    assert (imported.sessions, imported.sessions_here, imported.plays) == (2, 2, 3)
    after = snapshot(database_path())
    for table in ("sessions", "plays"):
        assert set(damaged[table]) <= set(after[table])  # every damaged row still there


class Injected(Exception):
    """A failure the test causes in the middle of an import."""


@pytest.mark.parametrize("failure", [sqlite3.OperationalError("disk I/O error"), Injected()])
def test_a_failure_mid_import_leaves_the_history_as_it_was(
    db: Database, source: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    kept: Kept = fill_history(database_path())
    before = snapshot(database_path())
    real = merging._insert_play
    calls = []

    def failing(conn: sqlite3.Connection, session_id: int, play: Any) -> None:
        calls.append(session_id)
        if len(calls) == 4:
            raise failure
        real(conn, session_id, play)

    monkeypatch.setattr(merging, "_insert_play", failing)
    document = exported(source)
    for session in document["sessions"]:
        session["seed"] += 1  # other sessions than those here: all their plays go in
    expected = StoreError if isinstance(failure, sqlite3.Error) else Injected
    with pytest.raises(expected):
        imported_into(db, document)
    assert len(calls) == 4
    assert snapshot(database_path()) == before
    resumable = unfinished_session(db)
    assert resumable is not None and resumable.summary.id == kept.active


KILL_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from closeness_cards.store import merging
    from closeness_cards.store.db import open_database
    from closeness_cards.store.importing import read_import

    real = merging._insert_play
    done = []

    def slow(conn, session_id, play):
        real(conn, session_id, play)
        done.append(play)
        if len(done) == 3:
            print("ready", flush=True)
            sys.stdin.readline()  # the parent kills here, mid-transaction

    merging._insert_play = slow
    document = read_import(Path(sys.argv[1]))
    with open_database() as db:
        merging.import_document(db, document)
    print("finished", flush=True)
    """
)


@posix_only
def test_a_kill_mid_import_leaves_the_history_as_it_was(
    home: Path, source: Path, tmp_path: Path
) -> None:
    fill_history(database_path())
    before = snapshot(database_path())
    document = exported(source)
    for session in document["sessions"]:
        session["seed"] += 1  # other sessions than those here: all their plays go in
    file = tmp_path / "export.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC), "CLOSENESS_CARDS_HOME": str(home)}
    child = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(file)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "ready"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert snapshot(database_path()) == before
    conn = sqlite3.connect(str(database_path()))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
