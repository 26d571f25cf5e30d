"""The history database: connecting safely, migrating, and recovering from damage."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import ParamSpec, TypeVar

from closeness_cards.store.damage import (
    SIDE_FILES,
    damage_marker,
    mark_damaged,
    move_aside,
    passes_quick_check,
    set_aside_notice,
)
from closeness_cards.store.errors import (
    DatabaseTooNew,
    HistoryReadOnly,
    StoreError,
    explain,
    is_busy,
    is_damage,
    reason,
)
from closeness_cards.store.files import clean_leftovers
from closeness_cards.store.paths import (
    GAME_EXPORT_NAMES,
    database_path,
    ensure_private_dir,
    make_private,
    writable,
)
from closeness_cards.store.rows import Unreadable, decode_any
from closeness_cards.store.schema import LATEST_VERSION, MIGRATIONS

P = ParamSpec("P")
T = TypeVar("T")

BUSY_TIMEOUT_SECONDS = 5.0
"""How long a write waits for another closeness-cards process before giving up."""


__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "Database",
    "DatabaseTooNew",
    "HistoryReadOnly",
    "StoreError",
    "move_aside",
    "open_database",
    "open_memory_database",
]


class _Damaged(Exception):
    """Internal signal: the file on disk is not a usable SQLite database."""


class Database:
    """An open history database.

    Use one ``Database`` per thread; it wraps a single ``sqlite3.Connection``.

    Attributes:
        conn: The connection, in autocommit mode; use ``transaction()`` to write.
        path: The database file, or None for an in-memory database.
        read_only: Opened only to read (``store.readonly``): every write fails, and
            nothing is created or marked beside the file.
        notice: A plain-language notice to show once (for example that a damaged
            file was set aside), or None.
        unreadable: The rows reads skipped because they could not be read; they stay on
            disk, and their notices are said once.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        notice: str | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self.conn = conn
        self.path = path
        self.notice = notice
        self.read_only = read_only
        self.unreadable = Unreadable()
        # The kind of transaction this object has open ("read" or "write"), so nested
        # blocks join it rather than issuing a BEGIN that SQLite would refuse.
        self._open: str | None = None

    def close(self) -> None:
        """Close the connection; safe to call twice."""
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block as one write transaction: all of it is committed, or none.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so two processes queue on the
        busy timeout instead of failing half-way with "database is locked". Nested uses
        join the outer transaction.

        Yields:
            The connection.

        Raises:
            StoreError: When SQLite fails (busy too long, disk full, read-only, damage).
            RuntimeError: When called inside ``reading()``: a read snapshot cannot be
                safely upgraded to a write while another process writes.
        """
        if self._open == "write":
            yield self.conn
            return
        if self._open == "read":
            raise RuntimeError("cannot write inside Database.reading()")
        with self.translate_errors():
            self.conn.execute("BEGIN IMMEDIATE")
            self._open = "write"
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
            finally:
                self._open = None

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """Run several reads against one consistent snapshot.

        Yields:
            The connection.

        Raises:
            StoreError: When SQLite fails.
        """
        if self._open is not None:
            yield self.conn
            return
        with self.translate_errors():
            self.conn.execute("BEGIN")
            self._open = "read"
            try:
                yield self.conn
            finally:
                self._open = None
                self._rollback()

    @contextlib.contextmanager
    def translate_errors(self) -> Iterator[None]:
        """Turn ``sqlite3.Error`` raised in the block into a one-line ``StoreError``."""
        try:
            yield
        except sqlite3.Error as exc:
            if is_damage(exc) and self.path is not None and not self.read_only:
                mark_damaged(self.path)
            raise StoreError(explain(exc, self.path)) from exc

    def checkpoint(self) -> bool:
        """Copy the write-ahead log into the main file and truncate the log to zero.

        Returns:
            False when another connection's read kept part of the log alive past the busy
            timeout: the log, and old pages in the main file, are left as they were.
        """
        with self.translate_errors():
            busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        return not busy

    def log_is_empty(self) -> bool:
        """Whether the write-ahead log holds nothing (checkpointed and truncated, or absent).

        After forgetting, an empty log means no forgotten bytes are left in it, nor in
        pages of the main file that a reader kept from being overwritten.
        """
        if self.path is None:
            return True
        try:
            return self.path.with_name(self.path.name + "-wal").stat().st_size == 0
        except FileNotFoundError:
            return True

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def read_any_text(self) -> bool:
        """From now on read text that is not UTF-8 too, as ``Undecodable``; False if already.

        The sqlite3 module's own decoding is fastest, but one value that is not UTF-8 makes
        a whole query fail; after such a failure the connection decodes in Python, so the
        row can be skipped as unreadable and the rest still read.
        """
        if self.conn.text_factory is not str:
            return False
        self.conn.text_factory = decode_any
        return True


def open_database(path: Path | None = None) -> Database:
    """Open (creating if needed) the history database, set aside a damaged one.

    Opening is cheap: no integrity scan runs unless an earlier error flagged damage.

    Args:
        path: The database file; the default is ``paths.database_path()``.

    Returns:
        The open database. Its ``notice`` is set when a damaged file was set aside.

    Raises:
        DatabaseTooNew: The file's schema is newer than this code; it is not modified.
        HistoryReadOnly: The folder or the file is read-only; ``store.readonly`` can
            still open it to read.
        StoreError: The folder or file cannot be written, or the disk is full; callers
            should carry on without history.
    """
    path = database_path() if path is None else path
    try:
        ensure_private_dir(path.parent)
    except OSError as exc:
        if path.is_file() and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            # A history on a read-only disk (or in a folder locked to us) can still be read.
            raise HistoryReadOnly(f"the folder {path.parent} is read-only") from exc
        raise StoreError(f"cannot use the folder {path.parent} for history: {reason(exc)}") from exc
    _check_writable(path)
    clean_leftovers(path.parent, GAME_EXPORT_NAMES)
    notice: str | None = None
    if damage_marker(path).exists() and not passes_quick_check(path, BUSY_TIMEOUT_SECONDS):
        notice = set_aside_notice(path)
    try:
        conn = _connect(path)
    except _Damaged:
        notice = set_aside_notice(path)
        try:
            conn = _connect(path)
        except _Damaged as exc:
            raise StoreError(f"Cannot start a fresh history file at {path}.") from exc
    damage_marker(path).unlink(missing_ok=True)
    return Database(conn, path, notice)


def open_memory_database() -> Database:
    """Open a private in-memory database with the full schema.

    Useful when history is off (``--no-history``, or storage failed): the same code runs
    and nothing reaches the disk.
    """
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.row_factory = sqlite3.Row
    configure(conn)
    _migrate(conn, Path(":memory:"))
    return Database(conn, None)


def _connect(path: Path) -> sqlite3.Connection:
    """Connect, configure and migrate; raise ``_Damaged`` for a damaged file."""
    old_umask = os.umask(0o077)  # the file and its -wal/-shm are born private
    try:
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, path)) from exc
        try:
            conn.row_factory = sqlite3.Row
            # Both reads touch the header and page count only; a damaged or truncated
            # file fails here, before anything could be written to it.
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute("PRAGMA page_count").fetchone()
            if version > LATEST_VERSION:
                raise DatabaseTooNew(too_new_message(path, version))
            mode = _enter_wal(conn)
            if str(mode).lower() != "wal":
                raise StoreError(f"Cannot use safe write-ahead logging for {path}.")
            configure(conn)
            _migrate(conn, path)
        except sqlite3.Error as exc:
            conn.close()
            if is_damage(exc):
                raise _Damaged(str(exc)) from exc
            raise StoreError(explain(exc, path)) from exc
        except BaseException:
            conn.close()
            raise
    finally:
        os.umask(old_umask)
    for file in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        with contextlib.suppress(OSError):
            make_private(file)
    return conn


def _enter_wal(conn: sqlite3.Connection) -> str:
    """Switch the file to write-ahead logging and return the journal mode now in force.

    Retried by hand: while another process makes the same switch on a fresh file, SQLite
    answers busy at once instead of waiting on the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def configure(conn: sqlite3.Connection) -> None:
    """Set the per-connection pragmas that make every commit durable and private."""
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # Forgotten rows are overwritten with zeros instead of lingering in free pages.
    conn.execute("PRAGMA secure_delete = ON")


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema forward to ``LATEST_VERSION`` in one transaction."""
    if int(conn.execute("PRAGMA user_version").fetchone()[0]) == LATEST_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated meanwhile.
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > LATEST_VERSION:
            raise DatabaseTooNew(too_new_message(path, version))
        for step in MIGRATIONS[version:]:
            step(conn)
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def too_new_message(path: Path, version: int) -> str:
    """Say that a file's schema is newer than this code knows, and that it was left as it is."""
    return (
        f"The history file {path} was written by a newer closeness-cards "
        f"(schema {version}; this version knows up to {LATEST_VERSION}); "
        "it was left unchanged. Please update closeness-cards."
    )


def _check_writable(path: Path) -> None:
    """Fail early, with a plain reason, where SQLite would fail later and cryptically.

    Raises:
        HistoryReadOnly: The folder or the file is read-only (for root too, when the
            player took away their own write permission).
    """
    folder = path.parent
    if not writable(folder) or not os.access(folder, os.X_OK):
        raise HistoryReadOnly(f"the folder {folder} is read-only")
    if path.exists() and not (writable(path) and os.access(path, os.R_OK)):
        raise HistoryReadOnly(f"the history file {path} is read-only")
