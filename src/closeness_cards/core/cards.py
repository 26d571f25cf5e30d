"""The game's vocabulary: cards, decks, depths, stages and kinds, as frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, IntEnum
from functools import cached_property
from pathlib import Path


class Depth(IntEnum):
    """How much a card asks of the person answering it."""

    WARM_UP = 1
    OPEN_UP = 2
    DEEP = 3


class Stage(str, Enum):
    """The relationship stage a session is for."""

    DATING = "dating"
    EARLY = "early"
    COMMITTED = "committed"
    LONG_TERM = "long-term"
    PARENTHOOD = "parenthood"
    LATER_LIFE = "later-life"
    FRIENDS = "friends"
    FAMILY = "family"
    FAMILY_KIDS = "family-kids"
    """A family with children of about 8 to 17 at the table."""

    @property
    def romantic(self) -> bool:
        """Whether mature (physical intimacy) cards may fit this stage."""
        return self not in (Stage.FRIENDS, Stage.FAMILY, Stage.FAMILY_KIDS)


ALL_STAGES: frozenset[Stage] = frozenset(Stage)


class Kind(str, Enum):
    """What a card asks players to do."""

    QUESTION = "question"
    ACTION = "action"
    CLOSING = "closing"
    TIP = "tip"


class Fits(str, Enum):
    """The table a card's words fit, when they do not fit every table."""

    PAIR = "pair"
    """Only two players: the words speak of "the other person" or "your partner"."""
    GROUP = "group"
    """Only three or more: the words speak of "the others" or "everyone else"."""

    def admits(self, players: int) -> bool:
        """Whether a table of ``players`` players is one these words fit."""
        return players == 2 if self is Fits.PAIR else players >= 3


class Audience(str, Enum):
    """Who a deck is written for."""

    COUPLES = "couples"
    FRIENDS = "friends"
    FAMILY = "family"
    ANYONE = "anyone"


THEMES: frozenset[str] = frozenset(
    [
        "trust",
        "communication",
        "listening",
        "vulnerability",
        "empathy",
        "appreciation",
        "memories",
        "childhood",
        "values",
        "dreams",
        "future",
        "rituals",
        "play",
        "humor",
        "support",
        "conflict",
        "repair",
        "growth",
        "self",
        "intimacy",
        "family",
        "friendship",
        "distance",
        "change",
        "money",
        "work",
        "health",
        "loss",
        "decisions",
        "roots",
    ]
)

TEXT_MIN = 8
TEXT_MAX = 280
MINUTES_MAX = 60


@dataclass(frozen=True)
class Card:
    """One card of a deck."""

    deck_id: str
    id: str
    """The card's slug, unique within its deck."""
    text: str
    depth: Depth
    kind: Kind = Kind.QUESTION
    stages: frozenset[Stage] = ALL_STAGES
    """The stages this card fits (the deck's unless the card overrides them)."""
    theme: str | None = None
    follow_up: str | None = None
    """The dig-deeper prompt, one step further in the same direction."""
    both: bool = False
    """Whether everyone answers, not only the answerer."""
    minutes: int | None = None
    """Length of a timed task, in minutes."""
    mature: bool = False
    """Physical-intimacy content, dealt only when mature cards are enabled."""
    table: Fits | None = None
    """The only table the card's words fit (None: any table)."""
    line: int = 0
    """Line of the card in its deck file, for messages (0 when unknown)."""
    touch: bool = False
    """Asks the players to touch or hold a gaze: dealt only when touch is on."""
    idea: str | None = None
    """Cards that ask the same thing share an idea: a session deals one of them at most, and
    a card whose idea was asked before is as fresh as that asking."""
    tip: str | None = None
    """The listening tip for this card, shown to its listeners instead of a dealt tip."""

    @cached_property
    def global_id(self) -> str:
        """The id that is unique among all loaded decks: "deck-id/card-id"."""
        # Cached: the dealer reads it for every eligible card of every deal.
        return f"{self.deck_id}/{self.id}"

    @cached_property
    def idea_key(self) -> str:
        """What the dealer counts as one question: the card's idea, else the card itself."""
        return f"idea:{self.idea}" if self.idea is not None else self.global_id

    def fits(self, stage: Stage) -> bool:
        """Whether this card may be dealt in a session for ``stage``."""
        return stage in self.stages

    def fits_table(self, players: int) -> bool:
        """Whether this card's words fit a table of ``players`` players."""
        return self.table is None or self.table.admits(players)


@dataclass(frozen=True)
class Deck:
    """A named set of cards loaded from one deck file."""

    id: str
    title: str
    cards: tuple[Card, ...]
    description: str = ""
    audience: Audience = Audience.ANYONE
    stages: frozenset[Stage] = ALL_STAGES
    language: str = "en"
    source: Path | None = field(default=None, compare=False)
    """The file the deck was read from; None for decks built in code."""
    builtin: bool = False
    optional: bool = False
    """Off until the players switch it on (a deck for a situation only some tables are in)."""
    note: str = ""
    """Said when the players switch the deck on: what it is for, and what it is not for."""
    share: int | None = None
    """At most this percent of a session's questions come from this deck (None: no limit)."""
