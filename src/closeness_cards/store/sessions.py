"""Reading past sessions back: the history list, one session whole, the one to resume.

Every row is checked as it is read (``store.rows``): a row that cannot be read is skipped
and counted on the database's ``unreadable``, and stays on disk as it is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from closeness_cards.store import rows
from closeness_cards.store.db import Database
from closeness_cards.store.favourites import revisit_from_row
from closeness_cards.store.records import (
    CHECKIN_SELECT,
    PLAY_SELECT,
    ResumableSession,
    SessionDetail,
    SessionSummary,
    checkin_from_row,
    checkin_key,
    play_from_row,
    players_key,
    summary_from_row,
)
from closeness_cards.store.rows import tolerant
from closeness_cards.store.timestamps import from_texts

_SEPARATOR = "\x1f"
"""ASCII unit separator (SQL ``char(31)``): joins the ids and times ``last_seen`` reads."""

SMALLEST_ID = -(2**63)
LARGEST_ID = 2**63 - 1
"""The range of a SQLite integer: an id outside it names no session (and SQLite would
refuse to compare with it)."""

# The counts are kept per session by triggers (schema version 5, ``session_counts``); a
# session with no plays has no row there. One row per session: seven counts over its plays
# took most of the time of ``history --json`` at 100,000 sessions.
SUMMARY_SELECT = """
    SELECT s.id, s.started_at, s.ended_at, s.status, s.stage, s.shape, s.depth, s.seed,
           s.players_json, s.decks_json,
           ifnull(c.answered, 0), ifnull(c.passed, 0), ifnull(c.hidden, 0),
           s.seconds_open,
           ifnull(c.questions, 0), ifnull(c.wildcards, 0), ifnull(c.closings, 0)
    FROM sessions AS s LEFT JOIN session_counts AS c ON c.session_id = s.id
