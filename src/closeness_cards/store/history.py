"""The record of sessions and plays, written as they happen and read for history."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime

from closeness_cards.store.checkins import checkin_trend, record_checkin
from closeness_cards.store.db import Database
from closeness_cards.store.favourites import revisit_from_row
from closeness_cards.store.records import (
    CHECKIN_SELECT,
    END_STATUSES,
    MOMENTS,
    OUTCOMES,
    PLAY_SELECT,
    SESSION_STATUSES,
    CheckIn,
    PlayRecord,
    ResumableSession,
    SessionDetail,
    SessionNotFound,
    SessionSummary,
    TrendPoint,
    check_choice,
    checkin_from_row,
    play_from_row,
    players_key,
    summary_from_row,
)
from closeness_cards.store.timestamps import from_texts, to_text

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

_SEPARATOR = "\x1f"
"""ASCII unit separator (SQL ``char(31)``): joins the ids and times ``last_seen`` reads."""


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
        StoreError: When the session could not be saved.
    """
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
            """
            SELECT status,
                   max(started_at,
                       ifnull((SELECT max(played_at) FROM plays WHERE session_id = s.id), ''),
                       ifnull((SELECT max(at) FROM checkins WHERE session_id = s.id), ''))
                   AS last_moment
            FROM sessions AS s WHERE s.id = ?
            """,
            (session_id,),
        ).fetchone()
        if row is None:
            raise SessionNotFound(f"There is no session {session_id} in the history.")
        if row["status"] != "active":
            return
        end_text = str(row["last_moment"]) if ended_at is None else to_text(ended_at)
        conn.execute(
            "UPDATE sessions SET status = 'abandoned', ended_at = ? WHERE id = ?",
            (end_text, session_id),
        )


# Counted from the plays themselves (no stored counters to drift). Each count is a seek
# into the covering index plays_by_session; measured faster than a join with GROUP BY,
# which had to sort every play through a temporary b-tree.
_SUMMARY_SELECT = """
    SELECT s.id, s.started_at, s.ended_at, s.status, s.stage, s.shape, s.depth, s.seed,
           s.players_json, s.decks_json,
           (SELECT count(*) FROM plays WHERE session_id = s.id AND outcome = 'answered'),
           (SELECT count(*) FROM plays WHERE session_id = s.id AND outcome = 'passed'),
           (SELECT count(*) FROM plays WHERE session_id = s.id AND outcome = 'hidden'),
           s.seconds_open,
           (SELECT count(*) FROM plays
            WHERE session_id = s.id AND outcome = 'answered' AND kind = 'question'),
           (SELECT count(*) FROM plays
            WHERE session_id = s.id AND outcome = 'answered' AND kind = 'action'),
           (SELECT count(*) FROM plays
            WHERE session_id = s.id AND outcome = 'answered' AND kind = 'closing')
    FROM sessions AS s
"""


