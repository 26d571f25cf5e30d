"""The four small interfaces the table keeps things through, each in SQLite and in memory.

The session log records the session being played; keepsakes are favourites, hidden cards
and revisit marks; preferences are the players' settings; the archive reads and forgets
what was kept. Front ends see none of them: they talk to the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Final, Protocol

from closeness_cards.core.frozen import Frozen

if TYPE_CHECKING:  # annotations only: opening the ports loads none of the store's records
    from closeness_cards.core.cards import Card
    from closeness_cards.core.summary import Left
    from closeness_cards.store.favourites import Favourite, HiddenCard
    from closeness_cards.store.leases import Holder
    from closeness_cards.store.records import SessionDetail, SessionSummary, TrendPoint


class Started(Frozen):
    """What the log keeps of a session when it begins."""

    __slots__ = (
        "decks",
        "depth",
        "options",
        "plan_json",
        "players",
        "seed",
        "shape",
        "stage",
        "started_at",
    )
    FIELDS = (
        "players",
        "stage",
        "shape",
        "depth",
        "seed",
        "decks",
        "options",
        "plan_json",
        "started_at",
    )
    players: Final[tuple[str, ...]]
    stage: Final[str]
    shape: Final[str]
    depth: Final[str]
    seed: Final[int]
    decks: Final[tuple[str, ...]]
    options: Final[Mapping[str, object]]
    plan_json: Final[str]
    started_at: Final[datetime]

    def __init__(
        self,
        players: tuple[str, ...],
        stage: str,
        shape: str,
        depth: str,
        seed: int,
        decks: tuple[str, ...],
        options: Mapping[str, object],
        plan_json: str,
        started_at: datetime,
    ) -> None:
        self.players = players
        self.stage = stage
        self.shape = shape
        self.depth = depth
        self.seed = seed
        self.decks = decks
        self.options = options
        self.plan_json = plan_json
        self.started_at = started_at


class LeftRecord(Frozen):
    """A card that left the table, as the log keeps it."""

    __slots__ = ("answerers", "at", "card", "outcome", "position", "reader")
    FIELDS = ("position", "card", "reader", "answerers", "outcome", "at")
    position: Final[int]
    card: Final[Card]
    reader: Final[str]
    answerers: Final[tuple[str, ...]]
    outcome: Final[str]
    at: Final[datetime]

    def __init__(
        self,
        position: int,
        card: Card,
        reader: str,
        answerers: tuple[str, ...],
        outcome: str,
        at: datetime,
    ) -> None:
        self.position = position
        self.card = card
        self.reader = reader
        self.answerers = answerers
        self.outcome = outcome
        self.at = at


class Unfinished(Frozen):
    """A session that never ended, and what resuming it needs."""

    __slots__ = ("check_in", "id", "plan_json", "players", "position", "seconds_open", "stage")
    FIELDS = ("id", "players", "stage", "plan_json", "position", "seconds_open", "check_in")
    id: Final[int]
    players: Final[tuple[str, ...]]
    stage: Final[str]
    plan_json: Final[str]
    position: Final[int]
    seconds_open: Final[float]
    check_in: Final[bool | None]
    """Whether the session began by asking how close everyone feels (answered or skipped):
    then it ends by asking again. None for a session kept before this was kept."""

    def __init__(
        self,
        id: int,
        players: tuple[str, ...],
        stage: str,
        plan_json: str,
        position: int,
        seconds_open: float,
        check_in: bool | None = None,
    ) -> None:
        self.id = id
        self.players = players
        self.stage = stage
        self.plan_json = plan_json
        self.position = position
        self.seconds_open = seconds_open
        self.check_in = check_in


class SessionLog(Protocol):
    """Where the session being played is recorded, as it happens."""

    @property
    def keeping(self) -> bool:
        """Whether what is recorded outlives this run."""

    @property
    def notices(self) -> list[str]:
        """What the players should know about keeping (history off, a file set aside)."""

    def start(self, started: Started) -> int | None:
        """Record a new session; its id (None when nothing could be kept)."""

    def record(
        self,
        session_id: int,
        left: LeftRecord,
        *,
        next_position: int,
        seconds_open: float,
        plan_json: str | None,
    ) -> None:
        """A card left the table: keep it, the resume point and a changed plan, at once."""

    def finish(self, session_id: int, *, status: str, at: datetime, seconds_open: float) -> None:
        """The session ended (``finished`` or ``ended-early``)."""

    def abandon(self, session_id: int, at: datetime) -> None:
        """Close a session the players chose not to resume."""

    def check_in(
        self, session_id: int, moment: str, values: Mapping[str, int | None], at: datetime
    ) -> None:
        """Keep each player's check-in (``None``: skipped, nothing kept)."""

    def check_ins(self, session_id: int) -> dict[str, tuple[int | None, int | None]]:
        """Each player's (before, after) check-in in a session."""

    def left_cards(self, session_id: int) -> list[Left]:
        """Every card that left the table in a session, in order, across resumes."""

    def unfinished(self) -> Unfinished | None:
        """The newest session that never ended."""

    def seen(self, players: Sequence[str]) -> dict[str, datetime]:
        """When these players last answered each card."""

    def claim(self, session_id: int, holder: str, now: datetime) -> Holder | None:
        """Open a session in this window; the other window's lease when it is open there."""

    def release(self, session_id: int, holder: str) -> None:
        """This window lets go of the session."""

    def holder(self, session_id: int, now: datetime) -> Holder | None:
        """The window that has the session open now, if any."""

    def close(self) -> None:
        """Let go of what is held open (SQLite: the database)."""


