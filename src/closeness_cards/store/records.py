"""The plain records that history hands out: sessions, plays and check-ins."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from closeness_cards.store.db import StoreError
from closeness_cards.store.favourites import Revisit
from closeness_cards.store.timestamps import from_text

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


# Column lists shared by history and export, so both build records the same way.
PLAY_SELECT = (
    "SELECT session_id, position, card_id, deck_id, card_text, depth, kind, reader, "
    "answerers_json, outcome, played_at FROM plays"
)
CHECKIN_SELECT = "SELECT session_id, player, moment, value FROM checkins"


def play_from_row(row: sqlite3.Row) -> PlayRecord:
    """Build a ``PlayRecord`` from a row selected with ``PLAY_SELECT``'s columns."""
    return PlayRecord(
        position=int(row["position"]),
        card_id=row["card_id"],
        deck_id=row["deck_id"],
        text=row["card_text"],
        depth=int(row["depth"]),
        kind=row["kind"],
        reader=row["reader"],
        answerers=tuple(json.loads(row["answerers_json"])),
        outcome=row["outcome"],
        played_at=from_text(row["played_at"]),
    )


def checkin_from_row(row: sqlite3.Row) -> CheckIn:
    """Build a ``CheckIn`` from a row with the checkins table's column names."""
    return CheckIn(player=row["player"], moment=row["moment"], value=int(row["value"]))


def summary_from_row(row: Sequence[Any]) -> SessionSummary:
    """Build a ``SessionSummary`` from a row of the history summary query.

    Columns by position: id, started_at, ended_at, status, stage, shape, depth, seed,
    players_json, decks_json, answered, passed, hidden, seconds_open, questions, wildcards,
    closings. Positions rather than names,
    because the full history list builds ten thousand of these at once.
    """
    # Stored text always carries +00:00, so fromisoformat alone gives aware datetimes.
    started_at = datetime.fromisoformat(row[1])
    ended_at = None if row[2] is None else datetime.fromisoformat(row[2])
    return SessionSummary(
        id=row[0],
        started_at=started_at,
        ended_at=ended_at,
        status=row[3],
        stage=row[4],
        shape=row[5],
        depth=row[6],
        seed=row[7],
        players=json_names(row[8]),
        decks=json_names(row[9]),
        answered=row[10],
        passed=row[11],
        hidden=row[12],
        duration_seconds=(
            float(row[13])
            if row[13] is not None
            else None
            if ended_at is None
            else max(0.0, (ended_at - started_at).total_seconds())
        ),
        questions=row[14],
        wildcards=row[15],
        closings=row[16],
    )


@functools.lru_cache(maxsize=512)
def json_names(text: str) -> tuple[str, ...]:
    """Parse a JSON list of names; cached, since the same groups and decks recur."""
    return tuple(json.loads(text))
