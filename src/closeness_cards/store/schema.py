"""The database schema, as forward migrations numbered by ``PRAGMA user_version``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

# Version 1. Datetimes are ISO-8601 UTC text of fixed width, so text order is time order.
# Card text is snapshotted on every row that names a card, so history, favourites and
# revisit marks still read well after a deck is edited or removed.
_SCHEMA_1: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id            INTEGER PRIMARY KEY,
        started_at    TEXT    NOT NULL,
        ended_at      TEXT,
        status        TEXT    NOT NULL DEFAULT 'active'
                      CHECK (status IN ('active', 'finished', 'ended-early', 'abandoned')),
        stage         TEXT    NOT NULL,
        shape         TEXT    NOT NULL,
        depth         TEXT    NOT NULL,
        seed          INTEGER NOT NULL,
        players_json  TEXT    NOT NULL,
        players_key   TEXT    NOT NULL,
        decks_json    TEXT    NOT NULL,
        options_json  TEXT    NOT NULL,
        position      INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX sessions_by_started_at ON sessions (started_at, id)",
    "CREATE INDEX sessions_by_players ON sessions (players_key)",
    # Partial: finding an interrupted session must not scan ten thousand finished ones.
    "CREATE INDEX sessions_active ON sessions (started_at) WHERE status = 'active'",
    # The deal lives apart from its session: it is the largest thing kept and only a
    # resume reads it, so listing ten thousand sessions never wades through plans.
    """
    CREATE TABLE session_plans (
        session_id  INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        plan_json   TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE plays (
        id              INTEGER PRIMARY KEY,
        session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position        INTEGER NOT NULL,
        card_id         TEXT    NOT NULL,
        deck_id         TEXT    NOT NULL,
        card_text       TEXT    NOT NULL,
        depth           INTEGER NOT NULL,
        kind            TEXT    NOT NULL,
        reader          TEXT    NOT NULL,
        answerers_json  TEXT    NOT NULL,
        outcome         TEXT    NOT NULL CHECK (outcome IN ('answered', 'passed', 'hidden')),
        played_at       TEXT    NOT NULL
    )
    """,
    # Covering: the history list's outcome counts and the freshness query (last_seen)
    # read only this index, never the rows with their card text.
    "CREATE INDEX plays_by_session ON plays (session_id, outcome, card_id, played_at)",
    "CREATE INDEX plays_by_card ON plays (card_id, played_at)",
    """
    CREATE TABLE checkins (
        session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        player      TEXT    NOT NULL,
        moment      TEXT    NOT NULL CHECK (moment IN ('before', 'after')),
        value       INTEGER NOT NULL CHECK (value BETWEEN 1 AND 7),
        at          TEXT    NOT NULL,
        PRIMARY KEY (session_id, player, moment)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE favourites (
        card_id      TEXT    PRIMARY KEY,
        deck_id      TEXT    NOT NULL,
        text         TEXT    NOT NULL,
        follow_up    TEXT,
        stages_json  TEXT    NOT NULL,
        depth        INTEGER NOT NULL,
        added_at     TEXT    NOT NULL
    )
    """,
    """
    CREATE TABLE hidden (
        card_id    TEXT PRIMARY KEY,
        deck_id    TEXT NOT NULL,
        text       TEXT NOT NULL,
        hidden_at  TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE revisits (
        id          INTEGER PRIMARY KEY,
        session_id  INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
        card_id     TEXT NOT NULL,
        text        TEXT NOT NULL,
        marked_at   TEXT NOT NULL
    )
    """,
    # An expression index, because UNIQUE (session_id, card_id) would let marks made
    # outside any session (session_id NULL) pile up as duplicates.
    "CREATE UNIQUE INDEX revisits_unique ON revisits (ifnull(session_id, 0), card_id)",
    "CREATE INDEX revisits_by_session ON revisits (session_id)",
    """
    CREATE TABLE settings (
        key         TEXT PRIMARY KEY,
        value_json  TEXT NOT NULL
    )
    """,
)


def _run(statements: Sequence[str]) -> Callable[[sqlite3.Connection], None]:
    """Make a migration step that runs SQL statements one by one.

    ``executescript`` is avoided on purpose: it commits first, which would break the
    single transaction that a migration runs in.
    """

    def step(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return step


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_run(_SCHEMA_1),)
"""Migration ``i`` takes the schema from version ``i`` to ``i + 1``; append, never edit."""

LATEST_VERSION = len(MIGRATIONS)
"""The schema version this code writes."""
