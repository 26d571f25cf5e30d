"""Cards players keep: favourites, hidden cards and marks to revisit a topic later."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from closeness_cards.store import rows
from closeness_cards.store.db import Database
from closeness_cards.store.rows import tolerant
from closeness_cards.store.timestamps import now_utc, to_text

STAGE_ORDER: tuple[str, ...] = (
    "dating",
    "early",
    "committed",
    "long-term",
    "parenthood",
    "later-life",
    "friends",
    "family",
    "family-kids",
)
"""The relationship stages in the order of a relationship's arc.

This mirrors ``core.cards.Stage`` on purpose rather than importing it: the store takes
plain strings and stays independent of the engine.
"""


@dataclass(frozen=True)
class Favourite:
    """A card a player hearted, with a snapshot that survives its deck being removed."""

    card_id: str
    """Global card id, ``deck-id/card-id``."""
    deck_id: str
    text: str
    follow_up: str | None
    """The card's dig-deeper prompt, if it has one."""
    stages: tuple[str, ...]
    depth: int
    added_at: datetime
    player: str | None = None
    """The player who kept it at a seat of a shared table; None when kept anywhere else
    (the plain game, one laptop): then it is the household's, as every favourite was before
    seats. One card is one favourite per player, so two seats keeping it keep two."""


@dataclass(frozen=True)
class HiddenCard:
    """A card players never want dealt again (until they unhide it)."""

    card_id: str
    deck_id: str
    text: str
    hidden_at: datetime


@dataclass(frozen=True)
class Revisit:
    """A topic marked to come back to later."""

    session_id: int | None
    """The session it was marked in, or None when marked outside a session."""
    card_id: str
    text: str
    marked_at: datetime


def add_favourite(
    db: Database,
    *,
    card_id: str,
    deck_id: str,
    text: str,
    follow_up: str | None,
    stages: Sequence[str],
    depth: int,
    at: datetime | None = None,
    player: str | None = None,
) -> None:
    """Keep a card as a favourite; adding it again refreshes the snapshot, not the date.

    ``player`` is who kept it at a seat (None: the household's, kept anywhere else); the
    same card kept by another player is another favourite.
    """
    added_at = to_text(at or now_utc())
    with db.transaction() as conn:
        conn.execute(
            """
            INSERT INTO favourites
                (card_id, deck_id, text, follow_up, stages_json, depth, added_at, player)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (card_id, ifnull(player, '')) DO UPDATE SET
                deck_id = excluded.deck_id,
                text = excluded.text,
                follow_up = excluded.follow_up,
                stages_json = excluded.stages_json,
                depth = excluded.depth
            """,
            (
                card_id,
                deck_id,
                text,
                follow_up,
                json.dumps(list(stages)),
                depth,
                added_at,
                player,
            ),
        )


def remove_favourite(db: Database, card_id: str) -> bool:
    """Take a card out of the favourites, whoever kept it; return whether it was one."""
    with db.transaction() as conn:
        return conn.execute("DELETE FROM favourites WHERE card_id = ?", (card_id,)).rowcount > 0


def remove_kept(db: Database, card_id: str, player: str | None) -> bool:
    """Drop one favourite: the card as ``player`` kept it (None: the household's one);
    return whether there was one."""
    with db.transaction() as conn:
        cursor = conn.execute(
            "DELETE FROM favourites WHERE card_id = ? AND ifnull(player, '') = ifnull(?, '')",
            (card_id, player),
        )
        return cursor.rowcount > 0


def is_favourite(db: Database, card_id: str) -> bool:
    """Return whether a card is a favourite (of anyone)."""
    with db.reading() as conn:
        row = conn.execute("SELECT 1 FROM favourites WHERE card_id = ?", (card_id,)).fetchone()
    return row is not None


@tolerant
def favourite_ids(db: Database, player: str | None = None) -> set[str]:
    """Return the global ids of the favourite cards, for the heart on a card.

    Only the ids are read (as ``hidden_ids`` does): a favourite whose other values are
    damaged is still one, and the heart needs nothing else.

    Args:
        db: The database.
        player: Only the cards this player kept at a seat; None for every favourite, whoever
            kept it (what the plain game and one laptop show as a heart).
    """
    # Fetched whole: a cursor iterated in a comprehension that fails on text that is not
    # UTF-8 outlives ``tolerant``'s retry, and the database file stays open after closing.
    with db.reading() as conn:
        if player is None:
            found = conn.execute("SELECT card_id FROM favourites").fetchall()
        else:
            found = conn.execute(
                "SELECT card_id FROM favourites WHERE player = ?", (player,)
            ).fetchall()
    return {card_id for (card_id,) in found if type(card_id) is str}


