"""Constants and types shared by the store tests (imported by name: bare pytest collects them)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

T0 = datetime(2024, 5, 1, 19, 0, tzinfo=timezone.utc)
"""A fixed moment; store tests never read the clock."""

SRC = Path(__file__).resolve().parents[2] / "src"
"""The package source, for subprocesses that import closeness_cards."""

NewSession = Callable[..., int]
"""The ``new_session`` fixture: keyword overrides in, session id out."""

Play = Callable[..., None]
"""The ``play`` fixture: session id, position and keyword overrides."""

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff]"
)
"""What must never reach a terminal from the database (newlines and tabs between lines are
the program's own; ``for_terminal`` escapes those inside any one value)."""


def plan_text(cards: int = 3) -> str:
    """A saved deal with the shape ``core.plan.dump_plan`` writes."""
    return json.dumps(
        {
            "version": 1,
            "options": {
                "players": ["Ana", "Ben"],
                "stage": "dating",
                "shape": "quick",
                "depth": "rise",
                "seed": 7,
                "mature": False,
                "wildcards": True,
                "everyone": False,
                "passes": 3,
            },
            "steps": [
                {
                    "card": f"test/q1-{n}",
                    "reader": "Ana",
                    "answerers": ["Ben"],
                    "set": 1,
                    "tip": None,
                    "fallback": None,
                    "target": None,
                }
                for n in range(cards)
            ],
            "reserve": ["test/q1-9"],
            "passes_left": {"Ana": 3, "Ben": 3},
        }
    )


@dataclass(frozen=True)
class Kept:
    """The ids of a small history built by ``fill_history``."""

    finished: int
    """A finished session of Ana and Ben, with plays, check-ins and a revisit mark."""
    active: int
    """Ana and Ben's unfinished session: the one every start offers to resume."""
    other: int
    """A finished session of another group."""


def fill_history(path: Path) -> Kept:
    """Write a small history of every kind of row, with the store's own functions.

    Three sessions, plays in each, check-ins, revisit marks (one outside any session), two
    favourites, two hidden cards, settings, a lease and a seat; the ``seen`` rows follow by
    trigger.
    """
    from closeness_cards.store.checkins import record_checkin
    from closeness_cards.store.db import open_database
    from closeness_cards.store.favourites import add_favourite, hide_card, mark_revisit
    from closeness_cards.store.history import end_session, record_play, start_session
    from closeness_cards.store.leases import claim
    from closeness_cards.store.seats import sit
    from closeness_cards.store.settings import set_setting

    with open_database(path) as db:

        def session(players: list[str], at: datetime, plan: str) -> int:
            return start_session(
                db,
                players=players,
                stage="dating",
                shape="quick",
                depth="rise",
                seed=7,
                decks=["test"],
                options={"passes": 3},
                plan_json=plan,
                started_at=at,
            )

        def played(sid: int, position: int, reader: str, answerer: str) -> None:
            record_play(
                db,
                sid,
                position=position,
                card_id=f"test/q1-{position}",
                deck_id="test",
                text=f"Card {position} of session {sid}",
                depth=1,
                kind="question",
                reader=reader,
                answerers=[answerer],
                outcome="answered",
                played_at=T0 + timedelta(minutes=position + 1),
                next_position=position + 1,
                seconds_open=60.0 * (position + 1),
            )

        finished = session(["Ana", "Ben"], T0, plan_text())
        for position in range(3):
            played(finished, position, "Ana", "Ben")
        record_checkin(db, finished, player="Ana", moment="before", value=3, at=T0)
        record_checkin(db, finished, player="Ana", moment="after", value=5, at=T0)
        record_checkin(db, finished, player="Ben", moment="after", value=6, at=T0)
        end_session(db, finished, status="finished", ended_at=T0 + timedelta(minutes=20))

        other = session(["Cy", "Dee"], T0 + timedelta(days=1), plan_text())
        played(other, 0, "Cy", "Dee")
        end_session(db, other, status="ended-early", ended_at=T0 + timedelta(days=1, minutes=9))

        active = session(["Ana", "Ben"], T0 + timedelta(days=2), plan_text())
        played(active, 0, "Ben", "Ana")
        played(active, 1, "Ana", "Ben")
        record_checkin(db, active, player="Ana", moment="before", value=4, at=T0)
        mark_revisit(db, session_id=active, card_id="test/q1-0", text="Come back to it", at=T0)
        mark_revisit(db, session_id=None, card_id="test/q1-5", text="A loose mark", at=T0)
        for n in range(2):
            add_favourite(
                db,
                card_id=f"test/q2-{n}",
                deck_id="test",
                text=f"Favourite {n}",
                follow_up="Why?",
                stages=["dating"],
                depth=2,
                at=T0 + timedelta(minutes=n),
            )
            hide_card(db, card_id=f"test/q3-{n}", deck_id="test", text=f"Hidden {n}", at=T0)
        set_setting(db, "theme", "closeness-dark")
        set_setting(db, "deck_switches", {"test": True})
        claim(db, active, "another-window", T0)
        sit(db, active, "Ana", "a-seat", T0)
    return Kept(finished, active, other)


def loosen_constraints(path: Path) -> None:
    """Drop the NOT NULL constraints from the schema, as a hand-edited or foreign file may.

    A damaged database is not bound by the rules this code's schema sets; tests use this to
    put NULL where the schema promises text. WITHOUT ROWID primary keys stay NOT NULL.
    """
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE type = 'table'"
        )
        conn.execute("PRAGMA writable_schema = OFF")
    finally:
        conn.close()


