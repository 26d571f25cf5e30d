"""The game's vocabulary: cards, decks, depths, stages and kinds, as frozen values."""

from __future__ import annotations

import collections
from enum import Enum, IntEnum
from itertools import repeat
from operator import itemgetter

from closeness_cards.core.frozen import Frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any, Final


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


CARD_FIELDS = (
    "deck_id", "id", "text", "depth", "kind", "stages", "theme", "follow_up", "both", "minutes",
    "mature", "table", "line", "touch", "idea", "tip",
)  # fmt: skip
"""A card's fields, in the order ``Card`` takes them."""
_GLOBAL_ID, _IDEA_KEY = len(CARD_FIELDS), len(CARD_FIELDS) + 1
_tuplegetter: Any = getattr(collections, "_tuplegetter", None)


def _field(index: int, doc: str) -> Any:
    # The C descriptor namedtuple uses, where there is one: as fast to read as a slot.
    return _tuplegetter(index, doc) if _tuplegetter else property(itemgetter(index), doc=doc)


class Card(tuple):  # type: ignore[type-arg]
    """One card of a deck: a read-only value, equal to a card with the same fields.

    A tuple underneath (its fields in ``CARD_FIELDS`` order, then its global id and idea
    key), so that the deck reader and the cache build and take apart thousands of cards in
    C loops (``cards_from_columns``; ``zip(*cards)``), where a class of its own would run
    Python code per card. It compares, hashes and prints as the frozen dataclass it was,
    and is never equal to a plain tuple or ordered.
    """

    __slots__ = ()
    __match_args__ = (
        "deck_id", "id", "text", "depth", "kind", "stages", "theme", "follow_up", "both",
        "minutes", "mature", "table", "line", "touch", "idea", "tip",
    )  # fmt: skip

    def __new__(
        cls,
        deck_id: str,
        id: str,
        text: str,
        depth: Depth,
        kind: Kind = Kind.QUESTION,
        stages: frozenset[Stage] = ALL_STAGES,
        theme: str | None = None,
        follow_up: str | None = None,
        both: bool = False,
        minutes: int | None = None,
        mature: bool = False,
        table: Fits | None = None,
        line: int = 0,
        touch: bool = False,
        idea: str | None = None,
        tip: str | None = None,
    ) -> Card:
        global_id = f"{deck_id}/{id}"
        idea_key = global_id if idea is None else f"idea:{idea}"
        return tuple.__new__(
            cls,
            (deck_id, id, text, depth, kind, stages, theme, follow_up, both, minutes, mature,
             table, line, touch, idea, tip, global_id, idea_key),
        )  # fmt: skip

    if TYPE_CHECKING:

        @property
        def deck_id(self) -> str: ...
        @property
        def id(self) -> str: ...
        @property
        def text(self) -> str: ...
        @property
        def depth(self) -> Depth: ...
        @property
        def kind(self) -> Kind: ...
        @property
        def stages(self) -> frozenset[Stage]: ...
        @property
        def theme(self) -> str | None: ...
        @property
        def follow_up(self) -> str | None: ...
        @property
        def both(self) -> bool: ...
        @property
        def minutes(self) -> int | None: ...
        @property
        def mature(self) -> bool: ...
        @property
        def table(self) -> Fits | None: ...
        @property
        def line(self) -> int: ...
        @property
        def touch(self) -> bool: ...
        @property
        def idea(self) -> str | None: ...
        @property
        def tip(self) -> str | None: ...
        @property
        def global_id(self) -> str: ...
        @property
        def idea_key(self) -> str: ...

    else:
        deck_id = _field(0, "The id of the card's deck.")
        id = _field(1, "The card's slug, unique within its deck.")
        text = _field(2, "What the card says.")
        depth = _field(3, "How much the card asks of the person answering it.")
        kind = _field(4, "What the card asks players to do.")
        stages = _field(5, "The stages this card fits (the deck's unless the card overrides them).")
        theme = _field(6, "The card's theme, if it names one.")
        follow_up = _field(7, "The dig-deeper prompt, one step further in the same direction.")
        both = _field(8, "Whether everyone answers, not only the answerer.")
        minutes = _field(9, "Length of a timed task, in minutes.")
        mature = _field(10, "Physical-intimacy content, dealt only when mature cards are enabled.")
        table = _field(11, "The only table the card's words fit (None: any table).")
        line = _field(12, "Line of the card in its deck file, for messages (0 when unknown).")
        touch = _field(13, "Asks the players to touch or hold a gaze: dealt only when touch is on.")
        idea = _field(
            14,
            "Cards that ask the same thing share an idea: a session deals one of them at most,"
            " and a card whose idea was asked before is as fresh as that asking.",
        )
        tip = _field(15, "The listening tip for this card, shown to its listeners.")
        global_id = _field(16, 'The id that is unique among all loaded decks: "deck-id/card-id".')
        idea_key = _field(
            17, "What the dealer counts as one question: the card's idea, else the card itself."
        )

    def fits(self, stage: Stage) -> bool:
        """Whether this card may be dealt in a session for ``stage``."""
        return stage in self.stages

    def fits_table(self, players: int) -> bool:
        """Whether this card's words fit a table of ``players`` players."""
        return self.table is None or self.table.admits(players)

    def replace(self, **changes: Any) -> Card:
        """This card with the named fields changed (as ``dataclasses.replace`` would)."""
        fields = dict(zip(CARD_FIELDS, self[: len(CARD_FIELDS)], strict=True))
        fields.update(changes)
        return Card(**fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return tuple.__eq__(self, other)
        return False if isinstance(other, tuple) else NotImplemented

    def __ne__(self, other: object) -> bool:
        if type(other) is type(self):
            return tuple.__ne__(self, other)
        return True if isinstance(other, tuple) else NotImplemented

    __hash__ = tuple.__hash__

    def __lt__(self, other: object) -> bool:
        return NotImplemented  # cards have no order, as the dataclass had none

    __le__ = __gt__ = __ge__ = __lt__

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}" for name, value in zip(CARD_FIELDS, self, strict=False)
        )
        return f"Card({shown})"

    def __getnewargs__(self) -> tuple[Any, ...]:  # copy and pickle call Card(*these)
        return tuple(self[: len(CARD_FIELDS)])


