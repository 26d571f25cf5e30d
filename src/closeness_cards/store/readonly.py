"""A history that cannot be written is still read: opened read-only, nothing made beside it.

SQLite reads a write-ahead-logged file read-only only when it may create (or finds) the
``-shm`` file beside it; in a folder that cannot be written it is opened ``immutable``
instead, which reads the file as it lies on disk. Either way every write fails, and
``Database.read_only`` tells the ports and commands to try none.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from closeness_cards.store.damage import SIDE_FILES
from closeness_cards.store.db import (
    BUSY_TIMEOUT_SECONDS,
    Database,
    open_database,
    too_new_message,
)
from closeness_cards.store.errors import DatabaseTooNew, HistoryReadOnly, StoreError, explain
from closeness_cards.store.paths import database_path, writable
from closeness_cards.store.schema import LATEST_VERSION


def open_history(path: Path | None = None) -> Database:
    """Open the history to read, and to write when it can be written.

    Returns:
        The database; when it is read-only, ``read_only`` is set and ``notice`` says so.

    Raises:
        StoreError: It cannot be opened even to read (as ``open_database``).
    """
    try:
        return open_database(path)
    except HistoryReadOnly as error:
        return open_read_only(path, error.why)


def open_read_only(path: Path | None, why: str) -> Database:
    """Open an existing history file only to read it; nothing on disk changes.

    Args:
        path: The database file; the default is ``paths.database_path()``.
        why: What is read-only, for the notice ("the folder /x is read-only").

    Raises:
        DatabaseTooNew: Its schema is newer than this code.
        StoreError: It is missing, damaged, cannot be opened, or was written by an
            older version (which cannot be brought forward without writing).
    """
    path = database_path() if path is None else path
    if not path.is_file():
        raise StoreError(f"There is no history file at {path} to read.")
    # Plain read-only needs the -shm file: found beside it, or made in a writable folder.
    plain = writable(path.parent) or all(
        path.with_name(path.name + side).exists() for side in SIDE_FILES[:2]
    )
    attempts = ("mode=ro", "mode=ro&immutable=1") if plain else ("mode=ro&immutable=1",)
    failure: sqlite3.Error | None = None
    for query in attempts:
        try:
            conn = _connect(path, query)
        except sqlite3.Error as error:
            failure = error
            continue
        notice = (
            f"History is read-only ({why}): it can be viewed and exported, but nothing new is kept."
        )
        return Database(conn, path, notice, read_only=True)
    assert failure is not None  # there is always at least one attempt
    raise StoreError(explain(failure, path)) from failure


def _connect(path: Path, query: str) -> sqlite3.Connection:
    """Connect with a URI query, read the schema version, and check it can be read."""
    uri = f"{path.absolute().as_uri()}?{query}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = ON")  # belt and braces: no write gets as far
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if version > LATEST_VERSION:
            raise DatabaseTooNew(too_new_message(path, version))
        if version < LATEST_VERSION:
            raise StoreError(
                f"The history file {path} was kept by an earlier closeness-cards and is "
                "read-only, so it cannot be brought up to date to be read."
            )
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
        raise
    return conn
