"""Turns: the reader moves on with each question, so partners answer as many questions each."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_cards.core.cards import Card, Kind, Stage
from closeness_cards.core.game import Deal, DepthPlan, Options, Shape, Step, plan_deal
from closeness_cards.core.session import Outcome, Session
from support import make_cards


def clock() -> datetime:
    return datetime(2026, 3, 1, 20, 0, tzinfo=timezone.utc)


def answered(steps: tuple[Step, ...]) -> Counter[str]:
    """How many questions each player is asked: the answerer, who answers first.

    On a card everyone answers (`both`) the others answer too; those extra answers are not
    counted, as readers alternate on every question.
    """
    return Counter(s.answerers[0] for s in steps if s.card.kind is Kind.QUESTION)


def some_for_everyone(cards: list[Card]) -> list[Card]:
    """The cards, with some questions marked for everyone to answer (`both`)."""
    return [c.replace(both=c.kind is Kind.QUESTION and c.id.endswith(("-0", "-3"))) for c in cards]


def question_readers(steps: tuple[Step, ...]) -> list[str]:
    return [s.reader for s in steps if s.card.kind is Kind.QUESTION]


def test_partners_answer_as_many_questions_each_whatever_the_wildcards() -> None:
    uneven = []
    for seed in range(200):
        options = Options(("Ana", "Ben"), Stage.DATING, Shape.STANDARD, seed=seed)
        deal = plan_deal(make_cards(10, actions=20), options)
        counts = answered(deal.steps)
        if abs(counts["Ana"] - counts["Ben"]) > 1:
            uneven.append((seed, dict(counts)))
    assert uneven == []


def test_a_wildcard_goes_to_the_reader_of_the_next_question() -> None:
    deals = [
        plan_deal(make_cards(10, actions=20), Options(("Ana", "Ben"), Stage.DATING, seed=seed))
        for seed in range(40)
    ]
    pairs = [
        (step, after)
        for deal in deals
        for step, after in itertools.pairwise(deal.steps)
        if step.together and after.card.kind is Kind.QUESTION
    ]
    assert pairs, "some deals have a wildcard"
    assert all(step.reader == after.reader for step, after in pairs)


def check_turns(deal: Deal) -> None:
    """Readers move on with each question; the next player answers; partners stay even."""
    players = deal.options.players
    readers = question_readers(deal.steps)
    assert readers == [players[q % len(players)] for q in range(len(readers))]
    for step in deal.steps:
        assert step.answerers[0] == players[(players.index(step.reader) + 1) % len(players)]
    counts = [answered(deal.steps)[name] for name in players]
    assert len(players) > 2 or max(counts) - min(counts) <= 1, (
        "two partners answer as many questions each (one more when the count is odd)"
    )


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    shape=st.sampled_from(list(Shape)),
    plan=st.sampled_from(list(DepthPlan)),
    per_depth=st.integers(1, 15),
    actions=st.integers(0, 30),
    players=st.integers(2, 5),
    both=st.booleans(),
)
def test_turns_follow_the_questions(
    seed: int, shape: Shape, plan: DepthPlan, per_depth: int, actions: int, players: int, both: bool
) -> None:
    names = tuple(f"P{n}" for n in range(players))
    cards = make_cards(per_depth, actions=actions)
    cards = some_for_everyone(cards) if both else cards
    check_turns(plan_deal(cards, Options(names, Stage.DATING, shape, plan, seed)))


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    shape=st.sampled_from([Shape.QUICK, Shape.STANDARD, Shape.THREE_SETS]),
    per_depth=st.integers(1, 14),
    actions=st.integers(0, 8),
    moves=st.lists(st.sampled_from(["done", "pass", "hide"]), max_size=60),
)
def test_passes_and_hides_keep_partners_taking_turns(
    seed: int, shape: Shape, per_depth: int, actions: int, moves: list[str]
) -> None:
    options = Options(("Ana", "Ben"), Stage.DATING, shape, seed=seed, passes=99)
    session = Session(plan_deal(make_cards(per_depth, actions=actions), options), clock)
    for move in [*moves, *["done"] * 40]:
        if session.current is None or session.is_closing:
            break
        {"done": session.done, "pass": session.pass_card, "hide": session.hide_card}[move]()
    asked = [
        p.step
        for p in session.plays
        if p.outcome is Outcome.ANSWERED and p.step.card.kind is Kind.QUESTION
    ]
    readers = [step.reader for step in asked]
    assert all(a != b for a, b in itertools.pairwise(readers)), "nobody reads twice in a row"
    answers = Counter(step.answerers[0] for step in asked)
    assert abs(answers["Ana"] - answers["Ben"]) <= 1