def cards_from_columns(deck_id: str, columns: Sequence[Sequence[Any]]) -> tuple[Card, ...]:
    """A deck's cards from their fields column by column, in ``CARD_FIELDS`` order after
    ``deck_id``: built in C loops, without checks.

    Only for the deck reader and the deck cache, which check every value first.
    """
    if len(columns) != len(CARD_FIELDS) - 1:
        raise ValueError("a card has fifteen fields after its deck id")
    ids, ideas = columns[0], columns[13]
    global_ids = list(map(f"{deck_id}/".__add__, ids))
    idea_keys = (
        [
            gid if idea is None else f"idea:{idea}"
            for gid, idea in zip(global_ids, ideas, strict=True)
        ]
        if any(ideas)
        else global_ids
    )
    rows = zip(repeat(deck_id, len(ids)), *columns, global_ids, idea_keys, strict=True)
    return tuple(map(tuple.__new__, repeat(Card), rows))


class Deck(Frozen):
    """A named set of cards loaded from one deck file (equal to a deck with the same fields
    but its source)."""

    __slots__ = (
        "audience", "builtin", "cards", "description", "id", "language", "note", "optional",
        "share", "source", "stages", "title",
    )  # fmt: skip
    FIELDS = (
        "id", "title", "cards", "description", "audience", "stages", "language", "source",
        "builtin", "optional", "note", "share",
    )  # fmt: skip
    COMPARED = tuple(name for name in FIELDS if name != "source")
    id: Final[str]
    title: Final[str]
    cards: Final[tuple[Card, ...]]
    description: Final[str]
    audience: Final[Audience]
    stages: Final[frozenset[Stage]]
    language: Final[str]
    source: Final[Path | None]
    """The file the deck was read from; None for decks built in code."""
    builtin: Final[bool]
    optional: Final[bool]
    """Off until the players switch it on (a deck for a situation only some tables are in)."""
    note: Final[str]
    """Said when the players switch the deck on: what it is for, and what it is not for."""
    share: Final[int | None]
    """At most this percent of a session's questions come from this deck (None: no limit)."""

    def __init__(
        self,
        id: str,
        title: str,
        cards: tuple[Card, ...],
        description: str = "",
        audience: Audience = Audience.ANYONE,
        stages: frozenset[Stage] = ALL_STAGES,
        language: str = "en",
        source: Path | None = None,
        builtin: bool = False,
        optional: bool = False,
        note: str = "",
        share: int | None = None,
    ) -> None:
        self.id = id
        self.title = title
        self.cards = cards
        self.description = description
        self.audience = audience
        self.stages = stages
        self.language = language
        self.source = source
        self.builtin = builtin
        self.optional = optional
        self.note = note
        self.share = share
