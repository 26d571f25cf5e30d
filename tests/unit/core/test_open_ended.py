"""Open-ended sessions: they rise over a first set like standard, then stay at open up and deep."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_cards.core.cards import Card, Depth, Kind, Stage
from closeness_cards.core.game import SET_SIZE, DepthPlan, Options, Shape, plan_deal, target_depths
from support import make_cards


def open_deal(cards: list[Card], plan: DepthPlan = DepthPlan.RISE, seed: int = 1) -> list[int]:
    """The depths of the question slots of an open-ended deal without wildcards."""
    options = Options(("Ana", "Ben"), Stage.DATING, Shape.OPEN, plan, seed, wildcards=False)
    deal = plan_deal(cards, options)
    return [int(s.card.depth) for s in deal.steps if s.card.kind is Kind.QUESTION]


def uneven(warm: int, open_up: int, deep: int) -> list[Card]:
    """Questions in the given numbers per depth, and a closing card."""
    counts = {Depth.WARM_UP: warm, Depth.OPEN_UP: open_up, Depth.DEEP: deep}
    cards = [
        Card("t", f"q{int(d)}-{n}", f"Question {n} at depth {int(d)}?", d)
        for d, count in counts.items()
        for n in range(count)
    ]
    return [*cards, Card("t", "c", "A closing ritual.", Depth.WARM_UP, Kind.CLOSING)]


def test_rise_targets_the_standard_first_set_then_mixes_open_up_and_deep() -> None:
    first = [1] * 4 + [2] * 4 + [3] * 4
    assert target_depths(DepthPlan.RISE, 20, open_ended=True) == first + [2, 3] * 4


def test_gentle_targets_six_warm_ups_six_open_ups_then_open_up() -> None:
    assert target_depths(DepthPlan.GENTLE, 20, open_ended=True) == [1] * 6 + [2] * 14


def test_a_rising_open_session_never_goes_back_to_warm_up() -> None:
    depths = open_deal(make_cards(20, actions=0))
    assert depths[:SET_SIZE] == [1] * 4 + [2] * 4 + [3] * 4
    assert set(depths[SET_SIZE:]) == {2, 3}
    assert len(depths) == SET_SIZE + 2 * 16, "every open-up and deep card, no more warm-ups"


def test_many_warm_ups_are_not_dragged_past_the_first_set() -> None:
    depths = open_deal(uneven(warm=30, open_up=6, deep=3))
    assert depths[:SET_SIZE] == sorted(depths[:SET_SIZE]), "the first set still rises"
    assert depths.count(1) <= 5
    assert 1 not in depths[SET_SIZE:]


def test_a_gentle_open_session_stays_at_open_up_and_never_goes_deep() -> None:
    depths = open_deal(uneven(warm=20, open_up=8, deep=20), DepthPlan.GENTLE)
    assert depths[:6] == [1] * 6
    assert depths[6:] == [2] * 8, "open up ran out: the session ends there"


@settings(max_examples=80, deadline=None)
@given(
    warm=st.integers(0, 30),
    open_up=st.integers(0, 30),
    deep=st.integers(0, 30),
    plan=st.sampled_from([DepthPlan.RISE, DepthPlan.GENTLE]),
    seed=st.integers(0, 2**31),
)
def test_open_sessions_rise_over_the_first_set_only(
    warm: int, open_up: int, deep: int, plan: DepthPlan, seed: int
) -> None:
    cards = uneven(warm + 1, open_up, deep)
    depths = open_deal(cards, plan, seed)
    assert depths[:SET_SIZE] == sorted(depths[:SET_SIZE])
    assert 1 not in depths[SET_SIZE:], "never back to warm-up"
    assert max(depths) <= (2 if plan is DepthPlan.GENTLE else 3), "never past the ceiling"
