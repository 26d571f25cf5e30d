"""One rule for the check-in after a session: it is asked when the one before was, answered
or skipped, whether the session was played in one go or picked up again after a quit."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.table import Action, CheckInAsked, Event, SessionOver, Table
from closeness_cards.table.memory import memory_ports
from closeness_cards.table.ports import Ports
from closeness_cards.table.sqlite import open_ports
from support.table import FakeClock, library_of

PLAYERS = ("Ana", "Ben")
OPTIONS = Options(PLAYERS, Stage.DATING, seed=3)
BEFORE = {
    "answered": {"Ana": 4, "Ben": None},
    "skipped": {"Ana": None, "Ben": None},
    "not asked": None,
}
"""How the session began: the check-in answered (by one of two), skipped by all, not asked."""


def memory() -> Callable[[], Ports]:
    ports = memory_ports(notice=None)  # one process: every table shares the same log
    return lambda: ports


def on_disk() -> Callable[[], Ports]:
    return open_ports  # each table opens the history in the test's home afresh


def begin(table: Table, before: dict[str, int | None] | None) -> None:
    events = table.start(OPTIONS, check_in=before is not None)
    if before is not None:
        assert events == [CheckInAsked("before", PLAYERS)]
        table.check_in(before)


def to_the_end(table: Table, limit: int = 500) -> Event:
    """Press done until the session asks the check-in after or is over; that event."""
    for _ in range(limit):
        for event in table.act(Action.DONE):
            if isinstance(event, (CheckInAsked, SessionOver)):
                return event
    raise AssertionError("the session never ended")


@pytest.mark.parametrize("before", BEFORE.values(), ids=BEFORE.keys())
@pytest.mark.parametrize("keeping", [memory, on_disk], ids=["memory", "on disk"])
@pytest.mark.parametrize("resumed", [False, True], ids=["in one go", "resumed"])
def test_the_check_in_after_is_asked_when_the_one_before_was(
    before: dict[str, int | None] | None,
    keeping: Callable[[], Callable[[], Ports]],
    resumed: bool,
) -> None:
    ports = keeping()
    clock = FakeClock()
    library = library_of()
    table = Table(library, ports(), clock=clock)
    begin(table, before)
    for _ in range(3):
        table.act(Action.DONE)
    if resumed:  # ctrl+q, and the game opened again
        table.leave()
        table = Table(library, ports(), clock=clock)
        unfinished = table.unfinished()
        assert unfinished is not None
        table.resume(unfinished)
    end = to_the_end(table)
    if before is None:
        assert isinstance(end, SessionOver)
    else:
        assert end == CheckInAsked("after", PLAYERS)
        over = table.check_in({"Ana": 6, "Ben": None})
        assert [type(e) for e in over] == [SessionOver]


@pytest.mark.parametrize(("answered", "asked"), [(True, True), (False, False)])
def test_a_session_kept_without_the_rule_asks_after_when_an_answer_before_was_kept(
    answered: bool, asked: bool
) -> None:
    """Sessions kept before the history said whether the check-in was asked: a number kept
    before is the only sign that it was."""
    ports = memory_ports(notice=None)
    library = library_of()
    table = Table(library, ports, clock=FakeClock())
    begin(table, {"Ana": 4 if answered else None, "Ben": None})
    table.leave()
    again = Table(library, ports, clock=FakeClock())
    unfinished = again.unfinished()
    assert unfinished is not None and unfinished.check_in is True
    again.resume(unfinished.replace(check_in=None))
    end = to_the_end(again)
    assert isinstance(end, CheckInAsked) is asked
