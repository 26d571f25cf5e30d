"""Ending: the `q` key of every front end, decided once in Session.end()."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from closeness_cards.core.cards import Kind, Stage
from closeness_cards.core.game import Options, Shape, plan_deal
from closeness_cards.core.session import Session
from closeness_cards.core.summary import summarize
from support import make_cards


def new_session(shape: Shape, *, closings: int = 2) -> Session:
    moment = [datetime(2026, 3, 1, 20, 0, tzinfo=timezone.utc)]

    def clock() -> datetime:
        moment[0] += timedelta(seconds=30)
        return moment[0]

    options = Options(("Ana", "Ben"), Stage.DATING, shape, seed=4, wildcards=False)
    return Session(plan_deal(make_cards(10, closings=closings), options), clock)


def test_q_on_an_open_ended_session_goes_to_the_closing_card_then_finishes() -> None:
    session = new_session(Shape.OPEN)
    session.done()
    session.end()
    assert session.is_closing and not session.ended_early
    session.end()
    assert session.finished
    assert session.played_through, "stopping is how an open-ended session ends"


def test_q_on_a_closed_session_ends_it_early() -> None:
    session = new_session(Shape.STANDARD)
    session.done()
    session.end()
    assert session.is_closing and session.ended_early
    session.end()
    assert session.finished and not session.played_through
    assert summarize(session.left_cards(), seconds=0, finished=False).questions == 1


@pytest.mark.parametrize("shape", [Shape.QUICK, Shape.OPEN])
def test_q_on_a_closing_card_reached_in_play_finishes_the_session(shape: Shape) -> None:
    session = new_session(shape)
    while not session.is_closing:
        session.done()
    assert session.current is not None and session.current.card.kind is Kind.CLOSING
    session.end()
    assert session.finished and session.played_through


@pytest.mark.parametrize(("shape", "finished"), [(Shape.OPEN, True), (Shape.QUICK, False)])
def test_q_without_a_closing_card_ends_at_once(shape: Shape, finished: bool) -> None:
    session = new_session(shape, closings=0)
    session.done()
    session.end()
    assert session.finished
    assert session.played_through is finished
