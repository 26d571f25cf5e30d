"""A table shared by several screens: compare-and-set moves, seats' rights, check-ins."""

from __future__ import annotations

import pytest

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.store.readonly import open_history
from closeness_cards.table import (
    Action,
    CardShown,
    CheckInAsked,
    Passed,
    Phase,
    Reason,
    Refused,
    SessionOver,
    Table,
    TurnMoved,
)
from closeness_cards.table.seats import Role
from closeness_cards.table.shared import NotShared, SharedTable
from support.table import FakeClock, library_of, memory_table, sqlite_table

PLAYERS = ("Ana", "Ben", "Cai")


def hosted(check_in: bool = False, players: tuple[str, ...] = PLAYERS) -> SharedTable:
    table = sqlite_table()
    table.start(Options(players=players, stage=Stage.DATING, seed=7), check_in=check_in)
    return SharedTable.share(table)


def seat(host: SharedTable) -> SharedTable:
    return SharedTable.join(host.table.library, host.session_id, switchable=True)


def answerer(shared: SharedTable) -> str:
    who = shared.table.view().answerer
    assert who is not None
    return who


def test_two_seats_see_the_same_card_and_a_press_at_one_reaches_the_other() -> None:
    host = hosted()
    ana, ben = seat(host), seat(host)
    card = ana.table.view().card
    assert ben.table.view().card == card
    events = ana.act(answerer(ana), Action.DONE)
    assert any(isinstance(e, (CardShown, TurnMoved)) for e in events)
    assert [type(e) for e in ben.poll()] in ([CardShown], [TurnMoved], [CardShown])
    assert ben.version == ana.version == host.version + 1
    assert ben.table.session is not None and ana.table.session is not None
    assert ben.table.session.position == ana.table.session.position


def test_two_presses_on_one_card_move_the_table_once() -> None:
    host = hosted()
    first, second = seat(host), seat(host)
    who = answerer(first)
    position = first.table.session.position if first.table.session else -1
    first.act(who, Action.DONE)
    late = second.act(who, Action.DONE)  # pressed on the card it saw, which is gone
    assert isinstance(late[0], Refused) and late[0].reason is Reason.MOVED_ON
    host.poll()
    session = host.table.session
    assert session is not None and session.position == position + 1
    db = open_history()
    plays = db.conn.execute("SELECT count(*) FROM plays").fetchone()[0]
    db.close()
    assert plays == 1


def test_a_seat_cannot_act_for_another_player() -> None:
    host = hosted()
    shared = seat(host)
    who = answerer(shared)
    other = next(p for p in PLAYERS if p != who)
    for action in (Action.DONE, Action.PASS):
        [refused] = shared.act(other, action)
        assert isinstance(refused, Refused)
        assert refused.reason is Reason.NOT_YOURS and refused.who == who
    events = shared.act(who, Action.PASS)
    assert Passed(who, 2) in events


def test_every_seat_hears_of_a_pass_once() -> None:
    host = hosted()
    ana, ben = seat(host), seat(host)
    who = answerer(ana)
    ana.act(who, Action.PASS)
    assert Passed(who, 2) in ben.poll()
    assert ben.poll() == []


def test_roles_and_tips_are_each_seats_own() -> None:
    host = hosted(players=("Ana", "Ben", "Cai", "Dee"))
    view = host.table.view()
    seats = {p: host.seat_view(p) for p in view.players}
    assert seats[view.reader].role is Role.READ
    assert view.answerer is not None and seats[view.answerer].role is Role.ANSWER
    assert seats[view.answerer].tip is None
    listening = [s for s in seats.values() if s.role in (Role.LISTEN, Role.READ)]
    assert all(s.tip for s in listening)
    assert len({s.tip for s in listening}) > 1


def test_check_ins_are_private_until_everyone_has_answered() -> None:
    host = hosted(check_in=True, players=("Ana", "Ben"))
    ana, ben = seat(host), seat(host)
    assert ana.table.phase is Phase.CHECK_IN_BEFORE
    # Ben has not answered: the table waits for him, and nobody sees Ana's number.
    assert ana.check_in("Ana", 3) == [CheckInAsked("before", ("Ben",))]
    assert ben.poll() == [CheckInAsked("before", ("Ben",))]
    events = ben.check_in("Ben", 5)
    assert isinstance(events[0], CardShown)
    assert isinstance(ana.poll()[0], CardShown)
    ana.act("Ana", Action.END)  # to the closing card
    closing = ana.table.view()
    assert closing.closing
    ana.act("Ana", Action.END)
    assert ben.poll() == [CheckInAsked("after", ("Ana", "Ben"))]
    ana.check_in("Ana", 6)
    over = ben.check_in("Ben", None)
    assert isinstance(over[0], SessionOver)
    assert over[0].closeness == {"Ana": (3, 6), "Ben": (5, None)}
    [also] = ana.poll()
    assert isinstance(also, SessionOver) and also.closeness == over[0].closeness


def test_the_host_can_go_on_without_a_missing_seat() -> None:
    host = hosted(check_in=True)
    shared = seat(host)
    shared.check_in("Ana", 4)
    assert isinstance(host.skip_check_in()[0], CardShown)
    assert isinstance(shared.poll()[0], CardShown)


def test_a_private_session_cannot_be_shared() -> None:
    table = memory_table()
    table.start(Options(players=PLAYERS, stage=Stage.DATING, seed=7))
    with pytest.raises(NotShared):
        SharedTable.share(table)


def test_a_session_not_shared_cannot_be_joined() -> None:
    table = Table(library_of(), sqlite_table().ports, clock=FakeClock())
    table.start(Options(players=PLAYERS, stage=Stage.DATING, seed=7))
    assert table.session_id is not None
    with pytest.raises(NotShared):
        SharedTable.join(table.library, table.session_id, switchable=True)


def test_a_resumed_shared_session_whose_check_in_was_skipped_still_asks_at_the_end() -> None:
    host = hosted(check_in=True, players=("Ana", "Ben"))
    assert isinstance(host.skip_check_in()[0], CardShown)  # nobody answered before
    host.table.leave()  # the host quits; the session stays resumable
    host.close()
    table = sqlite_table()
    unfinished = table.unfinished()
    assert unfinished is not None
    table.resume(unfinished)
    again = SharedTable.share(table)
    ana = seat(again)
    ana.act("Ana", Action.END)  # to the closing card
    ana.act("Ana", Action.END)
    assert again.poll() == [CheckInAsked("after", ("Ana", "Ben"))]


@pytest.mark.parametrize("closer", ["another seat", "the same seat"])
def test_an_evening_ended_at_one_seat_is_kept_as_ended_early_whoever_ends_the_closing_card(
    closer: str,
) -> None:
    host = hosted()
    ana, ben = seat(host), seat(host)
    ana.act("Ana", Action.END)  # q on the first card: the closing card comes
    assert ana.table.view().closing
    last = ana if closer == "the same seat" else ben
    last.poll()
    last.act("Ana" if last is ana else "Ben", Action.END)  # q on the closing card
    host.poll()
    db = open_history()
    try:
        row = db.conn.execute("SELECT status FROM sessions WHERE id = ?", (host.session_id,))
        assert row.fetchone()[0] == "ended-early"
    finally:
        db.close()
