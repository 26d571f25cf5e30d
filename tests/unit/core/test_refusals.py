"""Refusals: what the engine will not do on the table, as codes the front ends word."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape, plan_deal
from closeness_cards.core.session import Refusal, Refused, Session
from support import make_cards


def new_session(passes: int = 3) -> Session:
    moment = [datetime(2026, 3, 1, 20, 0, tzinfo=timezone.utc)]

    def clock() -> datetime:
        moment[0] += timedelta(seconds=30)
        return moment[0]

    options = Options(("Ana", "Ben"), Stage.DATING, Shape.QUICK, seed=3, passes=passes)
    return Session(plan_deal(make_cards(10), options), clock)


def to_closing(session: Session) -> Session:
    while not session.is_closing:
        session.done()
    return session


def test_a_question_can_be_passed_and_hidden() -> None:
    session = new_session()
    assert session.pass_refusal() is None and session.can_pass()
    assert session.hide_refusal() is None
    assert session.passer == "Ben"


def test_the_closing_card_cannot_be_passed_or_hidden() -> None:
    session = to_closing(new_session())
    assert session.pass_refusal() is Refusal.CLOSING_CARD
    assert session.hide_refusal() is Refusal.CLOSING_CARD
    assert not session.can_pass()
    with pytest.raises(Refused) as passed:
        session.pass_card()
    assert passed.value.refusal is Refusal.CLOSING_CARD
    with pytest.raises(Refused) as hidden:
        session.hide_card()
    assert hidden.value.refusal is Refusal.CLOSING_CARD
    assert session.is_closing
    assert len(session.plays) == 6, "a refused pass or hide leaves no play"


def test_a_player_without_passes_is_refused_with_a_code() -> None:
    session = new_session(passes=0)
    assert session.pass_refusal() is Refusal.NO_PASSES_LEFT
    with pytest.raises(Refused) as refused:
        session.pass_card()
    assert refused.value.refusal is Refusal.NO_PASSES_LEFT
    assert isinstance(refused.value, ValueError)
    assert session.hide_refusal() is None, "hiding costs no pass"


def test_nothing_can_be_passed_or_hidden_once_the_session_is_over() -> None:
    session = to_closing(new_session())
    session.done()
    session.done()
    assert session.finished
    assert session.passer is None
    assert session.pass_refusal() is Refusal.SESSION_OVER
    assert session.hide_refusal() is Refusal.SESSION_OVER
    with pytest.raises(Refused):
        session.hide_card()
