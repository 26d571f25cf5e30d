"""The plain records that history hands out: sessions, plays and check-ins."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from closeness_cards.store import rows
from closeness_cards.store.db import StoreError
from closeness_cards.store.favourites import Revisit

SESSION_STATUSES = ("active", "finished", "ended-early", "abandoned")
END_STATUSES = ("finished", "ended-early", "abandoned")
OUTCOMES = ("answered", "passed", "hidden")
MOMENTS = ("before", "after")


def players_key(players: Iterable[str]) -> str:
    """Return the key that identifies a group of players regardless of order and case."""
    return json.dumps(sorted(name.strip().casefold() for name in players), ensure_ascii=False)


def check_choice(name: str, value: str, allowed: Sequence[str]) -> None:
    """Raise ``ValueError`` naming the choices when ``value`` is not one of ``allowed``."""
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")


class SessionNotFound(StoreError):
    """No session has the given id (it may have been forgotten)."""


@dataclass(frozen=True)
class SessionSummary:
    """One line of history: who played, how, and how it went."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    status: str
    """``active``, ``finished``, ``ended-early`` or ``abandoned``."""
    stage: str
    shape: str
    depth: str
    seed: int
    players: tuple[str, ...]
    decks: tuple[str, ...]
    answered: int
    """Cards answered, of every kind."""
    passed: int
    hidden: int
    duration_seconds: float | None
    """Time together: while a window had it open (from start to end for sessions kept
    before that was counted); None while an old session has not ended."""
    questions: int = 0
    """Questions answered."""
    wildcards: int = 0
    """Wildcards done together."""
    closings: int = 0
    """Closing cards done (0 or 1)."""


@dataclass(frozen=True)
class PlayRecord:
    """One card as it was played. What was said aloud is never stored."""

    position: int
    """The plan step it was played at; a passed card and its replacement share one."""
    card_id: str
    deck_id: str
    text: str
    depth: int
    kind: str
    reader: str
    answerers: tuple[str, ...]
    outcome: str
    """``answered``, ``passed`` or ``hidden``."""
    played_at: datetime


@dataclass(frozen=True)
class CheckIn:
    """A player's closeness rating (1 apart to 7 almost one) before or after a session."""

    player: str
    moment: str
    value: int


@dataclass(frozen=True)
class SessionDetail:
    """A session with everything recorded in it."""

    summary: SessionSummary
    plays: tuple[PlayRecord, ...]
    checkins: tuple[CheckIn, ...]
    revisits: tuple[Revisit, ...]


@dataclass(frozen=True)
class ResumableSession:
    """An interrupted session and what is needed to pick it up again."""

    summary: SessionSummary
    plan_json: str
    """The engine's serialised deal, exactly as it was last saved."""
    position: int
    """The index of the next step to play."""
    options: dict[str, Any]


@dataclass(frozen=True)
class TrendPoint:
    """The check-ins of one session, for the closeness trend over sessions."""

    session_id: int
    started_at: datetime
    values: Mapping[str, tuple[int | None, int | None]]
    """Player name (as the caller spelled it) to (before, after); None if not given."""


# Column lists shared by history and export, so both build records the same way. The ids
# (rowid or key) name a row that cannot be read, so it is told once however often it is read.
PLAY_SELECT = (
    "SELECT id, session_id, position, card_id, deck_id, card_text, depth, kind, reader, "
    "answerers_json, outcome, played_at FROM plays"
)
CHECKIN_SELECT = "SELECT session_id, player, moment, value FROM checkins"

_DEPTHS = (1, 3)
KINDS = ("question", "action", "closing", "tip")
"""The kinds of card a play may be, as ``core.cards.Kind`` names them (mirrored, like the
stages in ``favourites.STAGE_ORDER``: the store takes plain strings)."""


def play_from_row(row: sqlite3.Row) -> PlayRecord:
    """Build a ``PlayRecord`` from a row selected with ``PLAY_SELECT``'s columns.

    Raises:
        BadRow: A value is not what ``record_play`` writes.
    """
    return PlayRecord(
        position=rows.whole(row["position"], 0),
        card_id=rows.text(row["card_id"]),
        deck_id=rows.text(row["deck_id"]),
        text=rows.text(row["card_text"]),
        depth=rows.whole(row["depth"], *_DEPTHS),
        kind=rows.choice(row["kind"], KINDS),
        reader=rows.text(row["reader"]),
        answerers=rows.names(row["answerers_json"]),
        outcome=rows.choice(row["outcome"], OUTCOMES),
        played_at=rows.moment(row["played_at"]),
    )


