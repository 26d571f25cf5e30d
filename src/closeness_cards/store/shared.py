"""A table shared by several screens: its row, read and moved on by compare-and-set."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from closeness_cards.store import rows
from closeness_cards.store.db import Database


@dataclass(frozen=True)
class SharedRow:
    """Where a shared table stands, read in one snapshot."""

    version: int
    """Moves on by one with every change; a change is made only against the version seen."""
    state_json: str
    """The table's own state (the turn on the card, the phase, who has checked in)."""
    plan_json: str
    """The session's saved deal, as a resume reads it."""
    position: int
    """The session's resume point: the card on the table."""
    seconds_open: float


def open_shared(db: Database, session_id: int, state_json: str) -> int:
    """Share a session's table (again): its row, version kept when it was shared before.

    Returns:
        The version the table is at.
    """
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO shared_tables (session_id, version, state_json) VALUES (?, 0, ?) "
            "ON CONFLICT (session_id) DO UPDATE SET version = version + 1, "
            "state_json = excluded.state_json",
            (session_id, state_json),
        )
        row = conn.execute(
            "SELECT version FROM shared_tables WHERE session_id = ?", (session_id,)
        ).fetchone()
    return int(row[0])


def read_shared(db: Database, session_id: int) -> SharedRow | None:
    """The shared table of a session, or None when it is not shared (or cannot be read)."""
    with db.reading() as conn:
        row = conn.execute(
            "SELECT t.version, t.state_json, p.plan_json, s.position, s.seconds_open "
            "FROM shared_tables AS t JOIN sessions AS s ON s.id = t.session_id "
            "JOIN session_plans AS p ON p.session_id = t.session_id WHERE t.session_id = ?",
            (session_id,),
        ).fetchone()
    if row is None:
        return None
    try:
        return _row(row)
    except rows.BadRow:
        db.unreadable.add("shared table", session_id)
        return None


def move_on(
    db: Database,
    session_id: int,
    *,
    seen: int,
    state_json: str,
    plan_json: str,
    position: int,
) -> bool:
    """Compare-and-set: the table moves on from version ``seen`` to the next, or not at all.

    Called inside the transaction that also keeps the card that left (if one did), so the
    play and the move are one commit.

    Returns:
        False when the table is no longer at ``seen`` (another screen moved it first).
    """
    with db.transaction() as conn:
        moved = conn.execute(
            "UPDATE shared_tables SET version = version + 1, state_json = ? "
            "WHERE session_id = ? AND version = ?",
            (state_json, session_id, seen),
        ).rowcount
        if moved != 1:
            return False
        conn.execute("UPDATE sessions SET position = ? WHERE id = ?", (position, session_id))
        conn.execute(
            "UPDATE session_plans SET plan_json = ? WHERE session_id = ?", (plan_json, session_id)
        )
    return True


def changes(db: Database) -> int:
    """A number that changes whenever another connection commits (``PRAGMA data_version``).

    Cheap: it reads no page, so screens ask it several times a second.
    """
    with db.translate_errors():
        return int(db.conn.execute("PRAGMA data_version").fetchone()[0])


def _row(row: sqlite3.Row) -> SharedRow:
    seconds = row[4]
    return SharedRow(
        version=rows.whole(row[0], 0),
        state_json=rows.text(row[1]),
        plan_json=rows.plan(row[2]),
        position=rows.whole(row[3], 0),
        seconds_open=float(seconds) if isinstance(seconds, (int, float)) else 0.0,
    )
