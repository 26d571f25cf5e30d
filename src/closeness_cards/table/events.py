"""What the players can ask of the table, and what the table answers: actions and events."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from enum import Enum

from closeness_cards.core.cards import Card, Depth, Stage
from closeness_cards.core.frozen import Frozen
from closeness_cards.core.game import Shape
from closeness_cards.core.session import Refusal
from closeness_cards.core.summary import WholeSummary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final


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


class View(Frozen):
    """Everything a front end draws for the card on the table."""

    __slots__ = (
        "answerer",
        "answerers",
        "card",
        "closing",
        "deck_title",
        "deeper",
        "fallback",
        "favourite",
        "kept",
        "listeners",
        "number",
        "passes_left",
        "players",
        "reader",
        "revisit",
        "set_number",
        "sets",
        "shape",
        "stage",
        "tip",
        "total",
        "waiting",
    )
    FIELDS = (
        "stage",
        "shape",
        "number",
        "total",
        "set_number",
        "sets",
        "closing",
        "card",
        "deck_title",
        "players",
        "reader",
        "answerers",
        "answerer",
        "waiting",
        "listeners",
        "tip",
        "fallback",
        "passes_left",
        "favourite",
        "revisit",
        "deeper",
        "kept",
    )
    stage: Final[Stage]
    shape: Final[Shape]
    number: Final[int]
    """This card's number, counting the closing card out."""
    total: Final[int | None]
    """How many cards the session deals (None: open-ended)."""
    set_number: Final[int]
    sets: Final[int]
    closing: Final[bool]
    card: Final[Card]
    deck_title: Final[str]
    players: Final[tuple[str, ...]]
    reader: Final[str]
    answerers: Final[tuple[str, ...]]
    answerer: Final[str | None]
    """Whose turn it is to answer (None: done together)."""
    waiting: Final[tuple[str, ...]]
    """Who answers after the answerer on a card everyone answers."""
    listeners: Final[tuple[str, ...]]
    tip: Final[str | None]
    """The listening tip for the listeners (None when nobody is only listening)."""
    fallback: Final[Depth | None]
    """The depth this slot asked for, when that depth ran out and another was dealt."""
    passes_left: Final[Mapping[str, int]]
    favourite: Final[bool]
    revisit: Final[bool]
    deeper: Final[bool]
    """Whether the dig-deeper prompt is open."""
    kept: Final[bool]
    """Whether favourites and revisit marks outlive this run (False: a private session)."""

    def __init__(
        self,
        stage: Stage,
        shape: Shape,
        number: int,
        total: int | None,
        set_number: int,
        sets: int,
        closing: bool,
        card: Card,
        deck_title: str,
        players: tuple[str, ...],
        reader: str,
        answerers: tuple[str, ...],
        answerer: str | None,
        waiting: tuple[str, ...],
        listeners: tuple[str, ...],
        tip: str | None,
        fallback: Depth | None,
        passes_left: Mapping[str, int],
        favourite: bool,
        revisit: bool,
        deeper: bool,
        kept: bool,
    ) -> None:
        self.stage = stage
        self.shape = shape
        self.number = number
        self.total = total
        self.set_number = set_number
        self.sets = sets
        self.closing = closing
        self.card = card
        self.deck_title = deck_title
        self.players = players
        self.reader = reader
        self.answerers = answerers
        self.answerer = answerer
        self.waiting = waiting
        self.listeners = listeners
        self.tip = tip
        self.fallback = fallback
        self.passes_left = passes_left
        self.favourite = favourite
        self.revisit = revisit
        self.deeper = deeper
        self.kept = kept

    @property
    def together(self) -> bool:
        """Whether the players do this card together (a wildcard)."""
        return self.answerer is None and not self.closing


class CardShown(Frozen):
    """A new card is on the table."""

    __slots__ = ("view",)
    FIELDS = ("view",)
    view: Final[View]

    def __init__(self, view: View) -> None:
        self.view = view


class TurnMoved(Frozen):
    """The same card, and now the next person answers."""

    __slots__ = ("view",)
    FIELDS = ("view",)
    view: Final[View]

    def __init__(self, view: View) -> None:
        self.view = view