class Keepsakes(Protocol):
    """Favourites, hidden cards and revisit marks."""

    def favourite_ids(self, player: str | None = None) -> set[str]:
        """The favourite cards: every one (None), or those ``player`` kept at a seat."""

    def add_favourite(self, card: Card, at: datetime, player: str | None = None) -> None:
        """Keep a card: ``player``'s when kept at a seat, else the household's (None)."""

    def remove_favourite(self, card_id: str) -> None:
        """Take a card out of the favourites, whoever kept it."""

    def remove_kept(self, card_id: str, player: str | None) -> None:
        """Drop the one favourite ``player`` kept of a card (None: the household's)."""

    def favourites(self, limit: int | None = None) -> list[Favourite]:
        """Every player's favourites in the order lists show them; with ``limit``, the first
        ones."""

    def favourite_count(self) -> int:
        """How many favourites there are, every player's."""

    def hidden_ids(self) -> set[str]: ...

    def hide(self, card: Card, at: datetime) -> None: ...

    def unhide(self, card_id: str) -> None: ...

    def hidden_cards(self, limit: int | None = None) -> list[HiddenCard]:
        """The hidden cards, most recently hidden first; with ``limit``, the first ones."""

    def hidden_count(self) -> int:
        """How many cards are hidden."""

    def revisit_ids(self, session_id: int | None) -> set[str]: ...

    def mark_revisit(self, session_id: int | None, card: Card, at: datetime) -> None: ...

    def unmark_revisit(self, session_id: int | None, card_id: str) -> None: ...


class Preferences(Protocol):
    """The players' settings: which decks are on, the theme."""

    def deck_switches(self) -> dict[str, bool]: ...

    def set_deck_enabled(self, deck_id: str, enabled: bool) -> None: ...

    def theme(self) -> str | None: ...

    def set_theme(self, name: str) -> None: ...

    def players(self) -> tuple[str, ...]:
        """The names of the last session's players (none before the first)."""

    def set_players(self, players: tuple[str, ...]) -> None:
        """Remember the names for the next setup."""


class Archive(Protocol):
    """Past sessions: read them, and forget them."""

    def sessions(self, limit: int | None = None, offset: int = 0) -> list[SessionSummary]:
        """Newest first: ``limit`` of them (None: all) after skipping ``offset``."""

    def detail(self, session_id: int) -> SessionDetail | None: ...

    def forget(self, session_id: int) -> bool: ...

    def trend(self, players: Sequence[str], last: int | None = None) -> list[TrendPoint]:
        """The group's check-ins, oldest first: of its newest ``last`` sessions with any."""

    def trend_counts(self, players: Sequence[str]) -> dict[str, int]:
        """How many of the group's sessions each player checked in at."""


@dataclass
class Ports:
    """The four interfaces a table keeps things through."""

    log: SessionLog
    keepsakes: Keepsakes
    preferences: Preferences
    archive: Archive

    @property
    def kept(self) -> bool:
        """Whether anything outlives this run (False: a private session, or history off)."""
        return self.log.keeping

    @property
    def notices(self) -> list[str]:
        """What the players should know about keeping (history off, a file set aside)."""
        return self.log.notices

    def close(self) -> None:
        """Close what the ports hold open (SQLite: the database)."""
        self.log.close()
