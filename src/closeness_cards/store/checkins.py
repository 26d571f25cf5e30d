"""Closeness check-ins: each player's 1-7 rating before and after a session."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from closeness_cards.store import rows
from closeness_cards.store.db import Database
from closeness_cards.store.records import (
    MOMENTS,
    CheckIn,
    SessionNotFound,
    TrendPoint,
    check_choice,
    checkin_from_row,
    checkin_key,
    players_key,
)
from closeness_cards.store.rows import tolerant
from closeness_cards.store.timestamps import to_text

__all__ = ["CheckIn", "TrendPoint", "checkin_counts", "checkin_trend", "record_checkin"]


def record_checkin(
    db: Database,
    session_id: int,
    *,
    player: str,
    moment: str,
    value: int,
    at: datetime,
) -> None:
    """Record (or replace) a player's closeness rating before or after a session.

    Raises:
        ValueError: ``moment`` is not before/after, or ``value`` is not 1 to 7.
        SessionNotFound: There is no such session.
    """
    check_choice("moment", moment, MOMENTS)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 7:
        raise ValueError(f"closeness value must be 1 to 7, got {value!r}")
    with db.transaction() as conn:
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise SessionNotFound(f"There is no session {session_id} in the history.")
        conn.execute(
            """
            INSERT INTO checkins (session_id, player, moment, value, at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (session_id, player, moment)
            DO UPDATE SET value = excluded.value, at = excluded.at
            """,
            (session_id, player, moment, value, to_text(at)),
        )


@tolerant
def checkin_trend(
    db: Database, players: Sequence[str], last: int | None = None
) -> list[TrendPoint]:
    """Return the check-ins of this group's sessions, oldest first, for a sparkline.

    Sessions without any check-in are left out, and so are sessions and check-ins that
    cannot be read (counted on ``db.unreadable``). With ``last``, only the newest ``last``
    sessions that have a check-in are read: a sparkline draws a few dozen, and years of
    sessions would cost the history screen a read of every check-in.
    """
    spelling = {name.strip().casefold(): name for name in players}
    with db.reading() as conn:
        found = conn.execute(
            """
            SELECT s.id, s.started_at, c.session_id, c.player, c.moment, c.value
            FROM (
                SELECT id, started_at FROM sessions
                WHERE players_key = ?
                    AND EXISTS (SELECT 1 FROM checkins WHERE session_id = sessions.id)
                ORDER BY started_at DESC, id DESC LIMIT ?
            ) AS s JOIN checkins AS c ON c.session_id = s.id
            ORDER BY s.started_at, s.id
            """,
            (players_key(players), -1 if last is None else last),
        ).fetchall()
    points: dict[int, tuple[datetime, dict[str, list[int | None]]]] = {}
    for row in found:
        session_id = row["id"]
        try:
            started_at = rows.moment(row["started_at"])
        except rows.BadRow:
            db.unreadable.add("session", session_id)
            continue
        try:
            checkin = checkin_from_row(row)
        except rows.BadRow:
            db.unreadable.add("checkin", checkin_key(row))
            continue
        _, values = points.setdefault(
            session_id, (started_at, {name: [None, None] for name in players})
        )
        name = spelling.get(checkin.player.strip().casefold())
        if name is not None:
            values[name][MOMENTS.index(checkin.moment)] = checkin.value
    # Oldest first by the moment read, not by the text SQL sorted: both agree for what
    # this code writes, and a moment written in another zone still lands in its place.
    ordered = sorted(points.items(), key=lambda item: (item[1][0], item[0]))
    return [
        TrendPoint(
            session_id=session_id,
            started_at=started_at,
            values={name: (pair[0], pair[1]) for name, pair in values.items()},
        )
        for session_id, (started_at, values) in ordered
    ]


@tolerant
def checkin_counts(db: Database, players: Sequence[str]) -> dict[str, int]:
    """How many of this group's sessions each player checked in at (counted by SQLite).

    Keyed by the caller's spelling of each name; a player who never checked in is left out.
    Rows are counted as they are, unread: a check-in that cannot be read still counts here.
    """
    spelling = {name.strip().casefold(): name for name in players}
    with db.reading() as conn:
        found = conn.execute(
            """
            SELECT c.player, count(DISTINCT c.session_id)
            FROM sessions AS s JOIN checkins AS c ON c.session_id = s.id
            WHERE s.players_key = ? GROUP BY c.player
            """,
            (players_key(players),),
        ).fetchall()
    counts: dict[str, int] = {}
    for player, count in found:
        name = spelling.get(player.strip().casefold()) if isinstance(player, str) else None
        if name is not None and isinstance(count, int):
            counts[name] = counts.get(name, 0) + count
    return counts
