"""Cards players keep: favourites, hidden cards and marks to revisit a topic later."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from closeness_cards.store.db import Database
from closeness_cards.store.timestamps import from_text, now_utc, to_text

STAGE_ORDER: tuple[str, ...] = (
    "dating",
    "early",
    "committed",
    "long-term",
    "parenthood",
    "later-life",
    "friends",
    "family",
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
) -> None:
    """Keep a card as a favourite; adding it again refreshes the snapshot, not the date."""
    added_at = to_text(at or now_utc())
    with db.transaction() as conn:
        conn.execute(
            """
            INSERT INTO favourites
                (card_id, deck_id, text, follow_up, stages_json, depth, added_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (card_id) DO UPDATE SET
                deck_id = excluded.deck_id,
                text = excluded.text,
                follow_up = excluded.follow_up,
                stages_json = excluded.stages_json,
                depth = excluded.depth
            """,
            (card_id, deck_id, text, follow_up, json.dumps(list(stages)), depth, added_at),
        )


def remove_favourite(db: Database, card_id: str) -> bool:
    """Drop a favourite; return whether it was one."""
    with db.transaction() as conn:
        return conn.execute("DELETE FROM favourites WHERE card_id = ?", (card_id,)).rowcount > 0


def is_favourite(db: Database, card_id: str) -> bool:
    """Return whether a card is a favourite."""
    with db.reading() as conn:
        row = conn.execute("SELECT 1 FROM favourites WHERE card_id = ?", (card_id,)).fetchone()
    return row is not None


def favourite_ids(db: Database) -> set[str]:
    """Return the global ids of all favourite cards."""
    with db.reading() as conn:
        return {row[0] for row in conn.execute("SELECT card_id FROM favourites")}


def list_favourites(db: Database) -> list[Favourite]:
    """Return favourites ordered by first stage (in arc order), then depth, then date."""
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT card_id, deck_id, text, follow_up, stages_json, depth, added_at FROM favourites"
        ).fetchall()
    favourites = [_favourite(row) for row in rows]
    favourites.sort(
        key=lambda f: (stage_rank(f.stages), f.depth, f.added_at, f.card_id),
    )
    return favourites


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


def hidden_ids(db: Database) -> set[str]:
    """Return the global ids of all hidden cards, for the dealer to skip."""
    with db.reading() as conn:
        return {row[0] for row in conn.execute("SELECT card_id FROM hidden")}


def list_hidden(db: Database) -> list[HiddenCard]:
    """Return hidden cards, most recently hidden first (the likeliest to undo)."""
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT card_id, deck_id, text, hidden_at FROM hidden ORDER BY hidden_at DESC, card_id"
        ).fetchall()
    return [
        HiddenCard(
            card_id=row["card_id"],
            deck_id=row["deck_id"],
            text=row["text"],
            hidden_at=from_text(row["hidden_at"]),
        )
        for row in rows
    ]


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


def list_revisits(db: Database, session_id: int | None = None) -> list[Revisit]:
    """Return revisit marks.

    Args:
        db: The database.
        session_id: One session's marks, in the order they were made; None for every
            mark, newest first.
    """
    with db.reading() as conn:
        if session_id is None:
            rows = conn.execute(
                "SELECT session_id, card_id, text, marked_at FROM revisits "
                "ORDER BY marked_at DESC, id DESC"
            ).fetchall()
        else:
            rows = conn.execute(
                "SELECT session_id, card_id, text, marked_at FROM revisits "
                "WHERE session_id = ? ORDER BY marked_at, id",
                (session_id,),
            ).fetchall()
    return [revisit_from_row(row) for row in rows]


def revisit_from_row(row: sqlite3.Row) -> Revisit:
    """Build a ``Revisit`` from a row with the revisits table's column names."""
    return Revisit(
        session_id=row["session_id"],
        card_id=row["card_id"],
        text=row["text"],
        marked_at=from_text(row["marked_at"]),
    )


def _favourite(row: sqlite3.Row) -> Favourite:
    return Favourite(
        card_id=row["card_id"],
        deck_id=row["deck_id"],
        text=row["text"],
        follow_up=row["follow_up"],
        stages=tuple(json.loads(row["stages_json"])),
        depth=int(row["depth"]),
        added_at=from_text(row["added_at"]),
    )
