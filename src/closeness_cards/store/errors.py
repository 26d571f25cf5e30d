"""What can go wrong with storage, said in one plain line a player can act on."""

from __future__ import annotations

import sqlite3

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

# Primary result codes (the low byte of an extended code).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class StoreError(Exception):
    """Storage failed; the message is one plain line fit to show to players."""


class DatabaseTooNew(StoreError):
    """The database was written by a newer closeness-cards; it is left untouched."""


class HistoryReadOnly(StoreError):
    """The history cannot be written (its folder or file is read-only); it can be read.

    Attributes:
        why: What is read-only, as a clause ("the folder /x is read-only").
    """

    def __init__(self, why: str) -> None:
        super().__init__(f"The history cannot be written: {why}.")
        self.why = why


def _error_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    return code & 0xFF if isinstance(code, int) else None


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite says the file is damaged or is not a database at all."""
    code = _error_code(exc)
    if code is not None:
        return code in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    message = str(exc).lower()
    return "malformed" in message or "not a database" in message


def is_busy(exc: sqlite3.Error) -> bool:
    """Whether SQLite says another connection holds a lock it needs."""
    return _error_kind(exc) == "busy"


def explain(exc: sqlite3.Error, path: Path | None) -> str:
    """Say in one plain line what went wrong with the history file."""
    where = f" {path}" if path is not None else ""
    if is_damage(exc):
        return (
            f"The history file{where} is damaged; it will be set aside and a fresh one "
            "started the next time closeness-cards opens it."
        )
    kind = _error_kind(exc)
    if kind == "busy":
        return f"The history file{where} is busy in another closeness-cards; try again."
    if kind == "full":
        return f"The disk is full; the history file{where} could not be written."
    if kind == "readonly":
        return f"The history file{where} is read-only; history is off."
    if kind == "cantopen":
        return f"Cannot open the history file{where}; history is off."
    return f"The history file{where} could not be used: {exc}."


def _error_kind(exc: sqlite3.Error) -> str | None:
    """Classify by result code where Python gives one (3.11+), else by SQLite's message."""
    code = _error_code(exc)
    if code is not None:
        return {
            _SQLITE_BUSY: "busy",
            _SQLITE_LOCKED: "busy",
            _SQLITE_FULL: "full",
            _SQLITE_READONLY: "readonly",
            _SQLITE_CANTOPEN: "cantopen",
        }.get(code)
    message = str(exc).lower()
    for needle, kind in (
        ("locked", "busy"),
        ("disk is full", "full"),
        ("readonly", "readonly"),
        ("unable to open", "cantopen"),
    ):
        if needle in message:
            return kind
    return None


def reason(exc: OSError) -> str:
    """The operating system's words for an error, without the errno noise."""
    return exc.strerror or str(exc)
