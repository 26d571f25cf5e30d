"""A session in play: turns, passes, hiding, ending early and the summary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from closeness_cards.core.cards import Deck, Depth, Kind, Stage
from closeness_cards.core.game import Options, Shape, plan_deal
from closeness_cards.core.library import Library
from closeness_cards.core.plan import dump_plan, resume
from closeness_cards.core.session import Outcome, Refusal, Refused, Session
from closeness_cards.core.summary import summarize
from support import make_cards


def ticking_clock(step_seconds: int = 60) -> Callable[[], datetime]:
    moment = [datetime(2026, 3, 1, 20, 0, tzinfo=timezone.utc)]

    def clock() -> datetime:
        moment[0] += timedelta(seconds=step_seconds)
        return moment[0]

    return clock


def new_session(**changes: object) -> Session:
    base: dict[str, object] = {
        "players": ("Ana", "Ben"),
        "stage": Stage.DATING,
        "seed": 5,
        "wildcards": False,
    }
    base.update(changes)
    deal = plan_deal(make_cards(10), Options(**base))  # type: ignore[arg-type]
    return Session(deal, ticking_clock())


def test_a_whole_quick_session_from_first_card_to_closing() -> None:
    session = new_session()
    answered = 0
    while not session.is_closing:
        assert session.done() is not None
        answered += 1
    assert answered == 6
    assert session.progress == (6, 6)
    session.done()  # the closing card: everyone in turn
    assert not session.finished
    session.done()
    assert session.finished
    summary = summarize(session.left_cards(), seconds=0, finished=session.played_through)
    assert summary.questions == 6
    assert summary.questions_by_depth == {Depth(1): 2, Depth(2): 2, Depth(3): 2}
    assert summary.closing
    assert summary.finished


def test_everyone_answers_in_turn_before_the_card_leaves() -> None:
    session = new_session(everyone=True, players=("Ana", "Ben", "Cy"))
    assert session.current is not None and session.current.reader == "Ana"
    assert session.answerer == "Ben"
    assert session.done() is None and session.answerer == "Cy"
    assert session.done() is None and session.answerer == "Ana"
    play = session.done()
    assert play is not None and play.outcome is Outcome.ANSWERED
    assert session.answerer == "Cy"


def test_a_pass_brings_another_card_at_the_same_depth_and_costs_one_pass() -> None:
    session = new_session(passes=1)
    first = session.current
    assert first is not None
    play = session.pass_card()
    assert play is not None and play.outcome is Outcome.PASSED
    now = session.current
    assert now is not None and now.card != first.card and now.card.depth == first.card.depth
    assert now.answerers == first.answerers
    assert session.passes_left == {"Ana": 1, "Ben": 0}
    assert not session.can_pass()
    with pytest.raises(Refused) as refused:
        session.pass_card()
    assert refused.value.refusal is Refusal.NO_PASSES_LEFT


def test_hiding_replaces_the_card_without_using_a_pass() -> None:
    session = new_session()
    first = session.current
    play = session.hide_card()
    assert play is not None and play.outcome is Outcome.HIDDEN and play.step == first
    assert session.passes_left == {"Ana": 3, "Ben": 3}
    assert session.current is not None and session.current.card != first.card  # type: ignore[union-attr]


def test_ending_early_goes_to_the_closing_card_then_ends() -> None:
    session = new_session()
    session.done()
    session.end()
    assert session.is_closing
    session.end()
    assert session.finished
    assert session.ended_early
    assert summarize(session.left_cards(), seconds=0, finished=False).questions == 1


def test_wildcards_are_done_together_in_one_turn() -> None:
    deal = plan_deal(
        make_cards(10, actions=20), Options(("A", "B"), Stage.DATING, Shape.THREE_SETS, seed=2)
    )
    session = Session(deal, ticking_clock())
    while session.current is not None and session.current.card.kind is not Kind.ACTION:
        session.done()
    assert session.answerer is None
    assert session.can_pass() and session.passer == session.current.reader
    assert session.done() is not None


def test_a_saved_plan_resumes_on_the_same_card_with_the_same_remaining_deal() -> None:
    cards = make_cards(10)
    library = Library((Deck("test", "Test", tuple(cards)),))
    deal = plan_deal(library.cards, Options(("Ana", "Ben"), Stage.DATING, Shape.STANDARD, seed=9))
    session = Session(deal, ticking_clock())
    session.done()
    session.pass_card()
    session.done()
    again = resume(dump_plan(session), session.position, library, ticking_clock())
    assert again.current == session.current
    assert again.steps[session.position :] == session.steps[session.position :]
    assert again.passes_left == session.passes_left
    assert again.reserve == session.reserve