"""


def an_id(number: int) -> bool:
    """Whether a number fits a SQLite integer (a session's id, a seed) at all."""
    return SMALLEST_ID <= number <= LARGEST_ID


@tolerant
def list_sessions(db: Database, limit: int | None = None, offset: int = 0) -> list[SessionSummary]:
    """Return session summaries, newest first, with their outcome counts.

    Args:
        db: The database.
        limit: At most this many sessions; None for all of them. Sessions that cannot be
            read are skipped after the limit is applied, so a page may come up short.
        offset: Skip this many of the newest sessions first (for paging).
    """
    with db.reading() as conn:
        found = conn.execute(
            f"{SUMMARY_SELECT} ORDER BY s.started_at DESC, s.id DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
    return rows.readable(found, summary_from_row, db.unreadable, "session", _first)


def summary_row_pages(db: Database, size: int) -> Iterator[list[tuple[Any, ...]]]:
    """Every session's summary row (as ``SUMMARY_SELECT`` gives it), newest first, ``size``
    at a time, as plain tuples: for a reader that checks each row itself.

    Each page starts where the last one ended (by ``started_at`` and ``id``, which the
    index ``sessions_by_started_at`` keeps in order), not by an offset, which would walk
    every earlier row again. Call it inside ``db.reading()`` for one snapshot.
    """
    after: tuple[object, object] | None = None
    while True:
        page = _summary_page(db, size, after)
        if not page:
            return
        yield page
        last = page[-1]
        after = (last[1], last[0])


@tolerant
def _summary_page(
    db: Database, size: int, after: tuple[object, object] | None
) -> list[tuple[Any, ...]]:
    with db.reading() as conn:
        cursor = conn.cursor()
        cursor.row_factory = None  # tuples: a Row costs more to build and to index
        if after is None:
            cursor.execute(f"{_SUMMARY_PAGE} LIMIT ?", (size,))
        else:
            cursor.execute(
                f"{SUMMARY_SELECT} WHERE (s.started_at, s.id) < (?, ?) {_NEWEST_FIRST} LIMIT ?",
                (*after, size),
            )
        return cursor.fetchall()


_NEWEST_FIRST = "ORDER BY s.started_at DESC, s.id DESC"
_SUMMARY_PAGE = f"{SUMMARY_SELECT} {_NEWEST_FIRST}"


@tolerant
def session_summary(db: Database, session_id: int) -> SessionSummary | None:
    """Return one session's summary, or None when there is none (or it cannot be read)."""
    with db.reading() as conn:
        return summary_of(db, conn, session_id)


@tolerant
def session_detail(db: Database, session_id: int) -> SessionDetail | None:
    """Return a session with its plays, check-ins and revisit marks, or None.

    None also when the session itself cannot be read; plays, check-ins and marks that
    cannot be read are left out of it.
    """
    with db.reading() as conn:
        summary = summary_of(db, conn, session_id)
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
            "SELECT id, session_id, card_id, text, marked_at FROM revisits "
            "WHERE session_id = ? ORDER BY marked_at, id",
            (session_id,),
        ).fetchall()
    unreadable = db.unreadable
    return SessionDetail(
        summary=summary,
        plays=tuple(rows.readable(plays, play_from_row, unreadable, "play", _by_id)),
        checkins=tuple(
            rows.readable(checkins, checkin_from_row, unreadable, "checkin", checkin_key)
        ),
        revisits=tuple(rows.readable(revisits, revisit_from_row, unreadable, "revisit", _by_id)),
    )


@tolerant
def unfinished_session(db: Database) -> ResumableSession | None:
    """Return the newest session still marked active (crash, quit, kill), or None.

    An active session whose saved deal, resume point or options cannot be read is skipped
    (and counted) for the next newest one: it stays in the history, as it is.
    """
    with db.reading() as conn:
        found = conn.execute(
            "SELECT s.id, p.plan_json, s.position, s.options_json "
            "FROM sessions AS s LEFT JOIN session_plans AS p ON p.session_id = s.id "
            "WHERE s.status = 'active' ORDER BY s.started_at DESC, s.id DESC"
        ).fetchall()
        for row in found:
            session_id = row["id"]
            summary = summary_of(db, conn, session_id)
            if summary is None:
                continue  # counted as a session that cannot be read
            try:
                return ResumableSession(
                    summary=summary,
                    plan_json=rows.plan(row["plan_json"]),
                    position=rows.whole(row["position"], 0),
                    options=rows.json_object(row["options_json"]),
                )
            except rows.BadRow:
                db.unreadable.add("unfinished", session_id)
    return None


@tolerant
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
        quick = _joined(cards, times)
        if quick is not None:
            return quick
        # A card id holding the separator (deck files allow only slugs; the store takes any
        # text), or a row that cannot be read: row by row, each checked.
        cursor = conn.cursor()
        cursor.row_factory = None
        found = cursor.execute(
            "SELECT card_id, last_at FROM seen WHERE players_key = ?", (key,)
        ).fetchall()
    seen = rows.readable(found, _seen_from_row, db.unreadable, "seen", _first)
    return dict(seen)


def _joined(cards: object, times: object) -> dict[str, datetime] | None:
    """The joined lists read at C speed, or None when a row needs reading on its own."""
    if type(cards) is not str or type(times) is not str:
        return None  # a number, a blob, NULL or text that is not UTF-8 among them
    card_ids = cards.split(_SEPARATOR)
    moments = times.split(_SEPARATOR)
    if len(card_ids) != len(moments):
        return None
    try:
        read = from_texts(moments)
    except ValueError:
        return None
    # min and max compare at C speed: any moment outside the calendar's safe range sends
    # every row through the checks one by one.
    if read and not (min(read) >= rows.EARLIEST and max(read) <= rows.LATEST):
        return None
    return dict(zip(card_ids, read, strict=True))


def _seen_from_row(row: Sequence[object]) -> tuple[str, datetime]:
    return rows.text(row[0]), rows.moment(row[1])


def summary_of(db: Database, conn: sqlite3.Connection, session_id: int) -> SessionSummary | None:
    """One session's summary inside a read, or None (counted when it cannot be read)."""
    if not an_id(session_id):
        return None
    row = conn.execute(f"{SUMMARY_SELECT} WHERE s.id = ?", (session_id,)).fetchone()
    if row is None:
        return None
    found = rows.readable([row], summary_from_row, db.unreadable, "session", _first)
    return found[0] if found else None


def _first(row: Sequence[object]) -> object:
    return row[0]


def _by_id(row: sqlite3.Row) -> object:
    return row["id"]