_COLUMNS = "id, card_id, deck_id, text, follow_up, stages_json, depth, added_at, player"
_FIRST_STAGE = (
    "CASE WHEN typeof(stages_json) = 'text' AND json_valid(stages_json) "
    "AND json_type(stages_json, '$[0]') = 'text' THEN json_extract(stages_json, '$[0]') END"
)
"""A favourite's first stage in SQL; NULL for none, and for a list that is not one (the
row is damaged and skipped when read, but must not stop the query)."""
_KNOWN = ", ".join(f"'{stage}'" for stage in STAGE_ORDER)
_IN_ORDER = (
    f"SELECT {_COLUMNS} FROM (SELECT {_COLUMNS}, {_FIRST_STAGE} AS first FROM favourites) "
    "ORDER BY CASE first "
    + " ".join(f"WHEN '{stage}' THEN {rank}" for rank, stage in enumerate(STAGE_ORDER))
    + f" ELSE CASE WHEN first IS NULL THEN {len(STAGE_ORDER) + 1} ELSE {len(STAGE_ORDER)} END"
    f" END, CASE WHEN first IS NULL OR first IN ({_KNOWN}) THEN '' ELSE first END, "
    "depth, added_at, card_id, ifnull(player, ''), id LIMIT ? OFFSET ?"
)
"""The favourites in ``favourite_order`` (dates compared as written), one page at a time."""


@tolerant
def list_favourites(db: Database, limit: int | None = None) -> list[Favourite]:
    """Return favourites ordered by first stage (in arc order), then depth, then date.

    With ``limit``, SQLite orders them (the same order: this code writes dates in one form,
    whose text sorts as time does) and hands over the first ``limit`` that can be read: a
    screen that shows 100 rows does not read and sort 10,000.
    """
    with db.reading() as conn:
        if limit is None:
            found: Iterable[sqlite3.Row] = conn.execute(
                f"SELECT {_COLUMNS} FROM favourites"
            ).fetchall()
        else:
            found = rows.pages(conn, _IN_ORDER, limit)
        favourites = rows.readable(
            found, _favourite, db.unreadable, "favourite", _rowid, _kept, limit
        )
    favourites.sort(key=favourite_order)
    return favourites


def count_favourites(db: Database) -> int:
    """How many favourites there are, every player's (damaged rows included)."""
    with db.reading() as conn:
        return int(conn.execute("SELECT count(*) FROM favourites").fetchone()[0])


def favourite_order(favourite: Favourite) -> tuple[object, ...]:
    """Sort key of the favourites list: first stage (in arc order), depth, date, card, then
    the household's before the players' (by name)."""
    return (
        stage_rank(favourite.stages),
        favourite.depth,
        favourite.added_at,
        favourite.card_id,
        favourite.player or "",
    )


def stage_rank(stages: Sequence[str]) -> tuple[int, str]:
    """Sort key for a card's first stage: arc order, unknown stages next, none last."""
    if not stages:
        return (len(STAGE_ORDER) + 1, "")
    first = stages[0]
    if first in STAGE_ORDER:
        return (STAGE_ORDER.index(first), "")
    return (len(STAGE_ORDER), first)


def hide_card(
    db: Database, *, card_id: str, deck_id: str, text: str, at: datetime | None = None
) -> None:
    """Never deal this card again; hiding it twice keeps the first date."""
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO hidden (card_id, deck_id, text, hidden_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (card_id) DO UPDATE SET deck_id = excluded.deck_id, "
            "text = excluded.text",
            (card_id, deck_id, text, to_text(at or now_utc())),
        )


def unhide_card(db: Database, card_id: str) -> bool:
    """Let a hidden card be dealt again; return whether it was hidden."""
    with db.transaction() as conn:
        return conn.execute("DELETE FROM hidden WHERE card_id = ?", (card_id,)).rowcount > 0


