"""What a whole session amounted to, counted from every card that left the table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from closeness_cards.core.cards import Depth, Kind


@dataclass(frozen=True)
class Left:
    """One card that left the table: what it was and how it left."""

    kind: Kind
    depth: Depth
    outcome: str
    """``answered``, ``passed`` or ``hidden``."""


@dataclass(frozen=True)
class WholeSummary:
    """A session's summary across every resume: what the players did together."""

    questions_by_depth: dict[Depth, int]
    """Questions answered, by depth."""
    questions: int
    wildcards: int
    """Wildcards done together."""
    closing: bool
    """Whether the closing card was done."""
    passed: int
    hidden: int
    seconds: float
    """Time together: only while the game was open."""
    finished: bool
    """Played to its end (an open-ended session stopped with q counts as finished)."""


def summarize(left: Iterable[Left], *, seconds: float, finished: bool) -> WholeSummary:
    """Count a session's cards: questions, wildcards and the closing card apart."""
    cards = list(left)
    answered = [card for card in cards if card.outcome == "answered"]
    by_depth = Counter(card.depth for card in answered if card.kind is Kind.QUESTION)
    return WholeSummary(
        questions_by_depth={depth: by_depth.get(depth, 0) for depth in Depth},
        questions=sum(by_depth.values()),
        wildcards=sum(1 for card in answered if card.kind is Kind.ACTION),
        closing=any(card.kind is Kind.CLOSING for card in answered),
        passed=sum(1 for card in cards if card.outcome == "passed"),
        hidden=sum(1 for card in cards if card.outcome == "hidden"),
        seconds=max(0.0, seconds),
        finished=finished,
    )
