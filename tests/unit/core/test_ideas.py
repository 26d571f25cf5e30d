"""Ideas, shares, touch and a card's own tip: what the dealer keeps to in every session."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from closeness_cards.core.cards import Card, Deck, Depth, Kind, Stage
from closeness_cards.core.game import (
    DepthPlan,
    Options,
    Shape,
    eligible,
    freshest_first,
    plan_deal,
    seen_ideas,
)
from closeness_cards.core.library import Library, load_library
from closeness_cards.core.plan import (
    deal_document,
    dump_plan,
    options_document,
    options_from,
    resume,
)
from closeness_cards.core.session import Session
from support import make_cards

AT = datetime(2026, 3, 1, 20, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return AT


def twins(per_depth: int = 6) -> list[Card]:
    """Questions in pairs of one idea: "a" and "b" of each pair ask the same thing."""
    return [
        Card("t", f"{side}{d}-{n}", f"Twin {n} at {d}, side {side}?", Depth(d), idea=f"i-{d}-{n}")
        for d in (1, 2, 3)
        for n in range(per_depth)
        for side in "ab"
    ]


def options(seed: int = 0, **changes: Any) -> Options:
    base = Options(("Ana", "Ben"), Stage.DATING, Shape.STANDARD, DepthPlan.RISE, seed=seed)
    return base.replace(**changes)


def ideas_of(cards: list[Card]) -> list[str]:
    return [card.idea_key for card in cards]


@pytest.mark.parametrize("shape", list(Shape))
def test_a_session_never_deals_two_cards_of_one_idea(shape: Shape) -> None:
    cards = twins() + make_cards(0, actions=4, closings=2, tips=3)
    for seed in range(40):
        deal = plan_deal(cards, options(seed, shape=shape))
        dealt = ideas_of([step.card for step in deal.steps])
        assert len(dealt) == len(set(dealt))
        assert not set(dealt) & set(ideas_of(list(deal.reserve)))
        assert len([s for s in deal.steps if s.card.kind is Kind.QUESTION]) > 0


def test_a_passed_card_is_never_replaced_by_one_of_an_idea_already_dealt() -> None:
    # Twin pairs and single cards: whatever the reserve holds, no pass brings an idea back.
    cards = twins(3) + make_cards(4, actions=0, closings=1, tips=0)
    for seed in range(30):
        deal = plan_deal(cards, options(seed, passes=99, wildcards=False))
        session = Session(deal, clock)
        while not session.finished and session.can_pass():
            session.pass_card()
        dealt = ideas_of([step.card for step in session.steps])
        assert len(dealt) == len(set(dealt)), dealt


def test_a_card_whose_idea_was_asked_is_not_fresh() -> None:
    a, b, c = (
        Card("t", "a", "First words of one idea?", Depth.WARM_UP, idea="same"),
        Card("u", "b", "Other words of one idea?", Depth.WARM_UP, idea="same"),
        Card("t", "c", "A question of its own?", Depth.WARM_UP),
    )
    seen = seen_ideas([a, b, c], {"t/a": AT})
    assert seen == {"idea:same": AT}
    import random

    for seed in range(10):
        assert freshest_first([b, c], seen, random.Random(seed)) == [c, b]


def test_of_two_seen_cards_of_an_idea_the_latest_asking_counts() -> None:
    a = Card("t", "a", "First words of one idea?", Depth.WARM_UP, idea="same")
    b = Card("u", "b", "Other words of one idea?", Depth.WARM_UP, idea="same")
    later = AT + timedelta(days=7)
    assert seen_ideas([a, b], {"t/a": later, "u/b": AT, "gone/x": AT}) == {
        "idea:same": later,
        "gone/x": AT,
    }


def shared_cards() -> list[Card]:
    mine = make_cards(20, deck="mine", actions=0, closings=1, tips=0)
    theirs = make_cards(20, deck="ky", actions=0, closings=0, tips=0)
    return mine + theirs


@pytest.mark.parametrize(
    ("shape", "most"), [(Shape.QUICK, 1), (Shape.STANDARD, 2), (Shape.THREE_SETS, 7)]
)
def test_a_deck_with_a_share_gives_at_most_that_share_of_a_session(shape: Shape, most: int) -> None:
    for seed in range(30):
        deal = plan_deal(shared_cards(), options(seed, shape=shape), shares={"ky": 20})
        from_share = [
            s for s in deal.steps if s.card.deck_id == "ky" and s.card.kind is Kind.QUESTION
        ]
        assert len(from_share) <= most
    unlimited = [
        s
        for seed in range(30)
        for s in plan_deal(shared_cards(), options(seed, shape=shape)).steps
        if s.card.deck_id == "ky"
    ]
    assert len(unlimited) > 30 * most  # without the share, half the questions come from it


def test_a_share_gives_way_when_no_other_deck_has_a_card_left() -> None:
    only = make_cards(20, deck="ky", actions=0, closings=1, tips=0)
    deal = plan_deal(only, options(1), shares={"ky": 20})
    assert len([s for s in deal.steps if s.card.kind is Kind.QUESTION]) == 12


def touchy() -> list[Card]:
    hugs = [
        Card("w", f"hug-{n}", f"Share hug number {n}.", Depth.WARM_UP, Kind.ACTION, touch=True)
        for n in range(20)
    ]
    return make_cards(20, actions=0, closings=1, tips=2) + hugs


def test_touch_cards_are_dealt_only_when_touch_is_on() -> None:
    off = [step.card for seed in range(40) for step in plan_deal(touchy(), options(seed)).steps]
    assert not any(card.touch for card in off)
    assert not any(card.touch for card in eligible(touchy(), options()))
    on = [
        s.card for seed in range(40) for s in plan_deal(touchy(), options(seed, touch=True)).steps
    ]
    assert any(card.touch for card in on)


def test_a_card_with_its_own_tip_shows_it_and_leaves_the_dealt_tips_to_the_others() -> None:
    cards = make_cards(6, actions=0, closings=1, tips=3)
    own = "Don't defend or explain. Just thank them."
    cards = [c.replace(tip=own) if c.id.endswith("-0") else c for c in cards]
    deal = plan_deal(cards, options(3, shape=Shape.QUICK))
    for step in deal.steps:
        if step.card.tip is not None:
            assert (step.listening_tip, step.tip) == (own, None)
        elif step.card.kind is Kind.QUESTION and step.tip is not None:
            assert step.listening_tip == step.tip.text
    steps = deal_document(deal)["steps"]
    assert any(step.get("tip") == own for step in steps)


def test_touch_is_part_of_the_saved_options_and_old_plans_read_as_off() -> None:
    chosen = options(5, touch=True)
    assert options_from(options_document(chosen)) == chosen
    old = options_document(chosen)
    del old["touch"]
    assert options_from(old).touch is False


def test_a_resumed_session_keeps_its_ideas_apart() -> None:
    cards = twins(3) + make_cards(2, actions=0, closings=1, tips=0)
    decks = [
        Deck(name, name, tuple(c for c in cards if c.deck_id == name)) for name in ("t", "test")
    ]
    library = Library(tuple(decks))
    session = Session(plan_deal(cards, options(2, passes=99, wildcards=False)), clock)
    again = resume(dump_plan(session), 0, library, clock)
    while not again.finished and again.can_pass():
        again.pass_card()
    dealt = ideas_of([step.card for step in again.steps])
    assert len(dealt) == len(set(dealt))


def test_the_builtin_library_keeps_knowing_yourself_to_a_fifth() -> None:
    library = load_library()
    assert library.shares.get("knowing-yourself") == 20
    dealt = [plan_deal(library.cards, options(seed), shares=library.shares) for seed in range(50)]
    counts = [
        sum(
            1
            for s in deal.steps
            if s.card.deck_id == "knowing-yourself" and s.card.kind is Kind.QUESTION
        )
        for deal in dealt
    ]
    assert max(counts) <= 2


def themed(per_depth: int = 12) -> list[Card]:
    """Questions where half are about money and the rest spread over eight other themes."""
    others = ("work", "play", "roots", "health", "memories", "loss", "dreams", "trust")
    return [
        Card("t", f"q{d}-{n}", f"Question {n} at depth {d}?", Depth(d),
             theme="money" if n % 2 else others[n // 2 % len(others)])
        for d in (1, 2, 3)
        for n in range(per_depth)
    ] + make_cards(0, actions=0, closings=1, tips=0)  # fmt: skip


@pytest.mark.parametrize("stage", list(Stage))
def test_a_theme_comes_at_most_twice_in_twelve_cards_and_never_twice_in_a_row(
    stage: Stage,
) -> None:
    library = load_library()
    library = library.without(deck.id for deck in library.decks if deck.optional)
    players = (
        ("Ana", "Ben", "Cy") if stage in (Stage.FRIENDS, Stage.FAMILY_KIDS) else ("Ana", "Ben")
    )
    for seed in range(60):
        chosen = Options(players, stage, Shape.STANDARD, seed=seed)
        deal = plan_deal(library.cards, chosen, shares=library.shares)
        themes = [s.card.theme for s in deal.steps if s.card.kind is Kind.QUESTION]
        assert max(themes.count(theme) for theme in set(themes)) <= 2, themes
        assert all(a != b for a, b in itertools.pairwise(themes)), themes


def test_without_spreading_the_same_decks_repeat_themes() -> None:
    # What the rule above is worth: the same deals, dealt with no look-ahead, repeat themes.
    from closeness_cards.core import limits

    library = load_library()
    repeats = 0
    original = limits.LOOK_AHEAD
    try:
        limits.LOOK_AHEAD = 1
        for seed in range(60):
            chosen = Options(("Ana", "Ben"), Stage.COMMITTED, Shape.STANDARD, seed=seed)
            themes = [
                s.card.theme
                for s in plan_deal(library.cards, chosen, shares=library.shares).steps
                if s.card.kind is Kind.QUESTION
            ]
            repeats += any(a == b for a, b in itertools.pairwise(themes))
    finally:
        limits.LOOK_AHEAD = original
    assert repeats > 5


def test_spreading_themes_never_deals_a_seen_card_before_a_fresh_one() -> None:
    cards = themed()
    seen = {card.global_id: AT for card in cards if card.theme != "money"}
    deal = plan_deal(cards, options(1, wildcards=False), seen=seen)
    dealt = [s.card for s in deal.steps if s.card.kind is Kind.QUESTION]
    # Only the money cards are fresh: freshness wins over spreading the themes.
    assert all(card.theme == "money" for card in dealt), [c.theme for c in dealt]