class Passed(Frozen):
    """Someone passed: no reason asked. A replacement (if any) follows as CardShown."""

    __slots__ = ("left", "who")
    FIELDS = ("who", "left")
    who: Final[str]
    left: Final[int]
    """Passes that person has left."""

    def __init__(self, who: str, left: int) -> None:
        self.who = who
        self.left = left


class Hidden(Frozen):
    """The card will never be dealt again; a replacement (if any) follows as CardShown."""

    __slots__ = ()


class Refused(Frozen):
    """The table did not do what was asked, and says why."""

    __slots__ = ("action", "reason", "who")
    FIELDS = ("action", "reason", "who")
    action: Final[Action]
    reason: Final[Reason]
    who: Final[str | None]
    """Whom the reason is about (who has no passes left)."""

    def __init__(self, action: Action, reason: Reason, who: str | None = None) -> None:
        self.action = action
        self.reason = reason
        self.who = who


class FavouriteChanged(Frozen):
    __slots__ = ("kept", "saved")
    FIELDS = ("kept", "saved")
    kept: Final[bool]
    """Now a favourite (False: taken out)."""
    saved: Final[bool]
    """False in a private session: kept for this session only."""

    def __init__(self, kept: bool, saved: bool) -> None:
        self.kept = kept
        self.saved = saved


class RevisitChanged(Frozen):
    __slots__ = ("marked", "saved")
    FIELDS = ("marked", "saved")
    marked: Final[bool]
    saved: Final[bool]

    def __init__(self, marked: bool, saved: bool) -> None:
        self.marked = marked
        self.saved = saved


class DeeperChanged(Frozen):
    """The dig-deeper prompt was opened or closed."""

    __slots__ = ("view",)
    FIELDS = ("view",)
    view: Final[View]

    def __init__(self, view: View) -> None:
        self.view = view


class TimerChanged(Frozen):
    """The answer timer (or a timed card's countdown) started or stopped."""

    __slots__ = ("running", "seconds")
    FIELDS = ("running", "seconds")
    running: Final[bool]
    seconds: Final[int | None]
    """The countdown's length (None: an answer timer that counts up)."""

    def __init__(self, running: bool, seconds: int | None) -> None:
        self.running = running
        self.seconds = seconds


class TimeUp(Frozen):
    """A timed card's countdown ended: the timer stops; the players go on when ready."""

    __slots__ = ()


class SetBreak(Frozen):
    """A pause before the next set; ``depth`` is how deep that set goes."""

    __slots__ = ("depth", "set_number", "sets")
    FIELDS = ("set_number", "sets", "depth")
    set_number: Final[int]
    sets: Final[int]
    depth: Final[Depth]

    def __init__(self, set_number: int, sets: int, depth: Depth) -> None:
        self.set_number = set_number
        self.sets = sets
        self.depth = depth


class CheckInAsked(Frozen):
    """Ask each player, privately, how close they feel (1–7), ``before`` or ``after``."""

    __slots__ = ("moment", "players")
    FIELDS = ("moment", "players")
    moment: Final[str]
    players: Final[tuple[str, ...]]

    def __init__(self, moment: str, players: tuple[str, ...]) -> None:
        self.moment = moment
        self.players = players


class SessionOver(Frozen):
    """The session ended: its whole summary, across every resume."""

    __slots__ = ("closeness", "favourites", "revisits", "summary")
    FIELDS = ("summary", "revisits", "favourites", "closeness")
    summary: Final[WholeSummary]
    revisits: Final[tuple[str, ...]]
    """The texts of this session's cards marked to revisit."""
    favourites: Final[tuple[str, ...]]
    """The texts of the cards kept as favourites during this session."""
    closeness: Final[Mapping[str, tuple[int | None, int | None]]]
    """Each player's check-in (before, after); empty when none was asked."""

    def __init__(
        self,
        summary: WholeSummary,
        revisits: tuple[str, ...],
        favourites: tuple[str, ...],
        closeness: Mapping[str, tuple[int | None, int | None]],
    ) -> None:
        self.summary = summary
        self.revisits = revisits
        self.favourites = favourites
        self.closeness = closeness


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
