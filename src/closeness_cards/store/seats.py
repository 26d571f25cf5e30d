"""Seats at a shared table: which screen's process sits as which player, one screen a player.

A seat claims its player when it sits, renews the claim while it stays, and lets go when it
leaves. A seat that could not let go (its process was killed, or it hangs) frees its player
by itself: a claim holds only while its process runs and renews it.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from closeness_cards.store import rows
from closeness_cards.store.db import Database
from closeness_cards.store.leases import MAX_PID, process_alive, this_host
from closeness_cards.store.rows import tolerant
from closeness_cards.store.timestamps import to_text

SEAT_SECONDS = 30.0
"""How long a claim lasts without being renewed; a seat renews it several times as often."""


@dataclass(frozen=True)
class Sitter:
    """The screen that sits as one player."""

    player: str
    holder: str
    """The seat's own token (unique per seat process)."""
    host: str
    pid: int
    renewed_at: datetime


def live(sitter: Sitter, now: datetime) -> bool:
    """Whether a claim still holds: renewed lately, and (on this computer) its process runs.

    A seat killed with SIGKILL never lets go; its dead process frees the player at once. A
    process that lives but no longer renews (it hangs, or its id went to another program)
    frees the player after ``SEAT_SECONDS``.
    """
    if now - sitter.renewed_at > timedelta(seconds=SEAT_SECONDS):
        return False
    return sitter.host != this_host() or process_alive(sitter.pid)


def sit(db: Database, session_id: int, player: str, holder: str, now: datetime) -> Sitter | None:
    """Sit ``holder`` as ``player`` (or renew its claim), in one transaction.

    Two seats that pick the same free player at once queue on the write lock: the first
    sits, the second reads the first one's claim and is refused. A seat sits as one player
    at a time, so any other claim of ``holder`` at this table goes.

    Returns:
        None when ``holder`` now sits as ``player``; otherwise the live claim of the
        screen that sits there, which keeps it.
    """
    with db.transaction() as conn:
        row = conn.execute(
            "SELECT player, holder, host, pid, renewed_at FROM seats "
            "WHERE session_id = ? AND player = ?",
            (session_id, player),
        ).fetchone()
        if row is not None and row["holder"] != holder:
            other = _sitter(row)
            if other is not None and live(other, now):
                return other
        conn.execute(
            "DELETE FROM seats WHERE session_id = ? AND holder = ? AND player <> ?",
            (session_id, holder, player),
        )
        conn.execute(
            """
            INSERT INTO seats (session_id, player, holder, host, pid, renewed_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_id, player) DO UPDATE SET holder = excluded.holder,
                host = excluded.host, pid = excluded.pid, renewed_at = excluded.renewed_at
            """,
            (session_id, player, holder, this_host(), os.getpid(), to_text(now)),
        )
    return None


def stand(db: Database, session_id: int, holder: str) -> None:
    """The seat ``holder`` leaves the table: its player is free."""
    with db.transaction() as conn:
        conn.execute("DELETE FROM seats WHERE session_id = ? AND holder = ?", (session_id, holder))


@tolerant
def sitting(db: Database, session_id: int, now: datetime) -> dict[str, Sitter]:
    """The players someone sits as at this table, with the claim of each."""
    with db.reading() as conn:
        found = conn.execute(
            "SELECT player, holder, host, pid, renewed_at FROM seats WHERE session_id = ?",
            (session_id,),
        ).fetchall()
    sitters = (_sitter(row) for row in found)
    return {s.player: s for s in sitters if s is not None and live(s, now)}


def _sitter(row: sqlite3.Row) -> Sitter | None:
    """The claim a row holds, or None when it cannot be read.

    A claim that cannot be read holds nothing, as a damaged lease does: the next seat to
    pick that player replaces it, so damage never keeps a player from sitting.
    """
    try:
        return Sitter(
            rows.text(row["player"]),
            rows.text(row["holder"]),
            rows.text(row["host"]),
            rows.whole(row["pid"], 1, MAX_PID),
            rows.moment(row["renewed_at"]),
        )
    except rows.BadRow:
        return None
