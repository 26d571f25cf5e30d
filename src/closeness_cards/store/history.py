"""The record of sessions and plays, written as they happen and read for history."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime

from closeness_cards.store import rows
from closeness_cards.store.checkins import checkin_trend, record_checkin
from closeness_cards.store.db import Database, StoreError
from closeness_cards.store.records import (
    END_STATUSES,
    MOMENTS,
    OUTCOMES,
    SESSION_STATUSES,
    CheckIn,
    PlayRecord,
    ResumableSession,
    SessionDetail,
    SessionNotFound,
    SessionSummary,
    TrendPoint,
    check_choice,
    players_key,
)
from closeness_cards.store.sessions import (
    an_id,
    last_seen,
    list_sessions,
    session_detail,
    session_summary,
    unfinished_session,
)
from closeness_cards.store.timestamps import now_utc, to_text

__all__ = [
    "END_STATUSES",
    "MOMENTS",
    "OUTCOMES",
    "SESSION_STATUSES",
    "CheckIn",
    "PlayRecord",
    "ResumableSession",
    "SessionDetail",
    "SessionNotFound",
    "SessionSummary",
    "TrendPoint",
    "abandon_session",
    "checkin_trend",
    "end_session",
    "forget_all",
    "forget_session",
    "last_seen",
    "list_sessions",
    "players_key",
    "record_checkin",
    "record_play",
    "session_detail",
    "session_summary",
    "start_session",
    "unfinished_session",
    "update_plan",
]


def start_session(
    db: Database,
    *,
    players: Sequence[str],
    stage: str,
    shape: str,
    depth: str,
    seed: int,
    decks: Sequence[str],
    options: Mapping[str, object],
    plan_json: str,
    started_at: datetime,
) -> int:
    """Record that a session began and return its id.

    Raises:
        StoreError: When the session could not be saved, or its seed is too large to keep
            (a deal may use any whole number; SQLite keeps 64 bits).
    """
    if not an_id(seed):
        raise StoreError(f"the seed {seed} is too large to keep in the history")
    with db.transaction() as conn:
        cursor = conn.execute(
            """
            INSERT INTO sessions (started_at, status, stage, shape, depth, seed,
                players_json, players_key, decks_json, options_json, position)
            VALUES (?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, 0)
            """,
            (
                to_text(started_at),
                stage,
                shape,
                depth,
                seed,
                _dumps(list(players)),
                players_key(players),
                _dumps(list(decks)),
                _dumps(dict(options)),
            ),
        )
        session_id = cursor.lastrowid
        assert session_id is not None  # an INSERT into a rowid table always sets it
        conn.execute(
            "INSERT INTO session_plans (session_id, plan_json) VALUES (?, ?)",
            (session_id, plan_json),
        )
    return session_id


def record_play(
    db: Database,
    session_id: int,
    *,
    position: int,
    card_id: str,
    deck_id: str,
    text: str,
    depth: int,
    kind: str,
    reader: str,
    answerers: Sequence[str],
    outcome: str,
    played_at: datetime,
    next_position: int,
    seconds_open: float | None = None,
    plan_json: str | None = None,
) -> None:
    """Record one played card and move the session's resume point, in one commit.

    An answered card also moves the group's ``seen`` time forward (a trigger, in the same
    commit), which is what ``last_seen`` reads. ``seconds_open`` (the time together so far)
    and a changed ``plan_json`` (a pass brought a replacement) are saved in the same commit.

    Raises:
        ValueError: ``outcome`` is not one of ``OUTCOMES``.
        SessionNotFound: There is no such session.
        StoreError: When the play could not be saved.
    """
    check_choice("outcome", outcome, OUTCOMES)
    with db.transaction() as conn:
        if seconds_open is None:
            _update_session(conn, session_id, "position = ?", (next_position,))
        else:
            _update_session(
                conn, session_id, "position = ?, seconds_open = ?", (next_position, seconds_open)
            )
        if plan_json is not None:
            conn.execute(
                "UPDATE session_plans SET plan_json = ? WHERE session_id = ?",
                (plan_json, session_id),
            )
        conn.execute(
            """
            INSERT INTO plays (session_id, position, card_id, deck_id, card_text, depth,
                kind, reader, answerers_json, outcome, played_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                session_id,
                position,
                card_id,
                deck_id,
                text,
                depth,
                kind,
                reader,
                _dumps(list(answerers)),
                outcome,
                to_text(played_at),
            ),
        )