def checkin_from_row(row: sqlite3.Row) -> CheckIn:
    """Build a ``CheckIn`` from a row with the checkins table's column names.

    Raises:
        BadRow: A value is not what ``record_checkin`` writes.
    """
    return CheckIn(
        player=rows.text(row["player"]),
        moment=rows.choice(row["moment"], MOMENTS),
        value=rows.whole(row["value"], 1, 7),
    )


def checkin_key(row: sqlite3.Row) -> tuple[object, ...]:
    """The primary key of a check-in row, which names it in the count of unreadable rows."""
    return (row["session_id"], row["player"], row["moment"])


def summary_from_row(row: Sequence[Any]) -> SessionSummary:
    """Build a ``SessionSummary`` from a row of the history summary query.

    Columns by position: id, started_at, ended_at, status, stage, shape, depth, seed,
    players_json, decks_json, answered, passed, hidden, seconds_open, questions, wildcards,
    closings. Positions rather than names,
    because the full history list builds ten thousand of these at once.

    The checks of ``store.rows`` are written out here for the values as this code writes
    them (UTC text, a float or NULL), which halves the time a row takes; anything else goes
    through ``store.rows`` itself.

    Raises:
        BadRow: A value is not what ``start_session`` and ``end_session`` write.
    """
    status, stage, shape, depth, seed = row[3], row[4], row[5], row[6], row[7]
    players, decks = row[8], row[9]
    if not (
        status in _STATUSES
        and type(stage) is str
        and type(shape) is str
        and type(depth) is str
        and type(seed) is int
        and type(players) is str
        and type(decks) is str
    ):
        raise rows.BadRow("not a session")
    counts = row[10], row[11], row[12], row[14], row[15], row[16]
    if not (_COUNT_TYPES.issuperset(map(type, counts)) and min(counts) >= 0):
        raise rows.BadRow("not a count")  # kept by triggers: only damage makes one so
    started_at, ended_at = _moments(row[1], row[2])
    seconds_open = row[13]
    if seconds_open is not None and not (
        type(seconds_open) is float and 0.0 <= seconds_open <= rows.LONGEST_SECONDS
    ):
        seconds_open = rows.seconds(seconds_open)  # a whole number, or damage
    if seconds_open is None and ended_at is not None:
        # Kept before time together was counted: from start to end, within what a row
        # may say, so a resumed session never writes back a time that reads as damage.
        span = (ended_at - started_at).total_seconds()
        seconds_open = min(max(0.0, span), rows.LONGEST_SECONDS)
    return SessionSummary(
        id=row[0],  # INTEGER PRIMARY KEY: SQLite keeps nothing but whole numbers there
        started_at=started_at,
        ended_at=ended_at,
        status=status,
        stage=stage,
        shape=shape,
        depth=depth,
        seed=seed,
        players=rows.names_in(players),
        decks=rows.names_in(decks),
        answered=row[10],
        passed=row[11],
        hidden=row[12],
        duration_seconds=seconds_open,
        questions=row[14],
        wildcards=row[15],
        closings=row[16],
    )


_STATUSES = frozenset(SESSION_STATUSES)
_COUNT_TYPES = frozenset({int})
_UTC = timezone.utc


def _moments(started: object, ended: object) -> tuple[datetime, datetime | None]:
    """A session's start and end, checked as ``rows.moment`` does, quickly for UTC text."""
    if type(started) is str and (ended is None or type(ended) is str):
        try:
            start = datetime.fromisoformat(started)
            end = None if ended is None else datetime.fromisoformat(ended)
        except ValueError as error:
            raise rows.BadRow("not a date") from error
        if (
            start.tzinfo is _UTC
            and rows.EARLIEST <= start <= rows.LATEST
            and (end is None or (end.tzinfo is _UTC and rows.EARLIEST <= end <= rows.LATEST))
        ):
            return start, end
    return rows.moment(started), rows.optional_moment(ended)
