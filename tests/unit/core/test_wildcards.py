"""Wildcards: never deeper than their slot, never early, never after a pause, never in a row."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_cards.core.cards import Card, Depth, Kind, Stage
from closeness_cards.core.game import Deal, DepthPlan, Options, Shape, plan_deal, target_depths
from support import make_cards


def deep_wildcards(count: int = 10) -> list[Card]:
    """Questions at every depth and wildcards at every depth, deep ones among them."""
    actions = [
        Card("w", f"a{int(d)}-{n}", f"Do thing {n} at depth {int(d)} together.", d, Kind.ACTION)
        for d in Depth
        for n in range(count)
    ]
    return make_cards(20, actions=0) + actions


def deal(shape: Shape, plan: DepthPlan, seed: int) -> Deal:
    return plan_deal(deep_wildcards(), Options(("Ana", "Ben"), Stage.DATING, shape, plan, seed))


def wildcard_slots(dealt: Deal) -> list[int]:
    return [i for i, s in enumerate(dealt.steps) if s.card.kind is Kind.ACTION]


def test_gentle_never_deals_a_deep_wildcard() -> None:
    depths = {
        step.card.depth
        for seed in range(30)
        for step in deal(Shape.THREE_SETS, DepthPlan.GENTLE, seed).steps
    }
    assert Depth.DEEP not in depths


def test_a_fixed_depth_deals_no_deeper_wildcard() -> None:
    for plan, depth in [(DepthPlan.ONE, 1), (DepthPlan.TWO, 2)]:
        wildcards = [s.card for seed in range(30) for s in deal(Shape.THREE_SETS, plan, seed).steps]
        assert max(c.depth for c in wildcards if c.kind is Kind.ACTION) <= depth


def test_no_wildcard_among_the_first_two_cards_or_first_after_a_pause() -> None:
    taken = {
        i
        for seed in range(60)
        for i in wildcard_slots(deal(Shape.THREE_SETS, DepthPlan.RISE, seed))
    }
    assert taken, "wildcards are dealt at all"
    assert not taken & {0, 1, 12, 24}


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    shape=st.sampled_from(list(Shape)),
    plan=st.sampled_from(list(DepthPlan)),
)
def test_wildcards_fit_their_slot(seed: int, shape: Shape, plan: DepthPlan) -> None:
    dealt = deal(shape, plan, seed)
    played = dealt.steps[:-1]
    targets = target_depths(plan, shape.card_count or len(played), open_ended=shape is Shape.OPEN)
    for index in wildcard_slots(dealt):
        assert dealt.steps[index].card.depth <= targets[index], "never deeper than its slot"
        assert index not in (0, 1)
    assert shape is not Shape.THREE_SETS or not {12, 24} & set(wildcard_slots(dealt))
    kinds = [s.card.kind for s in played]
    assert all(not (a is b is Kind.ACTION) for a, b in itertools.pairwise(kinds))
