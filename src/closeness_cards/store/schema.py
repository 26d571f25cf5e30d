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
    # Covering: the history list's outcome counts (and, until version 2, the freshness
    # query) read only this index, never the rows with their card text.
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


# Version 2: when each group of players last answered each card, kept by the database
# itself so the freshness query (history.last_seen) reads a few thousand rows of one key
# instead of aggregating every play of every session of the group (~85 ms at 150,000).
# Triggers rather than Python keep it, so every writer of plays (record_play, bulk loads
# in benchmarks and tests) and every deleter of sessions (forget_session, forget_all, any
# later one) keeps it exact: a forgotten group's key, which holds the players' names, can
# never be left behind in it. Plays and a session's players are never updated, only
# inserted and deleted, so INSERT and DELETE triggers are all it needs.
_SCHEMA_2: tuple[str, ...] = (
    """
    CREATE TABLE seen (
        players_key  TEXT NOT NULL,
        card_id      TEXT NOT NULL,
        last_at      TEXT NOT NULL,
        PRIMARY KEY (players_key, card_id)
    ) WITHOUT ROWID
    """,
    """
    INSERT INTO seen (players_key, card_id, last_at)
    SELECT s.players_key, p.card_id, max(p.played_at)
    FROM sessions AS s JOIN plays AS p ON p.session_id = s.id
    WHERE p.outcome = 'answered'
    GROUP BY s.players_key, p.card_id
    """,
    # Only answered cards count: a passed or hidden card was not really seen.
    """
    CREATE TRIGGER plays_keep_seen AFTER INSERT ON plays WHEN new.outcome = 'answered'
    BEGIN
        INSERT INTO seen (players_key, card_id, last_at)
        SELECT players_key, new.card_id, new.played_at FROM sessions WHERE id = new.session_id
        ON CONFLICT (players_key, card_id) DO UPDATE SET last_at = max(last_at, excluded.last_at);
    END
    """,
    # BEFORE, because the session's players_key is gone by the time its plays cascade.
    # Only the cards answered in the doomed session can change: each is dropped, then
    # rebuilt from the group's other sessions (if any answered it), one index seek per card.
    """
    CREATE TRIGGER sessions_forget_seen BEFORE DELETE ON sessions
    BEGIN
        DELETE FROM seen
        WHERE players_key = old.players_key
          AND card_id IN (SELECT card_id FROM plays
                          WHERE session_id = old.id AND outcome = 'answered');
        INSERT INTO seen (players_key, card_id, last_at)
        SELECT old.players_key, gone.card_id,
               (SELECT max(p.played_at)
                FROM plays AS p JOIN sessions AS s ON s.id = p.session_id
                WHERE p.card_id = gone.card_id AND p.outcome = 'answered'
                  AND p.session_id <> old.id AND s.players_key = old.players_key) AS last_at
        FROM (SELECT DISTINCT card_id FROM plays
              WHERE session_id = old.id AND outcome = 'answered') AS gone
        WHERE last_at IS NOT NULL;
    END
    """,
)


# Version 3: the table's rules. Time together counts only while a window had the session
# open (NULL for sessions from before, whose duration is read from their start and end);
# a lease keeps a session open in one window at a time; the history's counts split answered
# cards by kind, so the covering index carries the kind.
_SCHEMA_3: tuple[str, ...] = (
    "ALTER TABLE sessions ADD COLUMN seconds_open REAL",
    """
    CREATE TABLE leases (
        session_id  INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        holder      TEXT    NOT NULL,
        host        TEXT    NOT NULL,
        pid         INTEGER NOT NULL,
        renewed_at  TEXT    NOT NULL
    )
    """,
    "DROP INDEX plays_by_session",
    "CREATE INDEX plays_by_session ON plays (session_id, outcome, kind, card_id, played_at)",
)


# Version 4: the history screen's closeness trend reads a group's newest sessions first and
# stops after the few a sparkline draws; without (players_key, started_at) it sorted every
# session of the group (35 ms at 100,000 sessions, against 0.1 ms).
_SCHEMA_4: tuple[str, ...] = (
    "DROP INDEX sessions_by_players",
    "CREATE INDEX sessions_by_players ON sessions (players_key, started_at, id)",
)


# Version 5: a table played from several screens. Every seat's process reads and writes the
# session through this row: ``version`` moves on with every change, so a press is a
# compare-and-set on it, and ``state_json`` holds what the sessions row does not (whose
# turn it is on the card, the phase, who has checked in).
_SCHEMA_5: tuple[str, ...] = (
    """
    CREATE TABLE shared_tables (
        session_id  INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        version     INTEGER NOT NULL,
        state_json  TEXT    NOT NULL
    )
    """,
)


