"""The dealer: shapes, depth plans, turns, freshness, fallbacks and wildcards."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_cards.core.cards import Card, Depth, Kind, Stage
from closeness_cards.core.game import (
    SET_SIZE,
    DepthPlan,
    GameError,
    Options,
    Problem,
    Shape,
    check_players,
    plan_deal,
    target_depths,
    turn_order,
)
from support import make_cards

PLAYERS = ("Ana", "Ben")


def options(**changes: object) -> Options:
    base: dict[str, object] = {"players": PLAYERS, "stage": Stage.DATING, "seed": 1}
    base.update(changes)
    return Options(**base)  # type: ignore[arg-type]


def questions(deal_steps: object) -> list[Card]:
    return [s.card for s in deal_steps if s.card.kind is Kind.QUESTION]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("shape", "count"), [(Shape.QUICK, 6), (Shape.STANDARD, 12), (Shape.THREE_SETS, 36)]
)
def test_shapes_deal_their_count_then_one_closing_card(shape: Shape, count: int) -> None:
    deal = plan_deal(make_cards(20), options(shape=shape))
    assert len(deal.steps) == count + 1
    assert deal.steps[-1].card.kind is Kind.CLOSING
    assert all(s.card.kind is not Kind.CLOSING for s in deal.steps[:-1])


def test_rise_spends_a_third_at_each_depth() -> None:
    assert target_depths(DepthPlan.RISE, 12) == [Depth(1)] * 4 + [Depth(2)] * 4 + [Depth(3)] * 4
    assert target_depths(DepthPlan.RISE, 36)[11:13] == [Depth(1), Depth(2)]


def test_gentle_never_goes_past_two_and_fixed_stays() -> None:
    assert max(target_depths(DepthPlan.GENTLE, 36)) == 2
    assert set(target_depths(DepthPlan.THREE, 6)) == {Depth(3)}


def test_two_players_alternate_reading_and_the_other_answers() -> None:
    deal = plan_deal(make_cards(), options(shape=Shape.STANDARD, wildcards=False))
    for index, step in enumerate(deal.steps[:-1]):
        assert step.reader == PLAYERS[index % 2]
        assert step.answerers == (PLAYERS[(index + 1) % 2],)


def test_groups_rotate_the_reader_and_the_next_player_answers() -> None:
    players = ("A", "B", "C", "D")
    assert turn_order(players, 0, everyone=False) == ("A", ("B",))
    assert turn_order(players, 3, everyone=False) == ("D", ("A",))
    assert turn_order(players, 1, everyone=True) == ("B", ("C", "D", "A", "B"))


def test_the_stage_filter_holds() -> None:
    dating = make_cards(8, stages=frozenset({Stage.DATING}), deck="d")
    family = make_cards(8, stages=frozenset({Stage.FAMILY}), deck="f")
    deal = plan_deal(dating + family, options(stage=Stage.FAMILY, shape=Shape.STANDARD))
    assert {s.card.deck_id for s in deal.steps} == {"f"}


def test_mature_cards_only_when_enabled() -> None:
    cards = [
        Card("m", f"m{n}", f"Mature question {n} here?", Depth(d), mature=True)
        for n in range(10)
        for d in (1, 2, 3)
    ] + make_cards(2)
    off = plan_deal(cards, options(shape=Shape.STANDARD))
    assert not any(s.card.mature for s in off.steps)
    on = plan_deal(cards, options(shape=Shape.STANDARD, mature=True))
    assert any(s.card.mature for s in on.steps)


def test_hidden_cards_are_never_dealt() -> None:
    cards = make_cards(3, actions=0)
    hidden = {c.global_id for c in cards if c.kind is Kind.QUESTION and c.depth == 1}
    deal = plan_deal(cards, options(depth=DepthPlan.ONE), hidden=hidden)
    assert not hidden & {s.card.global_id for s in deal.steps}


def test_a_depth_that_runs_out_falls_back_to_the_nearest_and_says_so() -> None:
    cards = [c for c in make_cards(10, actions=0) if c.depth != 3 or c.id.endswith("-0")]
    deal = plan_deal(cards, options(shape=Shape.STANDARD))
    depths = [int(c.depth) for c in questions(deal.steps)]
    assert depths[-4:] == [2, 2, 2, 3], "the session still only rises"
    assert deal.steps[8].fallback is Depth.DEEP, "the depth the slot asked for, as data"
    assert [s.fallback for s in deal.steps].count(None) == len(deal.steps) - 1


def test_a_deal_shorter_than_its_shape_when_every_card_is_used() -> None:
    deal = plan_deal(make_cards(1, actions=0), options(shape=Shape.STANDARD))
    assert len(questions(deal.steps)) == 3
    assert deal.steps[-1].card.kind is Kind.CLOSING


def test_no_question_for_the_stage_is_an_error() -> None:
    with pytest.raises(GameError) as refused:
        plan_deal(make_cards(3, stages=frozenset({Stage.FAMILY})), options())
    assert refused.value.problem is Problem.NO_QUESTIONS
    assert refused.value.values == {"stage": "dating"}


def test_freshness_prefers_never_seen_then_least_recently_seen() -> None:
    cards = make_cards(4, actions=0)
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    depth_one = [c for c in cards if c.kind is Kind.QUESTION and c.depth == 1]
    seen = {c.global_id: now - timedelta(days=i) for i, c in enumerate(depth_one[:3])}
    deal = plan_deal(cards, options(depth=DepthPlan.ONE, shape=Shape.QUICK), seen=seen)
    order = [c.global_id for c in questions(deal.steps)]
    assert order[0] == depth_one[3].global_id
    assert order[1:4] == [depth_one[2].global_id, depth_one[1].global_id, depth_one[0].global_id]


def test_wildcards_never_first_never_two_in_a_row_and_can_be_switched_off() -> None:
    for seed in range(40):
        deal = plan_deal(make_cards(20, actions=30), options(shape=Shape.THREE_SETS, seed=seed))
        kinds = [s.card.kind for s in deal.steps]
        assert kinds[0] is Kind.QUESTION
        assert all(not (a is b is Kind.ACTION) for a, b in itertools.pairwise(kinds))
        assert kinds.count(Kind.ACTION) <= 6
    off = plan_deal(make_cards(20, actions=30), options(shape=Shape.THREE_SETS, wildcards=False))
    assert Kind.ACTION not in {s.card.kind for s in off.steps}


def test_tips_are_never_repeated_in_a_session() -> None:
    deal = plan_deal(make_cards(20, tips=5), options(shape=Shape.STANDARD))
    tips = [s.tip.global_id for s in deal.steps if s.tip is not None]
    assert len(tips) == len(set(tips)) == 5


def test_three_sets_number_their_sets() -> None:
    deal = plan_deal(make_cards(20), options(shape=Shape.THREE_SETS))
    assert [s.set_number for s in deal.steps[:-1]] == [1] * 12 + [2] * 12 + [3] * 12


@pytest.mark.parametrize(
    ("names", "problem"),
    [
        (["Solo"], Problem.PLAYER_COUNT),
        ([f"P{n}" for n in range(9)], Problem.PLAYER_COUNT),
        (["Ana", "  "], Problem.EMPTY_NAME),
        (["Ana", "x" * 200], Problem.LONG_NAME),
        (["Ana", "ana"], Problem.SAME_NAME),
        (["Ana", "B\x1b[31m"], Problem.CONTROL_IN_NAME),
    ],
)
def test_bad_player_lists_are_refused(names: list[str], problem: Problem) -> None:
    with pytest.raises(GameError) as refused:
        check_players(names)
    assert refused.value.problem is problem


def test_the_same_seed_deals_the_same_cards() -> None:
    cards = make_cards(20)
    first = plan_deal(cards, options(seed=42, shape=Shape.STANDARD))
    again = plan_deal(list(reversed(cards)), options(seed=42, shape=Shape.STANDARD))
    assert first == again
    other = plan_deal(cards, options(seed=43, shape=Shape.STANDARD))
    assert first.steps != other.steps


CARDS = make_cards(15, stages=frozenset({Stage.DATING, Stage.FRIENDS}), deck="a") + make_cards(
    15, stages=frozenset({Stage.FAMILY}), deck="b"
)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    count=st.integers(2, 8),
    shape=st.sampled_from(list(Shape)),
    plan=st.sampled_from(list(DepthPlan)),
    stage=st.sampled_from([Stage.DATING, Stage.FRIENDS, Stage.FAMILY]),
    everyone=st.booleans(),
)
def test_deal_properties(
    seed: int, count: int, shape: Shape, plan: DepthPlan, stage: Stage, everyone: bool
) -> None:
    players = tuple(f"P{n}" for n in range(count))
    opts = Options(players, stage, shape, plan, seed, everyone=everyone)
    deal = plan_deal(CARDS, opts)
    ids = [s.card.global_id for s in deal.steps]
    assert len(ids) == len(set(ids)), "no card repeats in a session"
    assert all(s.card.fits(stage) for s in deal.steps), "the stage filter holds"
    depths = [int(c.depth) for c in questions(deal.steps)]
    first_set = questions(deal.steps[:SET_SIZE])
    rising = [int(c.depth) for c in first_set] if shape is Shape.OPEN else depths
    assert plan not in (DepthPlan.RISE, DepthPlan.GENTLE) or rising == sorted(rising), (
        "rise and gentle never go down (open-ended: over the first set)"
    )
    assert plan is not DepthPlan.GENTLE or max(depths) <= 2, "gentle never goes past 2"
    asked = [s for s in deal.steps if s.card.kind is Kind.QUESTION]
    for index, step in enumerate(asked):
        assert step.reader == players[index % count], "readers take turns question by question"
        assert step.answerers[0] == players[(index + 1) % count]
    assert all(s.reader != s.answerers[0] for s in deal.steps)
    assert not everyone or all(sorted(s.answerers) == sorted(players) for s in deal.steps)
    assert deal.steps[-1].card.kind is Kind.CLOSING