def list_sessions(db: Database, limit: int | None = None, offset: int = 0) -> list[SessionSummary]:
    """Return session summaries, newest first, with their outcome counts.

    Args:
        db: The database.
        limit: At most this many sessions; None for all of them.
        offset: Skip this many of the newest sessions first (for paging).
    """
    with db.reading() as conn:
        rows = conn.execute(
            f"{_SUMMARY_SELECT} ORDER BY s.started_at DESC, s.id DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
    return [summary_from_row(row) for row in rows]


def session_summary(db: Database, session_id: int) -> SessionSummary | None:
    """Return one session's summary, or None when there is no such session."""
    with db.reading() as conn:
        return _summary_of(conn, session_id)


def session_detail(db: Database, session_id: int) -> SessionDetail | None:
    """Return a session with its plays, check-ins and revisit marks, or None."""
    with db.reading() as conn:
        summary = _summary_of(conn, session_id)
        if summary is None:
            return None
        plays = conn.execute(
            f"{PLAY_SELECT} WHERE session_id = ? ORDER BY position, id", (session_id,)
        ).fetchall()
        checkins = conn.execute(
            f"{CHECKIN_SELECT} WHERE session_id = ? ORDER BY moment = 'after', at, player",
            (session_id,),
        ).fetchall()
        revisits = conn.execute(
            "SELECT session_id, card_id, text, marked_at FROM revisits "
            "WHERE session_id = ? ORDER BY marked_at, id",
            (session_id,),
        ).fetchall()
    return SessionDetail(
        summary=summary,
        plays=tuple(play_from_row(row) for row in plays),
        checkins=tuple(checkin_from_row(row) for row in checkins),
        revisits=tuple(revisit_from_row(row) for row in revisits),
    )


def unfinished_session(db: Database) -> ResumableSession | None:
    """Return the newest session still marked active (crash, quit, kill), or None."""
    with db.reading() as conn:
        row = conn.execute(
            "SELECT s.id, p.plan_json, s.position, s.options_json "
            "FROM sessions AS s JOIN session_plans AS p ON p.session_id = s.id "
            "WHERE s.status = 'active' ORDER BY s.started_at DESC, s.id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        summary = _summary_of(conn, int(row["id"]))
    assert summary is not None  # read in the same snapshot as the row above
    return ResumableSession(
        summary=summary,
        plan_json=row["plan_json"],
        position=int(row["position"]),
        options=json.loads(row["options_json"]),
    )


def last_seen(db: Database, players: Sequence[str]) -> dict[str, datetime]:
    """Return when these players last answered each card, for fresher deals.

    Only sessions with exactly this group of players count (order and case ignored), and
    only answered cards: a passed card was not really seen.

    Returns:
        Global card id to the latest time it was answered.
    """
    key = players_key(players)
    with db.reading() as conn:
        # One row of two joined lists rather than a row per card: the sqlite3 module
        # spends ~0.3 us building each row, more than SQLite spends reading it (9,000
        # cards: ~3.5 ms against ~5.5 ms). Both aggregates see the rows in one order.
        cards, times = conn.execute(
            "SELECT group_concat(card_id, char(31)), group_concat(last_at, char(31)) "
            "FROM seen WHERE players_key = ?",
            (key,),
        ).fetchone()
        if cards is None:
            return {}
        card_ids = cards.split(_SEPARATOR)
        moments = times.split(_SEPARATOR)  # never in a timestamp, so one per card exactly
        if len(card_ids) != len(moments):
            # A card id holding the separator (deck files allow only slugs; the store
            # takes any text): read row by row.
            cursor = conn.cursor()
            cursor.row_factory = None
            rows = cursor.execute(
                "SELECT card_id, last_at FROM seen WHERE players_key = ?", (key,)
            ).fetchall()
            card_ids = [row[0] for row in rows]
            moments = [row[1] for row in rows]
    return dict(zip(card_ids, from_texts(moments), strict=True))


def forget_session(db: Database, session_id: int) -> bool:
    """Erase one session with its plays, check-ins and revisit marks.

    In the same transaction a trigger rebuilds the group's ``seen`` rows for the cards
    answered in it from the group's other sessions, so ``last_seen`` forgets it too.
    Deleted rows are zeroed (``secure_delete``) and the log is truncated, so nothing of
    the session is left readable in the files.

    Returns:
        Whether there was such a session.
    """
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
            "plays",
            "checkins",
            "revisits",
            "leases",
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


def _summary_of(conn: sqlite3.Connection, session_id: int) -> SessionSummary | None:
    row = conn.execute(f"{_SUMMARY_SELECT} WHERE s.id = ?", (session_id,)).fetchone()
    return None if row is None else summary_from_row(row)


def _update_session(
    conn: sqlite3.Connection, session_id: int, assignments: str, values: tuple[object, ...]
) -> None:
    cursor = conn.execute(f"UPDATE sessions SET {assignments} WHERE id = ?", (*values, session_id))
    if cursor.rowcount == 0:
        raise SessionNotFound(f"There is no session {session_id} in the history.")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