# Version 6: each session's counts (cards answered, passed and hidden; questions, wildcards
# and closings answered), kept by triggers as ``seen`` is, so the history list reads one row
# per session instead of seven counts over its plays (``history --json`` at 100,000
# sessions: ~2.5 s of SQL against ~0.3 s). Every writer and deleter of plays keeps them
# exact: inserts add, deletes take away, an update does both. A session with no plays has
# no row (its counts read as 0); a forgotten session's row goes with it (the cascade).
# Self-contained: it reads and writes only ``plays`` and its own table, so it may be
# renumbered after another migration without change.
_COUNTED = """
    new.outcome = 'answered', new.outcome = 'passed', new.outcome = 'hidden',
    new.outcome = 'answered' AND new.kind = 'question',
    new.outcome = 'answered' AND new.kind = 'action',
    new.outcome = 'answered' AND new.kind = 'closing'
"""
_ADD = f"""
    INSERT INTO session_counts (session_id, answered, passed, hidden, questions, wildcards,
        closings)
    VALUES (new.session_id, {_COUNTED})
    ON CONFLICT (session_id) DO UPDATE SET
        answered = answered + excluded.answered, passed = passed + excluded.passed,
        hidden = hidden + excluded.hidden, questions = questions + excluded.questions,
        wildcards = wildcards + excluded.wildcards, closings = closings + excluded.closings;
"""
_TAKE = """
    UPDATE session_counts SET
        answered = answered - (old.outcome = 'answered'),
        passed = passed - (old.outcome = 'passed'),
        hidden = hidden - (old.outcome = 'hidden'),
        questions = questions - (old.outcome = 'answered' AND old.kind = 'question'),
        wildcards = wildcards - (old.outcome = 'answered' AND old.kind = 'action'),
        closings = closings - (old.outcome = 'answered' AND old.kind = 'closing')
    WHERE session_id = old.session_id;
"""
_SCHEMA_6: tuple[str, ...] = (
    """
    CREATE TABLE session_counts (
        session_id  INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        answered    INTEGER NOT NULL,
        passed      INTEGER NOT NULL,
        hidden      INTEGER NOT NULL,
        questions   INTEGER NOT NULL,
        wildcards   INTEGER NOT NULL,
        closings    INTEGER NOT NULL
    )
    """,
    # One pass over the covering index; plays of a session that is gone (kept while
    # foreign keys were off) are left out, as the history never shows them.
    """
    INSERT INTO session_counts (session_id, answered, passed, hidden, questions, wildcards,
        closings)
    SELECT session_id, sum(outcome = 'answered'), sum(outcome = 'passed'),
           sum(outcome = 'hidden'), sum(outcome = 'answered' AND kind = 'question'),
           sum(outcome = 'answered' AND kind = 'action'),
           sum(outcome = 'answered' AND kind = 'closing')
    FROM plays WHERE session_id IN (SELECT id FROM sessions) GROUP BY session_id
    """,
    f"CREATE TRIGGER plays_count_insert AFTER INSERT ON plays BEGIN {_ADD} END",
    f"CREATE TRIGGER plays_count_delete AFTER DELETE ON plays BEGIN {_TAKE} END",
    f"""
    CREATE TRIGGER plays_count_update AFTER UPDATE OF session_id, outcome, kind ON plays
    BEGIN {_TAKE} {_ADD} END
    """,
)


# Version 7: a favourite kept at a seat of a shared table belongs to the player who kept it.
# ``player`` is NULL for a favourite kept anywhere else (the plain game, one laptop), as every
# favourite before this version was. A card is one favourite per player (and one with no
# player): two seats keeping the same card keep two favourites, each with its player. The
# unique index is on an expression for the reason ``revisits_unique`` is. The table is
# rebuilt because its old primary key (``card_id``) allowed one favourite per card; every
# row is copied with its rowid, and with no check stricter than before, so a damaged row
# stays as it was for the tolerant reader to report.
_SCHEMA_7: tuple[str, ...] = (
    """
    CREATE TABLE favourites_7 (
        id           INTEGER PRIMARY KEY,
        card_id      TEXT,
        deck_id      TEXT    NOT NULL,
        text         TEXT    NOT NULL,
        follow_up    TEXT,
        stages_json  TEXT    NOT NULL,
        depth        INTEGER NOT NULL,
        added_at     TEXT    NOT NULL,
        player       TEXT
    )
    """,
    """
    INSERT INTO favourites_7
        (id, card_id, deck_id, text, follow_up, stages_json, depth, added_at, player)
    SELECT rowid, card_id, deck_id, text, follow_up, stages_json, depth, added_at, NULL
    FROM favourites
    """,
    "DROP TABLE favourites",
    "ALTER TABLE favourites_7 RENAME TO favourites",
    "CREATE UNIQUE INDEX favourites_unique ON favourites (card_id, ifnull(player, ''))",
)


# Version 8: who sits where at a shared table. A seat's process claims the player it sits
# as (one row per player), names itself (a token, its computer and process id) and renews
# the claim while it stays; a claim whose process is gone, or that was not renewed lately,
# holds nothing. Self-contained: a new table that refers only to ``sessions``, so it
# may be renumbered after another migration without change.
_SCHEMA_8: tuple[str, ...] = (
    """
    CREATE TABLE seats (
        session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        player      TEXT    NOT NULL,
        holder      TEXT    NOT NULL,
        host        TEXT    NOT NULL,
        pid         INTEGER NOT NULL,
        renewed_at  TEXT    NOT NULL,
        PRIMARY KEY (session_id, player)
    ) WITHOUT ROWID
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


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _run(_SCHEMA_1),
    _run(_SCHEMA_2),
    _run(_SCHEMA_3),
    _run(_SCHEMA_4),
    _run(_SCHEMA_5),
    _run(_SCHEMA_6),
    _run(_SCHEMA_7),
    _run(_SCHEMA_8),
)
"""Migration ``i`` takes the schema from version ``i`` to ``i + 1``; append, never edit."""

LATEST_VERSION = len(MIGRATIONS)
"""The schema version this code writes."""