@dataclass(frozen=True)
class Target:
    """One row a test corrupts: its table and how to find it again."""

    table: str
    where: str
    """A WHERE clause (with ``?`` for ``Target.key``) that picks the row out."""
    key: tuple[object, ...]


def targets(kept: Kept) -> dict[str, Target]:
    """The row of each table that the corruption tests damage, the others left whole."""
    group = json.dumps(["ana", "ben"])
    return {
        "sessions": Target("sessions", "id = ?", (kept.active,)),
        "session_plans": Target("session_plans", "session_id = ?", (kept.active,)),
        "plays": Target("plays", "session_id = ? AND position = 0", (kept.active,)),
        "checkins": Target("checkins", "session_id = ? AND moment = 'before'", (kept.active,)),
        "favourites": Target("favourites", "card_id = ?", ("test/q2-0",)),
        "hidden": Target("hidden", "card_id = ?", ("test/q3-0",)),
        "revisits": Target("revisits", "session_id = ?", (kept.active,)),
        "settings": Target("settings", "key = ?", ("theme",)),
        "seen": Target("seen", "players_key = ? AND card_id = 'test/q1-0'", (group,)),
        "leases": Target("leases", "session_id = ?", (kept.active,)),
        "seats": Target("seats", "session_id = ? AND player = 'Ana'", (kept.active,)),
    }


def columns(path: Path, table: str) -> list[str]:
    """The columns of a table, in schema order."""
    conn = sqlite3.connect(str(path))
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


class Raw(str):
    """A value given as SQL rather than as a parameter: what a parameter cannot carry."""


NOT_UTF8 = Raw("CAST(X'416EFF61' AS TEXT)")
"""Text whose bytes are not UTF-8 ("An\xffa"): SQLite keeps it, Python cannot decode it."""


def damage(path: Path, target: Target, column: str, value: object) -> bool:
    """Put ``value`` into one column of the target row, as a raw connection can.

    CHECK constraints are ignored (they bind this code, not a damaged file). A ``Raw``
    value is SQL, written as it is.

    Returns:
        Whether the database took the value (SQLite refuses some, such as text in an
        INTEGER PRIMARY KEY or NULL in a WITHOUT ROWID key).
    """
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("PRAGMA synchronous = OFF")  # a test's copy: no need to wait for the disk
        if isinstance(value, Raw):
            update = f"UPDATE {target.table} SET {column} = {value} WHERE {target.where}"
            conn.execute(update, target.key)
        else:
            update = f"UPDATE {target.table} SET {column} = ? WHERE {target.where}"
            conn.execute(update, (value, *target.key))
    except sqlite3.IntegrityError:
        return False
    finally:
        conn.close()
    return True


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to show that reading changed nothing on disk."""
    conn = sqlite3.connect(str(path))
    try:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        conn.text_factory = bytes  # the rows' bytes as they are, UTF-8 or not
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in tables
        }
    finally:
        conn.close()


def exported(path: Path) -> dict[str, object]:
    """The document ``export --format json`` writes for the history at ``path``, at T0."""
    from closeness_cards.store.db import open_database
    from closeness_cards.store.export import export_data

    with open_database(path) as db:
        document: dict[str, object] = json.loads(json.dumps(export_data(db, exported_at=T0)))
    return document
