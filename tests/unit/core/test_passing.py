"""Passing: anything but the closing card, wildcards included, with a fitting replacement."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest

from closeness_cards.core.cards import Card, Deck, Depth, Kind, Stage
from closeness_cards.core.game import Deal, DepthPlan, Options, Shape, plan_deal
from closeness_cards.core.library import Library
from closeness_cards.core.plan import dump_plan, load_plan, resume
from closeness_cards.core.session import Outcome, Session
from support import make_cards


def clock() -> datetime:
    return datetime(2026, 3, 1, 20, 0, tzinfo=timezone.utc) + timedelta(seconds=1)


def wildcards(depth: Depth, count: int, prefix: str = "a") -> list[Card]:
    return [
        Card(
            "t", f"{prefix}{int(depth)}-{n}", f"Do thing {n} together, please.", depth, Kind.ACTION
        )
        for n in range(count)
    ]


def at_first_wildcard(deal: Deal) -> Session:
    session = Session(deal, clock)
    while session.current is not None and not session.current.together:
        session.done()
    return session


def first_wildcard_deal(cards: list[Card], **changes: object) -> Deal:
    """The first seed's deal that has a wildcard."""
    base: dict[str, object] = {"players": ("Ana", "Ben"), "stage": Stage.DATING}
    base.update(changes)
    for seed in range(100):
        deal = plan_deal(cards, Options(**base, seed=seed))  # type: ignore[arg-type]
        if any(s.together for s in deal.steps):
            return deal
    raise AssertionError("no seed deals a wildcard")


def test_the_reserve_keeps_spare_wildcards_after_the_questions() -> None:
    deal = first_wildcard_deal(make_cards(10, actions=8), shape=Shape.STANDARD)
    dealt = {s.card for s in deal.steps}
    spare = [c for c in deal.reserve if c.kind is Kind.ACTION]
    assert len(spare) == 8 - sum(1 for c in dealt if c.kind is Kind.ACTION)
    assert not dealt & set(deal.reserve)
    kinds = [c.kind for c in deal.reserve]
    assert kinds == sorted(kinds, key=lambda k: k is Kind.ACTION), "questions first"
    off = plan_deal(make_cards(10, actions=8), Options(("A", "B"), Stage.DATING, wildcards=False))
    assert all(c.kind is Kind.QUESTION for c in off.reserve)


def test_the_reader_passes_a_wildcard_and_gets_another() -> None:
    deal = first_wildcard_deal(make_cards(10, actions=8), shape=Shape.STANDARD)
    session = at_first_wildcard(deal)
    step = session.current
    assert step is not None and step.together
    assert session.passer == step.reader and session.can_pass()
    play = session.pass_card()
    assert play is not None and play.outcome is Outcome.PASSED and play.step == step
    now = session.current
    assert now is not None and now.together and now.card != step.card
    assert now.reader == step.reader
    assert session.passes_left[step.reader] == 2
    assert session.passes_left[step.answerers[0]] == 3


def test_a_spare_wildcard_deeper_than_the_slot_is_not_dealt() -> None:
    cards = make_cards(20, actions=0) + wildcards(Depth.WARM_UP, 1) + wildcards(Depth.DEEP, 9)
    deal = first_wildcard_deal(cards, shape=Shape.STANDARD, depth=DepthPlan.TWO)
    session = at_first_wildcard(deal)
    step = session.current
    assert step is not None and step.target is Depth.OPEN_UP
    assert any(c.kind is Kind.ACTION for c in session.reserve), "deep spare wildcards"
    session.pass_card()
    now = session.current
    assert now is not None and now.card.kind is Kind.QUESTION
    assert now.card.depth is Depth.OPEN_UP, "never deeper than the passed wildcard's slot"


def test_a_wildcard_without_a_fitting_spare_becomes_a_question_at_the_slot_depth() -> None:
    cards = make_cards(10, actions=0) + wildcards(Depth.WARM_UP, 1)
    deal = first_wildcard_deal(cards, shape=Shape.STANDARD)
    session = at_first_wildcard(deal)
    step = session.current
    assert step is not None and step.target is not None
    session.hide_card()
    now = session.current
    assert now is not None and now.card.kind is Kind.QUESTION
    assert now.card.depth == step.target
    assert now.reader == step.reader, "the question goes to whose turn it was"
    rest = [s.reader for s in session.steps if s.card.kind is Kind.QUESTION]
    assert all(a != b for a, b in itertools.pairwise(rest)), "no one reads two questions in a row"


def test_a_gentle_session_never_passes_into_a_deep_card() -> None:
    cards = make_cards(3, actions=0) + [
        Card("t", f"deep-{n}", f"Deep question number {n}?", Depth.DEEP) for n in range(9)
    ]
    deal = plan_deal(cards, Options(("A", "B"), Stage.DATING, Shape.QUICK, DepthPlan.GENTLE))
    session = Session(deal, clock)
    while session.current is not None and not session.is_closing:
        session.hide_card()
        assert session.current is not None
        assert session.current.card.depth <= Depth.OPEN_UP


def test_spare_wildcards_and_targets_survive_a_saved_plan() -> None:
    cards = make_cards(10, actions=8)
    library = Library((Deck("test", "Test", tuple(cards)),))
    deal = first_wildcard_deal(list(library.cards), shape=Shape.STANDARD)
    session = at_first_wildcard(deal)
    session.pass_card()
    loaded, _ = load_plan(dump_plan(session), library)
    assert loaded.reserve == tuple(session.reserve)
    assert any(c.kind is Kind.ACTION for c in loaded.reserve)
    assert [s.target for s in loaded.steps] == [s.target for s in session.steps]
    again = resume(dump_plan(session), session.position, library, clock)
    assert again.pass_card() is not None
    assert again.current is not None and again.current.together


@pytest.mark.parametrize("outcome", [Outcome.PASSED, Outcome.HIDDEN])
@pytest.mark.parametrize("card", range(12))
def test_an_empty_reserve_drops_the_slot_and_keeps_the_readers_taking_turns(
    outcome: Outcome, card: int
) -> None:
    options = Options(("Ana", "Ben"), Stage.DATING, Shape.STANDARD, seed=card, wildcards=False)
    deal = plan_deal(make_cards(4, actions=0), options)
    assert deal.reserve == (), "every question is in the deal"
    session = Session(deal, clock)
    for _ in range(card):
        session.done()
    play = session.pass_card() if outcome is Outcome.PASSED else session.hide_card()
    assert play is not None and play.outcome is outcome
    while session.current is not None and not session.is_closing:
        session.done()
    asked = [p.step for p in session.plays if p.outcome is Outcome.ANSWERED]
    assert len(asked) == 11
    readers = [step.reader for step in asked]
    assert all(a != b for a, b in itertools.pairwise(readers)), "nobody reads twice in a row"
    answers = [step.answerers[0] for step in asked]
    assert abs(answers.count("Ana") - answers.count("Ben")) <= 1
