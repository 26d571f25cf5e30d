"""Leases: a session is open in one window at a time, and a crashed window lets go of it."""

from __future__ import annotations

import os
import socket
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from closeness_cards.store import rows
from closeness_cards.store.db import Database
from closeness_cards.store.rows import tolerant
from closeness_cards.store.timestamps import to_text

LEASE_SECONDS = 90.0
"""How long a window's claim lasts without being renewed; windows renew it far more often."""

MAX_PID = 2**31 - 1
"""The largest process id a lease may name (``os.kill`` takes a C int)."""


@dataclass(frozen=True)
class Holder:
    """The window that has a session open."""

    holder: str
    """The window's own token (unique per window)."""
    host: str
    pid: int
    renewed_at: datetime


def this_host() -> str:
    """The name of this computer, as leases record it."""
    return socket.gethostname() or "this computer"


def process_alive(pid: int) -> bool:
    """Whether a process of this computer is still running (a claim's owner, say)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists, it is just not ours to signal
    return True


def _live(lease: Holder, now: datetime) -> bool:
    """Whether a lease still holds.

    A window killed with SIGKILL never releases its lease. On this computer its dead
    process gives it away at once (and a live one keeps it, however long the players talk
    over one card); a window on another computer must renew it within ``LEASE_SECONDS``.
    """
    if lease.host == this_host():
        return process_alive(lease.pid)
    return now - lease.renewed_at <= timedelta(seconds=LEASE_SECONDS)


@tolerant
def claim(db: Database, session_id: int, holder: str, now: datetime) -> Holder | None:
    """Take (or renew) the lease on a session for ``holder``.

    Returns:
        None when the lease is now this holder's; otherwise the live lease of the window
        that has the session open, which keeps it.
    """
    with db.transaction() as conn:
        row = conn.execute(
            "SELECT holder, host, pid, renewed_at FROM leases WHERE session_id = ?",
            (session_id,),
        ).fetchone()
        if row is not None and row["holder"] != holder:
            other = _holder(row)
            if other is not None and _live(other, now):
                return other
        conn.execute(
            """
            INSERT INTO leases (session_id, holder, host, pid, renewed_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (session_id) DO UPDATE SET holder = excluded.holder,
                host = excluded.host, pid = excluded.pid, renewed_at = excluded.renewed_at
            """,
            (session_id, holder, this_host(), os.getpid(), to_text(now)),
        )
    return None


def release(db: Database, session_id: int, holder: str) -> None:
    """Give up the lease on a session, if this holder has it."""
    with db.transaction() as conn:
        conn.execute("DELETE FROM leases WHERE session_id = ? AND holder = ?", (session_id, holder))


@tolerant
def holder_of(db: Database, session_id: int, now: datetime) -> Holder | None:
    """The live lease on a session, if a window has it open."""
    with db.reading() as conn:
        row = conn.execute(
            "SELECT holder, host, pid, renewed_at FROM leases WHERE session_id = ?",
            (session_id,),
        ).fetchone()
    lease = None if row is None else _holder(row)
    return lease if lease is not None and _live(lease, now) else None


def _holder(row: sqlite3.Row) -> Holder | None:
    """The lease a row holds, or None when it cannot be read.

    A lease that cannot be read holds nothing: it is only a window's claim, and the next
    claim replaces it, which keeps a damaged lease from locking a session away for good.
    """
    try:
        return Holder(
            rows.text(row["holder"]),
            rows.text(row["host"]),
            rows.whole(row["pid"], 1, MAX_PID),
            rows.moment(row["renewed_at"]),
        )
    except rows.BadRow:
        return None
