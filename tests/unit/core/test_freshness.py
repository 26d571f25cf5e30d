"""Freshness over many weeks: a couple playing weekly meets new questions as long as it can."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from closeness_cards.core.cards import Kind, Stage
from closeness_cards.core.game import Options, Shape, eligible, plan_deal
from closeness_cards.core.library import Library, switched_off

START = datetime(2026, 1, 4, 20, 0, tzinfo=timezone.utc)
COUPLES = (
    Stage.DATING,
    Stage.EARLY,
    Stage.COMMITTED,
    Stage.LONG_TERM,
    Stage.PARENTHOOD,
    Stage.LATER_LIFE,
)
FIRST_REPEAT = 20
"""A couple playing a standard session every week meets no question twice before this week."""


def weeks_until_a_repeat(library: Library, stage: Stage, *, fresh: bool) -> tuple[int, int]:
    """Weeks of standard sessions before a question comes back, and the eligible questions.

    A question comes back when its idea does: two cards that ask the same thing in other
    words are one question to the players.
    """
    options = Options(("Ana", "Ben"), stage, Shape.STANDARD, seed=0)
    pool = {c.idea_key for c in eligible(library.cards, options) if c.kind is Kind.QUESTION}
    seen: dict[str, datetime] = {}
    asked_ideas: set[str] = set()
    for week in range(1, 200):
        deal = plan_deal(
            library.cards,
            Options(("Ana", "Ben"), stage, Shape.STANDARD, seed=week),
            seen=seen if fresh else {},
            shares=library.shares,
        )
        asked = [s.card for s in deal.steps if s.card.kind is Kind.QUESTION]
        if any(card.idea_key in asked_ideas for card in asked):
            return week, len(pool)
        for card in asked:
            seen[card.global_id] = START + timedelta(weeks=week)
            asked_ideas.add(card.idea_key)
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
    if stage in COUPLES:
        assert weeks >= FIRST_REPEAT
    blind, _ = weeks_until_a_repeat(builtin_decks, stage, fresh=False)
    assert weeks > blind


@pytest.fixture(scope="module")
def builtin_decks() -> Library:
    from closeness_cards.core.library import load_library

    library = load_library()
    return library.without(switched_off(library.decks, {}))  # as a fresh install deals
