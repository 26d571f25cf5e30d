"""Damaged history files: checked only when flagged, then set aside, never deleted."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from closeness_cards.store.errors import StoreError, is_damage, reason

SIDE_FILES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database, named after it."""
DAMAGED_SUFFIX = ".damaged"
"""The marker left beside a database that an error showed to be damaged."""
CORRUPT_INFIX = ".corrupt-"
"""What a damaged file set aside has in its name: ``<name>.corrupt-<timestamp>``."""


def passes_quick_check(path: Path, timeout: float) -> bool:
    """Run SQLite's quick check; used only after an error flagged the file as damaged."""
    if not path.exists():
        return True  # nothing to check; connecting would create a file outside umask
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=timeout)
    except sqlite3.Error:
        return True  # cannot tell; let the normal open report what is wrong
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        return [tuple(row) for row in rows] == [("ok",)]
    except sqlite3.Error as exc:
        return not is_damage(exc)
    finally:
        conn.close()


def set_aside_notice(path: Path) -> str:
    """Move a damaged file aside and return the notice that tells players so."""
    try:
        target = move_aside(path)
    except OSError as exc:
        raise StoreError(
            f"The history file {path} is damaged and could not be moved aside: {reason(exc)}"
        ) from exc
    return f"Your history file was damaged; it was moved aside to {target} and a fresh one started."


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a database and its side files to ``<name>.corrupt-<timestamp>``.

    Nothing is ever deleted: the bytes stay available for recovery by hand.

    Args:
        path: The database file.
        now: The time for the stamp; the current UTC time by default.

    Returns:
        The new path of the main file.
    """
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}{CORRUPT_INFIX}{stamp}")
    counter = 2
    while target.exists():
        target = path.with_name(f"{path.name}{CORRUPT_INFIX}{stamp}-{counter}")
        counter += 1
    path.rename(target)
    # Side files keep SQLite's naming, so opening the moved file by hand still sees its log.
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    damage_marker(path).unlink(missing_ok=True)
    return target


def damage_marker(path: Path) -> Path:
    return path.with_name(path.name + DAMAGED_SUFFIX)


def mark_damaged(path: Path) -> None:
    """Leave a marker so the next open checks the file; checking now would be too slow."""
    with contextlib.suppress(OSError):
        damage_marker(path).touch(mode=0o600)
