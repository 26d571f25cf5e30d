"""Tests for opening the database: settings, schema, migrations and transactions."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from closeness_cards.store import db as db_module
from closeness_cards.store import schema
from closeness_cards.store.db import (
    Database,
    StoreError,
    move_aside,
    open_database,
    open_memory_database,
)
from closeness_cards.store.errors import explain
from closeness_cards.store.paths import database_path
from support.store import SRC

TABLES = {
    "sessions",
    "session_plans",
    "plays",
    "checkins",
    "favourites",
    "hidden",
    "revisits",
    "settings",
    "seen",
    "leases",
    "seats",
}


def pragma(database: Database, name: str) -> object:
    return database.conn.execute(f"PRAGMA {name}").fetchone()[0]


def test_open_creates_the_file_in_the_data_folder(home: Path) -> None:
    with open_database() as database:
        assert database.path == database_path()
        assert database.notice is None
    assert database_path().is_file()


def test_connection_is_durable_and_safe(db: Database) -> None:
    assert pragma(db, "journal_mode") == "wal"
    assert pragma(db, "synchronous") == 2  # FULL
    assert pragma(db, "foreign_keys") == 1
    assert pragma(db, "secure_delete") == 1
    assert pragma(db, "busy_timeout") == 5000
    assert db.conn.isolation_level is None


def test_schema_is_at_the_latest_version(db: Database) -> None:
    assert pragma(db, "user_version") == schema.LATEST_VERSION == 8
    names = {row[0] for row in db.conn.execute("SELECT name FROM sqlite_master")}
    assert names >= TABLES
    assert {"plays_by_session", "plays_by_card", "sessions_by_started_at"} <= names


def test_reopening_keeps_data_and_does_not_migrate_again(home: Path) -> None:
    with open_database() as first:
        first.conn.execute("INSERT INTO settings VALUES ('k', '1')")
    with open_database() as second:
        assert second.conn.execute("SELECT value_json FROM settings").fetchone()[0] == "1"
        assert pragma(second, "user_version") == schema.LATEST_VERSION


def test_explicit_path_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "history.sqlite3"
    with open_database(path) as database:
        assert database.path == path
    assert path.exists()


def test_migrations_run_forward_from_an_older_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    open_database(path).close()

    def add_column(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE settings ADD COLUMN note TEXT")

    monkeypatch.setattr(db_module, "MIGRATIONS", (*schema.MIGRATIONS, add_column))
    monkeypatch.setattr(db_module, "LATEST_VERSION", schema.LATEST_VERSION + 1)
    with open_database(path) as database:
        assert pragma(database, "user_version") == schema.LATEST_VERSION + 1
        columns = [row[1] for row in database.conn.execute("PRAGMA table_info(settings)")]
        assert "note" in columns


def test_failed_migration_rolls_back_completely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    open_database(path).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE extra (x)")
        conn.execute("this is not sql")

    monkeypatch.setattr(db_module, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr(db_module, "LATEST_VERSION", schema.LATEST_VERSION + 1)
    with pytest.raises(StoreError):
        open_database(path)
    monkeypatch.undo()
    with open_database(path) as database:
        assert pragma(database, "user_version") == schema.LATEST_VERSION
        names = {row[0] for row in database.conn.execute("SELECT name FROM sqlite_master")}
        assert "extra" not in names


def test_transaction_commits_and_rolls_back(db: Database) -> None:
    with db.transaction() as conn:
        conn.execute("INSERT INTO settings VALUES ('a', '1')")
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute("INSERT INTO settings VALUES ('b', '2')")
        raise RuntimeError("stop")
    keys = [row[0] for row in db.conn.execute("SELECT key FROM settings")]
    assert keys == ["a"]
    assert not db.conn.in_transaction


def test_nested_transactions_join_the_outer_one(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as outer:
        outer.execute("INSERT INTO settings VALUES ('a', '1')")
        with db.transaction() as inner:
            inner.execute("INSERT INTO settings VALUES ('b', '2')")
        raise RuntimeError("undo both")
    assert db.conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_sqlite_errors_become_one_line_store_errors(db: Database) -> None:
    with pytest.raises(StoreError) as caught, db.transaction() as conn:
        conn.execute("INSERT INTO nowhere VALUES (1)")
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value.__cause__, sqlite3.Error)


def test_reading_gives_a_consistent_snapshot_and_ends_it(db: Database) -> None:
    with db.reading() as conn:
        assert conn.in_transaction
        conn.execute("SELECT count(*) FROM sessions").fetchone()
    assert not db.conn.in_transaction


def test_context_manager_closes(home: Path) -> None:
    with open_database() as database:
        pass
    with pytest.raises(sqlite3.ProgrammingError):
        database.conn.execute("SELECT 1")
    database.close()  # closing twice is fine


def test_memory_database_has_the_schema_and_no_file(home: Path) -> None:
    with open_memory_database() as database:
        assert database.path is None
        names = {row[0] for row in database.conn.execute("SELECT name FROM sqlite_master")}
        assert names >= TABLES
        assert pragma(database, "foreign_keys") == 1
    assert not home.exists()


def test_move_aside_renames_the_file_and_its_log(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"main")
    path.with_name("h.sqlite3-wal").write_bytes(b"log")
    first = move_aside(path)
    assert first.name.startswith("h.sqlite3.corrupt-")
    assert first.read_bytes() == b"main"
    assert first.with_name(first.name + "-wal").read_bytes() == b"log"
    assert not path.exists()
    path.write_bytes(b"again")
    second = move_aside(path)  # same second: a distinct name, nothing overwritten
    assert second != first
    assert first.read_bytes() == b"main"
    assert second.read_bytes() == b"again"


def test_checkpoint_empties_the_log(db: Database) -> None:
    with db.transaction() as conn:
        conn.execute("INSERT INTO settings VALUES ('a', '1')")
    db.checkpoint()
    assert db.path is not None
    assert db.path.with_name(db.path.name + "-wal").stat().st_size == 0


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("database is locked", "busy"),
        ("database or disk is full", "disk is full"),
        ("attempt to write a readonly database", "read-only"),
        ("unable to open database file", "Cannot open"),
        ("database disk image is malformed", "damaged"),
        ("file is not a database", "damaged"),
        ("something new", "could not be used: something new"),
    ],
)
def test_errors_are_explained_plainly(message: str, words: str) -> None:
    # Built by hand, these carry no result code: the message fallback (Python 3.10).
    text = explain(sqlite3.OperationalError(message), Path("/x/h.sqlite3"))
    assert words in text and "/x/h.sqlite3" in text and "\n" not in text


def test_store_never_imports_textual() -> None:
    code = (
        "import sys, closeness_cards.store\n"
        "from closeness_cards.store import (checkins, db, export, favourites, history,\n"
        "    paths, records, schema, settings, timestamps)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')\n"
        "    or m.startswith(('closeness_cards.tui', 'closeness_cards.table')))\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_writing_inside_a_read_snapshot_is_refused(db: Database) -> None:
    with pytest.raises(RuntimeError), db.reading(), db.transaction():
        pass  # pragma: no cover
    with db.transaction(), db.reading() as conn:  # reading inside a write is fine
        conn.execute("SELECT 1")