@tolerant
def hidden_ids(db: Database) -> set[str]:
    """Return the global ids of all hidden cards, for the dealer to skip.

    A hidden card whose other values are damaged still stays hidden: its id is all the
    dealer needs, and a player who hid a card should not meet it again because of a date.
    """
    with db.reading() as conn:
        found = conn.execute("SELECT card_id FROM hidden").fetchall()
    return {card_id for (card_id,) in found if type(card_id) is str}


@tolerant
def list_hidden(db: Database, limit: int | None = None) -> list[HiddenCard]:
    """Return hidden cards, most recently hidden first (the likeliest to undo).

    With ``limit``, only the first ``limit`` that can be read are taken.
    """
    query = "SELECT rowid, card_id, deck_id, text, hidden_at FROM hidden "
    order = "ORDER BY hidden_at DESC, card_id, rowid"
    with db.reading() as conn:
        if limit is None:
            found: Iterable[sqlite3.Row] = conn.execute(query + order).fetchall()
        else:
            found = rows.pages(conn, f"{query}{order} LIMIT ? OFFSET ?", limit)
        return rows.readable(found, _hidden, db.unreadable, "hidden", _rowid, _card, limit)


def count_hidden(db: Database) -> int:
    """How many cards are hidden (damaged rows included)."""
    with db.reading() as conn:
        return int(conn.execute("SELECT count(*) FROM hidden").fetchone()[0])


def mark_revisit(
    db: Database,
    *,
    session_id: int | None,
    card_id: str,
    text: str,
    at: datetime | None = None,
) -> None:
    """Mark a card's topic to come back to; marking it twice in a session is a no-op."""
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO revisits (session_id, card_id, text, marked_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (session_id, card_id, text, to_text(at or now_utc())),
        )


def unmark_revisit(db: Database, session_id: int | None, card_id: str) -> bool:
    """Remove a revisit mark; return whether there was one."""
    with db.transaction() as conn:
        cursor = conn.execute(
            "DELETE FROM revisits WHERE ifnull(session_id, 0) = ifnull(?, 0) AND card_id = ?",
            (session_id, card_id),
        )
        return cursor.rowcount > 0


@tolerant
def list_revisits(db: Database, session_id: int | None = None) -> list[Revisit]:
    """Return revisit marks.

    Args:
        db: The database.
        session_id: One session's marks, in the order they were made; None for every
            mark, newest first.
    """
    with db.reading() as conn:
        if session_id is None:
            found = conn.execute(
                "SELECT id, session_id, card_id, text, marked_at FROM revisits "
                "ORDER BY marked_at DESC, id DESC"
            ).fetchall()
        else:
            found = conn.execute(
                "SELECT id, session_id, card_id, text, marked_at FROM revisits "
                "WHERE session_id = ? ORDER BY marked_at, id",
                (session_id,),
            ).fetchall()
    return rows.readable(found, revisit_from_row, db.unreadable, "revisit", _rowid)


def revisit_from_row(row: sqlite3.Row) -> Revisit:
    """Build a ``Revisit`` from a row with the revisits table's column names.

    Raises:
        rows.BadRow: A value is not what ``mark_revisit`` writes.
    """
    session_id = row["session_id"]
    return Revisit(
        session_id=None if session_id is None else rows.whole(session_id),
        card_id=rows.text(row["card_id"]),
        text=rows.text(row["text"]),
        marked_at=rows.moment(row["marked_at"]),
    )


def _favourite(row: sqlite3.Row) -> Favourite:
    return Favourite(
        card_id=rows.text(row["card_id"]),
        deck_id=rows.text(row["deck_id"]),
        text=rows.text(row["text"]),
        follow_up=rows.optional_text(row["follow_up"]),
        stages=rows.names(row["stages_json"]),
        depth=rows.whole(row["depth"], 1, 3),
        added_at=rows.moment(row["added_at"]),
        player=rows.optional_text(row["player"]),
    )


def _hidden(row: sqlite3.Row) -> HiddenCard:
    return HiddenCard(
        card_id=rows.text(row["card_id"]),
        deck_id=rows.text(row["deck_id"]),
        text=rows.text(row["text"]),
        hidden_at=rows.moment(row["hidden_at"]),
    )


def _rowid(row: sqlite3.Row) -> object:
    return row[0]


def _card(kept: HiddenCard) -> str:
    return kept.card_id


def _kept(favourite: Favourite) -> tuple[str, str | None]:
    """One favourite per card and player (None: the household's), as the schema keeps."""
    return favourite.card_id, favourite.player
