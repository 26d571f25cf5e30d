"""A deal's values: the options that decide it, its steps, and the deal itself."""

from __future__ import annotations

from enum import Enum

from closeness_cards.core.cards import Card, Depth, Kind, Stage
from closeness_cards.core.frozen import Frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

DEFAULT_PASSES = 3


class Shape(str, Enum):
    """How long a session is."""

    QUICK = "quick"
    STANDARD = "standard"
    THREE_SETS = "three-sets"
    OPEN = "open"

    @property
    def card_count(self) -> int | None:
        """How many cards the session deals before its closing card (None: open-ended)."""
        return {"quick": 6, "standard": 12, "three-sets": 36, "open": None}[self.value]


class DepthPlan(str, Enum):
    """How deep a session goes, and how it gets there."""

    RISE = "rise"
    GENTLE = "gentle"
    ONE = "1"
    TWO = "2"
    THREE = "3"


class Options(Frozen):
    """Everything that decides a deal."""

    __slots__ = (
        "depth", "everyone", "mature", "passes", "players", "seed", "shape", "stage", "touch",
        "wildcards",
    )  # fmt: skip
    FIELDS = (
        "players", "stage", "shape", "depth", "seed", "mature", "wildcards", "everyone", "passes",
        "touch",
    )  # fmt: skip
    players: Final[tuple[str, ...]]
    stage: Final[Stage]
    shape: Final[Shape]
    depth: Final[DepthPlan]
    seed: Final[int]
    mature: Final[bool]
    """Deal cards marked mature (physical intimacy)."""
    wildcards: Final[bool]
    """Mix in action cards now and then."""
    everyone: Final[bool]
    """Every player answers every question, not only the answerer."""
    passes: Final[int]
    """Passes each player may use in the session."""
    touch: Final[bool]
    """Deal cards that ask players to touch or hold a gaze (a hug, eye contact)."""

    def __init__(
        self,
        players: tuple[str, ...],
        stage: Stage,
        shape: Shape = Shape.QUICK,
        depth: DepthPlan = DepthPlan.RISE,
        seed: int = 0,
        mature: bool = False,
        wildcards: bool = True,
        everyone: bool = False,
        passes: int = DEFAULT_PASSES,
        touch: bool = False,
    ) -> None:
        self.players = players
        self.stage = stage
        self.shape = shape
        self.depth = depth
        self.seed = seed
        self.mature = mature
        self.wildcards = wildcards
        self.everyone = everyone
        self.passes = passes
        self.touch = touch


class Step(Frozen):
    """One card of the deal, with who reads it and who answers it, in order."""

    __slots__ = ("answerers", "card", "fallback", "reader", "set_number", "target", "tip")
    FIELDS = ("card", "reader", "answerers", "set_number", "tip", "fallback", "target")
    card: Final[Card]
    reader: Final[str]
    answerers: Final[tuple[str, ...]]
    set_number: Final[int]
    """1-based; only three-set sessions have more than one set."""
    tip: Final[Card | None]
    """A listening tip for whoever is listening while this card is answered."""
    fallback: Final[Depth | None]
    """The depth this slot asked for when that depth ran out and another was dealt.

    Set on the first card of each depth that ran out only; front ends word it.
    """
    target: Final[Depth | None]
    """The depth this slot aims for (None for the closing card): a passed wildcard's
    replacement is never deeper."""

    def __init__(
        self,
        card: Card,
        reader: str,
        answerers: tuple[str, ...],
        set_number: int = 1,
        tip: Card | None = None,
        fallback: Depth | None = None,
        target: Depth | None = None,
    ) -> None:
        self.card = card
        self.reader = reader
        self.answerers = answerers
        self.set_number = set_number
        self.tip = tip
        self.fallback = fallback
        self.target = target

    @property
    def listening_tip(self) -> str | None:
        """The tip for the listeners: the card's own, else the tip dealt with it."""
        if self.card.tip is not None:
            return self.card.tip
        return self.tip.text if self.tip is not None else None

    @property
    def together(self) -> bool:
        """Whether the players do this card together in one turn (a wildcard)."""
        return self.card.kind is Kind.ACTION


class Deal(Frozen):
    """A planned session: its steps (the closing card last) and spare cards for passes."""

    __slots__ = ("options", "reserve", "steps")
    FIELDS = ("options", "steps", "reserve")
    options: Final[Options]
    steps: Final[tuple[Step, ...]]
    reserve: Final[tuple[Card, ...]]
    """Eligible cards left out of the plan, replacements for passes and hidden cards: the
    questions by depth, then the wildcards (when wildcards are on), each freshest first."""

    def __init__(
        self, options: Options, steps: tuple[Step, ...], reserve: tuple[Card, ...] = ()
    ) -> None:
        self.options = options
        self.steps = steps
        self.reserve = reserve
