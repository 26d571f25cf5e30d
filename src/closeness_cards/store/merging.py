"""Adding a checked export to the history: only what is missing, all of it or none.

Everything is written in one transaction, so a failure (a full disk, a kill) leaves the
history as it was. Nothing already here is changed or added twice:

- a session is the same session when its start, its group of players (``players_key``)
  and its seed are; one already here keeps its status, and gains only the plays,
  check-ins and revisit marks it lacks;
- a play is the same play when its session, plan step, card and time are;
- a check-in is the same when its session, player and moment are (the one here is kept);
- a favourite is the same when its card and the player who kept it (none: the household's)
  are; a hidden card or a mark made outside any session is the same when its card is; the
  one already here is kept as it is, snapshot and date.

A session that was still being played where the file was made comes in ``abandoned``: its
deal is not exported, so it could never be resumed. ``seen`` (when each group last answered
each card) follows by the trigger on the plays table, in the same transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from closeness_cards.store import rows
from closeness_cards.store.db import Database
from closeness_cards.store.favourites import Favourite, HiddenCard, Revisit
from closeness_cards.store.importing import ExportDocument
from closeness_cards.store.records import PlayRecord, SessionDetail, players_key
from closeness_cards.store.timestamps import to_text

SessionKey = tuple[str, str, int]
"""What makes two sessions one: the start (as ``to_text`` writes it), players key, seed."""
PlayKey = tuple[int, str, str]
"""What makes two plays of a session one: the plan step, the card, the time (as text)."""

_TICK = timedelta(microseconds=1)


@dataclass(frozen=True)
class Imported:
    """What an import added to the history, and what it found already here."""

    sessions: int = 0
    """Sessions added."""
    sessions_here: int = 0
    """Sessions of the file already in the history (they may have gained plays)."""
    abandoned: int = 0
    """Of the sessions added, those still being played in the file: now abandoned."""
    plays: int = 0
    """Cards played added to sessions that were already here."""
    checkins: int = 0
    """Check-ins added to sessions that were already here."""
    favourites: int = 0
    favourites_here: int = 0
    hidden: int = 0
    hidden_here: int = 0
    revisits: int = 0
    """Revisit marks added, in sessions or outside any."""
    revisits_here: int = 0


Tally = Counter[str]
"""The counts of ``Imported`` by field name, while an import runs."""


def import_document(db: Database, document: ExportDocument) -> Imported:
    """Add what the history lacks of ``document``, in one transaction.

    Raises:
        StoreError: The history could not be written; nothing of the file was kept.
    """
    tally: Tally = Counter()
    # A damaged row here whose text is not UTF-8 would fail the whole read of sessions or
    # plays; read as ``Undecodable``, it is refused by the checks and never matched.
    db.read_any_text()
    with db.transaction() as conn:
        known = _sessions_here(conn)
        # By their ids where the file was made: the new ids keep their order.
        for detail in sorted(document.sessions, key=lambda d: d.summary.id):
            _merge_session(conn, detail, known, tally)
        for favourite in document.favourites:
            tally["favourites" if _insert_favourite(conn, favourite) else "favourites_here"] += 1
        for card in document.hidden:
            tally["hidden" if _insert_hidden(conn, card) else "hidden_here"] += 1
        # Exported newest first: added oldest first, so the ids keep their order.
        for revisit in reversed(document.revisits):
            tally["revisits" if _insert_revisit(conn, None, revisit) else "revisits_here"] += 1
    return Imported(**tally)


def _sessions_here(conn: sqlite3.Connection) -> dict[SessionKey, int]:
    """The sessions in the history by what makes them the same; unreadable rows left out."""
    known: dict[SessionKey, int] = {}
    found = conn.execute("SELECT id, started_at, players_key, seed FROM sessions ORDER BY id")
    for session_id, started_at, key, seed in found:
        try:
            start = to_text(rows.moment(started_at))
            identity = (start, rows.text(key), rows.whole(seed))
        except rows.BadRow:
            continue  # not one the file can hold: it would never match
        known.setdefault(identity, session_id)
    return known


def _merge_session(
    conn: sqlite3.Connection,
    detail: SessionDetail,
    known: dict[SessionKey, int],
    tally: Tally,
) -> None:
    summary = detail.summary
    identity = (to_text(summary.started_at), players_key(summary.players), summary.seed)
    session_id = known.get(identity)
    here = session_id is not None
    if session_id is None:
        session_id = _insert_session(conn, detail)
        known[identity] = session_id
        tally["sessions"] += 1
        tally["abandoned"] += summary.status == "active"
        played: set[PlayKey] = set()
    else:
        tally["sessions_here"] += 1
        played = _plays_here(conn, session_id)
    for play in detail.plays:
        key = (play.position, play.card_id, to_text(play.played_at))
        if key in played:
            continue
        played.add(key)
        _insert_play(conn, session_id, play)
        tally["plays"] += here
    base = _checkin_times(detail)
    for index, checkin in enumerate(detail.checkins):
        # The export keeps no check-in times: each takes its session's start (before) or
        # end (after), a microsecond apart in the file's order, so they list as they did.
        at = min(base[checkin.moment] + index * _TICK, rows.LATEST)
        added = conn.execute(
            "INSERT INTO checkins (session_id, player, moment, value, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (session_id, player, moment) DO NOTHING",
            (session_id, checkin.player, checkin.moment, checkin.value, to_text(at)),
        ).rowcount
        tally["checkins"] += here and added > 0
    for revisit in detail.revisits:
        tally["revisits" if _insert_revisit(conn, session_id, revisit) else "revisits_here"] += 1


def _insert_session(conn: sqlite3.Connection, detail: SessionDetail) -> int:
    """Add a session (without its plays); return its id in this history."""
    summary = detail.summary
    status, ended_at = summary.status, summary.ended_at
    if status == "active":
        status = "abandoned"
        if ended_at is None:  # as abandon_session ends it: at its last recorded moment
            ended_at = max([summary.started_at, *(p.played_at for p in detail.plays)])
    position = max((p.position + 1 for p in detail.plays), default=0)
    cursor = conn.execute(
        """
        INSERT INTO sessions (started_at, ended_at, status, stage, shape, depth, seed,
            players_json, players_key, decks_json, options_json, position, seconds_open)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)
        """,
        (
            to_text(summary.started_at),
            None if ended_at is None else to_text(ended_at),
            status,
            summary.stage,
            summary.shape,
            summary.depth,
            summary.seed,
            _dumps(list(summary.players)),
            players_key(summary.players),
            _dumps(list(summary.decks)),
            position,
            summary.duration_seconds,
        ),
    )
    session_id = cursor.lastrowid
    assert session_id is not None  # an INSERT into a rowid table always sets it
    return session_id


def _plays_here(conn: sqlite3.Connection, session_id: int) -> set[PlayKey]:
    """The plays a session already has, by what makes two plays one."""
    played: set[PlayKey] = set()
    found = conn.execute(
        "SELECT position, card_id, played_at FROM plays WHERE session_id = ?", (session_id,)
    )
    for position, card_id, played_at in found:
        try:
            played.add((rows.whole(position), rows.text(card_id), to_text(rows.moment(played_at))))
        except rows.BadRow:
            continue  # a damaged play matches nothing the file can hold
    return played


def _insert_play(conn: sqlite3.Connection, session_id: int, play: PlayRecord) -> None:
    """Add one play; the trigger on plays moves the group's ``seen`` time forward."""
    conn.execute(
        """
        INSERT INTO plays (session_id, position, card_id, deck_id, card_text, depth, kind,
            reader, answerers_json, outcome, played_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        (
            session_id,
            play.position,
            play.card_id,
            play.deck_id,
            play.text,
            play.depth,
            play.kind,
            play.reader,
            _dumps(list(play.answerers)),
            play.outcome,
            to_text(play.played_at),
        ),
    )


def _checkin_times(detail: SessionDetail) -> dict[str, datetime]:
    """Where the times of a session's check-ins start, before and after."""
    start = detail.summary.started_at
    return {"before": start, "after": detail.summary.ended_at or start}


def _insert_favourite(conn: sqlite3.Connection, favourite: Favourite) -> bool:
    """Add a favourite unless its card is one already, kept by the same player (or by none);
    return whether it was added."""
    cursor = conn.execute(
        "INSERT INTO favourites (card_id, deck_id, text, follow_up, stages_json, depth, "
        "added_at, player) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (card_id, ifnull(player, '')) DO NOTHING",
        (
            favourite.card_id,
            favourite.deck_id,
            favourite.text,
            favourite.follow_up,
            json.dumps(list(favourite.stages)),
            favourite.depth,
            to_text(favourite.added_at),
            favourite.player,
        ),
    )
    return cursor.rowcount > 0


def _insert_hidden(conn: sqlite3.Connection, card: HiddenCard) -> bool:
    """Hide a card unless it is hidden already; return whether it was added."""
    cursor = conn.execute(
        "INSERT INTO hidden (card_id, deck_id, text, hidden_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (card_id) DO NOTHING",
        (card.card_id, card.deck_id, card.text, to_text(card.hidden_at)),
    )
    return cursor.rowcount > 0


def _insert_revisit(conn: sqlite3.Connection, session_id: int | None, revisit: Revisit) -> bool:
    """Add a revisit mark unless its card is marked already there; whether it was added."""
    cursor = conn.execute(
        "INSERT INTO revisits (session_id, card_id, text, marked_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        (session_id, revisit.card_id, revisit.text, to_text(revisit.marked_at)),
    )
    return cursor.rowcount > 0


def _dumps(value: object) -> str:
    """A list as ``store.history`` keeps it in a JSON column."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
