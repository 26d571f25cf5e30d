"""Tables: a card for two is dealt only to two players, a card for a group only to three or more."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_cards.core.cards import Card, Depth, Fits, Kind, Stage
from closeness_cards.core.game import MAX_PLAYERS, MIN_PLAYERS, DepthPlan, Options, Shape, plan_deal
from closeness_cards.core.session import Session
from support import make_cards

TABLES = st.sampled_from([None, Fits.PAIR, Fits.GROUP])


def clock() -> datetime:
    return datetime(2026, 3, 1, 20, 0, tzinfo=timezone.utc)


def players(count: int) -> tuple[str, ...]:
    return tuple(f"Player {n + 1}" for n in range(count))


@st.composite
def tabled_cards(draw: st.DrawFn) -> list[Card]:
    """Cards of every kind, depth and table; one question fits any table, so a deal is made."""
    specs = draw(
        st.lists(
            st.tuples(st.sampled_from(list(Kind)), st.sampled_from(list(Depth)), TABLES),
            max_size=80,
        )
    )
    cards = [
        Card("t", f"c-{n}", f"Card number {n} for this table.", depth, kind, table=table)
        for n, (kind, depth, table) in enumerate(specs)
    ]
    return [*cards, Card("t", "any", "A question for any table, tell a story?", Depth.WARM_UP)]


def options_for(count: int, shape: Shape, depth: DepthPlan, seed: int, **more: bool) -> Options:
    return Options(players(count), Stage.DATING, shape, depth, seed, **more)


@settings(max_examples=300, deadline=None)
@given(
    tabled_cards(),
    st.integers(MIN_PLAYERS, MAX_PLAYERS),
    st.sampled_from(list(Shape)),
    st.sampled_from(list(DepthPlan)),
    st.integers(0, 2**31),
    st.booleans(),
    st.booleans(),
)
def test_no_dealt_card_tip_or_spare_is_for_another_table(
    cards: list[Card],
    count: int,
    shape: Shape,
    depth: DepthPlan,
    seed: int,
    wildcards: bool,
    everyone: bool,
) -> None:
    options = options_for(count, shape, depth, seed, wildcards=wildcards, everyone=everyone)
    deal = plan_deal(cards, options)
    dealt = [step.card for step in deal.steps]
    tips = [step.tip for step in deal.steps if step.tip is not None]
    misfits = [c.global_id for c in (*dealt, *tips, *deal.reserve) if not c.fits_table(count)]
    assert misfits == []


@settings(max_examples=150, deadline=None)
@given(
    tabled_cards(),
    st.integers(MIN_PLAYERS, MAX_PLAYERS),
    st.sampled_from(list(Shape)),
    st.integers(0, 2**31),
)
def test_hiding_card_after_card_brings_only_cards_for_this_table(
    cards: list[Card], count: int, shape: Shape, seed: int
) -> None:
    # Hiding replaces the card on the table from the reserve every time, until it runs dry.
    session = Session(plan_deal(cards, options_for(count, shape, DepthPlan.RISE, seed)), clock)
    shown: list[Card] = []
    while (step := session.current) is not None:
        shown.append(step.card)
        if session.is_closing:
            session.done()
        else:
            session.hide_card()
    assert [c.global_id for c in shown if not c.fits_table(count)] == []


def closing(card_id: str, table: Fits | None) -> Card:
    return Card(
        "t", card_id, f"A closing ritual, {card_id}.", Depth.WARM_UP, Kind.CLOSING, table=table
    )


def closings_dealt(cards: list[Card], count: int) -> set[str]:
    """The closing cards that end the sessions of forty seeds."""
    return {
        step.card.id
        for seed in range(40)
        for step in plan_deal(cards, options_for(count, Shape.QUICK, DepthPlan.RISE, seed)).steps
        if step.card.kind is Kind.CLOSING
    }


@pytest.mark.parametrize(
    ("closings", "count", "dealt"),
    [
        ([closing("for-two", Fits.PAIR), closing("any", None)], 4, {"any"}),
        ([closing("for-two", Fits.PAIR), closing("any", None)], 2, {"for-two", "any"}),
        ([closing("for-two", Fits.PAIR), closing("for-all", Fits.GROUP)], 2, {"for-two"}),
        ([closing("for-two", Fits.PAIR), closing("for-all", Fits.GROUP)], 3, {"for-all"}),
        ([closing("for-two", Fits.PAIR), closing("for-all", Fits.GROUP)], 8, {"for-all"}),
        ([closing("for-all", Fits.GROUP)], 2, set()),
        ([closing("for-two", Fits.PAIR)], 4, set()),
    ],
)
def test_the_closing_card_is_one_for_this_table_or_none(
    closings: list[Card], count: int, dealt: set[str]
) -> None:
    assert closings_dealt(make_cards(10, closings=0) + closings, count) == dealt


def test_four_players_with_only_a_closing_card_for_two_play_a_whole_session_without_one() -> None:
    cards = [*make_cards(10, closings=0), closing("for-two", Fits.PAIR)]
    deal = plan_deal(cards, options_for(4, Shape.QUICK, DepthPlan.RISE, 3))
    assert [s.card.kind for s in deal.steps].count(Kind.CLOSING) == 0
    assert len(deal.steps) == Shape.QUICK.card_count
    session = Session(deal, clock)
    while session.current is not None:
        session.done()
    assert session.finished and session.played_through
    assert not session.is_closing


def test_four_players_ending_early_without_a_closing_card_end_at_once() -> None:
    cards = [*make_cards(10, closings=0), closing("for-two", Fits.PAIR)]
    session = Session(plan_deal(cards, options_for(4, Shape.STANDARD, DepthPlan.RISE, 3)), clock)
    session.done()
    session.end()
    assert session.finished and session.ended_early


def test_wildcards_for_the_other_table_leave_the_slots_to_questions() -> None:
    actions = [
        Card("t", f"a-{n}", f"Look at the other person, {n}.", Depth.WARM_UP, Kind.ACTION,
             table=Fits.PAIR)
        for n in range(10)
    ]  # fmt: skip
    for seed in range(20):
        deal = plan_deal(
            make_cards(20, actions=0) + actions,
            options_for(5, Shape.THREE_SETS, DepthPlan.RISE, seed),
        )
        assert {s.card.kind for s in deal.steps} == {Kind.QUESTION, Kind.CLOSING}
        assert len(deal.steps) == 37


@pytest.mark.parametrize("count", range(MIN_PLAYERS, MAX_PLAYERS + 1))
def test_a_pair_is_two_players_and_a_group_three_or_more(count: int) -> None:
    assert Fits.PAIR.admits(count) is (count == 2)
    assert Fits.GROUP.admits(count) is (count >= 3)
    untagged = Card("t", "x", "Words for anyone here.", Depth.WARM_UP)
    assert untagged.fits_table(count)
