"""Freshness over many weeks: a couple playing weekly meets new questions as long as it can."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from closeness_cards.core.cards import Kind, Stage
from closeness_cards.core.game import Options, Shape, eligible, plan_deal
from closeness_cards.core.library import Library

START = datetime(2026, 1, 4, 20, 0, tzinfo=timezone.utc)


def weeks_until_a_repeat(library: Library, stage: Stage, *, fresh: bool) -> tuple[int, int]:
    """Weeks of standard sessions before a question comes back, and the eligible questions."""
    options = Options(("Ana", "Ben"), stage, Shape.STANDARD, seed=0)
    pool = [c for c in eligible(library.cards, options) if c.kind is Kind.QUESTION]
    seen: dict[str, datetime] = {}
    for week in range(1, 200):
        deal = plan_deal(
            library.cards,
            Options(("Ana", "Ben"), stage, Shape.STANDARD, seed=week),
            seen=seen if fresh else {},
        )
        asked = [s.card.global_id for s in deal.steps if s.card.kind is Kind.QUESTION]
        if any(card in seen for card in asked):
            return week, len(pool)
        for card in asked:
            seen[card] = START + timedelta(weeks=week)
    return 200, len(pool)


@pytest.mark.parametrize("stage", list(Stage))
def test_weekly_players_meet_new_questions_for_as_long_as_the_decks_allow(
    stage: Stage, builtin_decks: Library
) -> None:
    weeks, questions = weeks_until_a_repeat(builtin_decks, stage, fresh=True)
    # A rising session asks 4 questions at each depth (fewer with wildcards in the deal), so the
    # smallest depth sets the limit; overall it should be close to questions / 12.
    print(
        f"{stage.value}: first repeat in week {weeks}; {questions} questions / 12 = "
        f"{questions / 12:.1f}"
    )
    assert weeks >= 0.9 * (questions / 12)
    blind, _ = weeks_until_a_repeat(builtin_decks, stage, fresh=False)
    assert weeks > blind


@pytest.fixture(scope="module")
def builtin_decks() -> Library:
    from closeness_cards.core.library import load_library

    return load_library()