def update_plan(db: Database, session_id: int, plan_json: str) -> None:
    """Save a changed deal (a pass replaced a card) so a resume deals the same cards."""
    with db.transaction() as conn:
        cursor = conn.execute(
            "UPDATE session_plans SET plan_json = ? WHERE session_id = ?",
            (plan_json, session_id),
        )
        if cursor.rowcount == 0:
            raise SessionNotFound(f"There is no session {session_id} in the history.")


def end_session(
    db: Database,
    session_id: int,
    *,
    status: str,
    ended_at: datetime,
    seconds_open: float | None = None,
) -> None:
    """Mark a session finished, ended early or abandoned.

    Raises:
        ValueError: ``status`` is not one of ``END_STATUSES``.
        SessionNotFound: There is no such session.
    """
    check_choice("status", status, END_STATUSES)
    with db.transaction() as conn:
        _update_session(
            conn,
            session_id,
            "status = ?, ended_at = ?, seconds_open = ifnull(?, seconds_open)",
            (status, to_text(ended_at), seconds_open),
        )


def abandon_session(db: Database, session_id: int, ended_at: datetime | None = None) -> None:
    """Close an interrupted session the players chose not to resume.

    Sessions that already ended are left as they are.

    Args:
        db: The database.
        session_id: The session.
        ended_at: When it ended; by default its last recorded moment (last play or
            check-in, else its start), so its duration is not inflated by the days it sat
            interrupted.
    """
    with db.transaction() as conn:
        row = conn.execute(
            "SELECT status, started_at FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            raise SessionNotFound(f"There is no session {session_id} in the history.")
        if row["status"] != "active":
            return
        if ended_at is None:
            # Read in Python, each checked: in SQL, max() over damaged text would pick
            # the damage and write it into the session as its end.
            found = conn.execute(
                "SELECT played_at FROM plays WHERE session_id = ? "
                "UNION ALL SELECT at FROM checkins WHERE session_id = ?",
                (session_id, session_id),
            ).fetchall()
            values = [row["started_at"], *(r[0] for r in found)]
            moments = [m for m in map(_moment_or_none, values) if m is not None]
            ended_at = max(moments, default=now_utc())
        conn.execute(
            "UPDATE sessions SET status = 'abandoned', ended_at = ? WHERE id = ?",
            (to_text(ended_at), session_id),
        )


def _moment_or_none(value: object) -> datetime | None:
    try:
        return rows.moment(value)
    except rows.BadRow:
        return None


def forget_session(db: Database, session_id: int) -> bool:
    """Erase one session with its plays, check-ins and revisit marks.

    In the same transaction a trigger rebuilds the group's ``seen`` rows for the cards
    answered in it from the group's other sessions, so ``last_seen`` forgets it too.
    Deleted rows are zeroed (``secure_delete``) and the log is truncated, so nothing of
    the session is left readable in the files.

    Returns:
        Whether there was such a session.
    """
    if not an_id(session_id):
        return False  # beyond any SQLite integer: no session has it
    with db.transaction() as conn:
        deleted = conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount
    db.checkpoint()
    return deleted > 0


def forget_all(db: Database) -> None:
    """Erase everything: sessions, plays, check-ins, marks, favourites, hidden, settings.

    Settings go too, because they remember player names. The file is then rebuilt
    (``VACUUM``) and the log truncated so no forgotten bytes remain on disk.
    """
    with db.transaction() as conn:
        # Children first, so the cascades and the trigger that keeps ``seen`` have
        # nothing left to do.
        for table in (
            "seen",
            "session_counts",
            "plays",
            "checkins",
            "revisits",
            "leases",
            "seats",
            "shared_tables",
            "session_plans",
            "sessions",
        ):
            conn.execute(f"DELETE FROM {table}")
        for table in ("favourites", "hidden"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM settings")
    with db.translate_errors():
        db.conn.execute("VACUUM")
    db.checkpoint()


def _update_session(
    conn: sqlite3.Connection, session_id: int, assignments: str, values: tuple[object, ...]
) -> None:
    cursor = conn.execute(f"UPDATE sessions SET {assignments} WHERE id = ?", (*values, session_id))
    if cursor.rowcount == 0:
        raise SessionNotFound(f"There is no session {session_id} in the history.")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
