"""What the players can ask of the table, and what the table answers: actions and events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum

from closeness_cards.core.cards import Card, Depth, Stage
from closeness_cards.core.game import Shape
from closeness_cards.core.session import Refusal
from closeness_cards.core.summary import WholeSummary


class Action(str, Enum):
    """What players do with the card on the table (the same in every front end)."""

    DONE = "done"
    PASS = "pass"
    HIDE = "hide"
    FAVOURITE = "favourite"
    REVISIT = "revisit"
    DEEPER = "deeper"
    TIMER = "timer"
    END = "end"


class Reason(str, Enum):
    """Why the table refused an action; front ends put it into words."""

    CLOSING_CARD = "closing-card"
    NO_PASSES_LEFT = "no-passes-left"
    SESSION_OVER = "session-over"
    NO_FOLLOW_UP = "no-follow-up"
    NOT_NOW = "not-now"
    """The table is waiting for something else (a check-in, the opening)."""
    NOT_YOURS = "not-yours"
    """A seat at a shared table asked for what is another player's to do (``who``)."""
    MOVED_ON = "moved-on"
    """A shared table had moved on before the press reached it: the press did nothing."""


def utc_now() -> datetime:
    """The clock the game runs on."""
    return datetime.now(timezone.utc)


class Phase(str, Enum):
    """Where the table is in a session."""

    IDLE = "idle"
    CHECK_IN_BEFORE = "check-in-before"
    PLAYING = "playing"
    CHECK_IN_AFTER = "check-in-after"
    OVER = "over"


def reason_of(refusal: Refusal) -> Reason:
    """The table's reason for the engine's refusal."""
    return Reason(refusal.value)


@dataclass(frozen=True)
class View:
    """Everything a front end draws for the card on the table."""

    stage: Stage
    shape: Shape
    number: int
    """This card's number, counting the closing card out."""
    total: int | None
    """How many cards the session deals (None: open-ended)."""
    set_number: int
    sets: int
    closing: bool
    card: Card
    deck_title: str
    players: tuple[str, ...]
    reader: str
    answerers: tuple[str, ...]
    answerer: str | None
    """Whose turn it is to answer (None: done together)."""
    waiting: tuple[str, ...]
    """Who answers after the answerer on a card everyone answers."""
    listeners: tuple[str, ...]
    tip: str | None
    """The listening tip for the listeners (None when nobody is only listening)."""
    fallback: Depth | None
    """The depth this slot asked for, when that depth ran out and another was dealt."""
    passes_left: Mapping[str, int]
    favourite: bool
    revisit: bool
    deeper: bool
    """Whether the dig-deeper prompt is open."""
    kept: bool
    """Whether favourites and revisit marks outlive this run (False: a private session)."""

    @property
    def together(self) -> bool:
        """Whether the players do this card together (a wildcard)."""
        return self.answerer is None and not self.closing


@dataclass(frozen=True)
class CardShown:
    """A new card is on the table."""

    view: View


@dataclass(frozen=True)
class TurnMoved:
    """The same card, and now the next person answers."""

    view: View


@dataclass(frozen=True)
class Passed:
    """Someone passed: no reason asked. A replacement (if any) follows as CardShown."""

    who: str
    left: int
    """Passes that person has left."""


@dataclass(frozen=True)
class Hidden:
    """The card will never be dealt again; a replacement (if any) follows as CardShown."""


@dataclass(frozen=True)
class Refused:
    """The table did not do what was asked, and says why."""

    action: Action
    reason: Reason
    who: str | None = None
    """Whom the reason is about (who has no passes left)."""


@dataclass(frozen=True)
class FavouriteChanged:
    kept: bool
    """Now a favourite (False: taken out)."""
    saved: bool
    """False in a private session: kept for this session only."""


@dataclass(frozen=True)
class RevisitChanged:
    marked: bool
    saved: bool


@dataclass(frozen=True)
class DeeperChanged:
    """The dig-deeper prompt was opened or closed."""

    view: View


@dataclass(frozen=True)
class TimerChanged:
    """The answer timer (or a timed card's countdown) started or stopped."""

    running: bool
    seconds: int | None
    """The countdown's length (None: an answer timer that counts up)."""


@dataclass(frozen=True)
class TimeUp:
    """A timed card's countdown ended: the timer stops; the players go on when ready."""


@dataclass(frozen=True)
class SetBreak:
    """A pause before the next set; ``depth`` is how deep that set goes."""

    set_number: int
    sets: int
    depth: Depth


@dataclass(frozen=True)
class CheckInAsked:
    """Ask each player, privately, how close they feel (1–7), ``before`` or ``after``."""

    moment: str
    players: tuple[str, ...]


@dataclass(frozen=True)
class SessionOver:
    """The session ended: its whole summary, across every resume."""

    summary: WholeSummary
    revisits: tuple[str, ...]
    """The texts of this session's cards marked to revisit."""
    favourites: tuple[str, ...]
    """The texts of the cards kept as favourites during this session."""
    closeness: Mapping[str, tuple[int | None, int | None]]
    """Each player's check-in (before, after); empty when none was asked."""


Event = (
    CardShown
    | TurnMoved
    | Passed
    | Hidden
    | Refused
    | FavouriteChanged
    | RevisitChanged
    | DeeperChanged
    | TimerChanged
    | TimeUp
    | SetBreak
    | CheckInAsked
    | SessionOver
)
