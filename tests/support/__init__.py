"""What many tests share: the repository's folders and cards built in code."""

from __future__ import annotations

from pathlib import Path

from closeness_cards.core.cards import ALL_STAGES, Card, Depth, Kind, Stage

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"


def make_cards(
    per_depth: int = 10,
    *,
    stages: frozenset[Stage] = ALL_STAGES,
    deck: str = "test",
    actions: int = 6,
    closings: int = 2,
    tips: int = 5,
) -> list[Card]:
    """A deck's worth of cards built in code: questions at every depth, and the other kinds."""
    cards = [
        Card(
            deck,
            f"q{int(depth)}-{n}",
            f"Question {n} at depth {int(depth)}, tell a story?",
            depth,
            stages=stages,
            follow_up=f"Deeper prompt for question {n}?",
        )
        for depth in Depth
        for n in range(per_depth)
    ]
    cards += [
        Card(
            deck,
            f"a-{n}",
            f"Do thing number {n} together.",
            Depth.WARM_UP,
            Kind.ACTION,
            stages=stages,
        )
        for n in range(actions)
    ]
    cards += [
        Card(
            deck,
            f"c-{n}",
            f"Closing ritual number {n}.",
            Depth.WARM_UP,
            Kind.CLOSING,
            stages=stages,
        )
        for n in range(closings)
    ]
    cards += [
        Card(deck, f"t-{n}", f"Listening tip number {n}.", Depth.WARM_UP, Kind.TIP, stages=stages)
        for n in range(tips)
    ]
    return cards
