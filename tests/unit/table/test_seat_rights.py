"""What each seat may do: the card's own limits, and a press confirmed after the table moved."""

from __future__ import annotations

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.table import Action, CardShown, Phase, Reason, Refused
from closeness_cards.table.seats import offered, refusal, whose
from closeness_cards.table.shared import SharedTable
from support.table import sqlite_table

PLAYERS = ("Ana", "Ben")


def hosted() -> SharedTable:
    table = sqlite_table()
    table.start(Options(players=PLAYERS, stage=Stage.DATING, seed=7))
    return SharedTable.share(table)


def seat(host: SharedTable) -> SharedTable:
    return SharedTable.join(host.table.library, host.session_id, switchable=True)


def test_the_closing_card_is_nobodys_to_pass_or_hide_and_everyones_to_end() -> None:
    host = hosted()
    view = host.table.view()
    assert not view.closing
    assert whose(view, Action.PASS) and whose(view, Action.HIDE)  # a question: someone's
    host.act(PLAYERS[0], Action.END)  # to the closing card
    closing = host.table.view()
    assert closing.closing and closing.answerer is not None  # answered in turn, by each
    for action in (Action.PASS, Action.HIDE):
        assert not offered(closing, action)
        assert whose(closing, action) == ()
        # Nobody's: the table's own rule says why, not "it is someone else's".
        assert refusal(closing, closing.answerer, action) is None
        [refused] = host.act(closing.answerer, action)
        assert isinstance(refused, Refused) and refused.reason is Reason.CLOSING_CARD
    assert whose(closing, Action.END) == PLAYERS
    assert whose(closing, Action.DONE) == (closing.answerer,)


def test_only_a_card_with_a_follow_up_goes_deeper() -> None:
    host = hosted()
    view = host.table.view()
    assert view.card.follow_up  # every question of the test deck has one
    assert whose(view, Action.DEEPER) == PLAYERS
    host.act(PLAYERS[0], Action.END)
    closing = host.table.view()
    assert not closing.card.follow_up
    assert whose(closing, Action.DEEPER) == ()


def test_an_end_confirmed_after_another_seat_ended_does_not_end_the_closing_card() -> None:
    host = hosted()
    ana, ben = seat(host), seat(host)
    asked = ana.version  # Ana presses q: the question is on her screen
    ben.act("Ben", Action.END)  # meanwhile Ben ends: the closing card
    ana.poll()  # Ana's seat follows while she reads the question
    assert ana.table.view().closing
    events = ana.act("Ana", Action.END, seen=asked)  # then she says yes
    assert events[0] == Refused(Action.END, Reason.MOVED_ON)
    host.poll()
    assert host.table.phase is Phase.PLAYING and host.table.view().closing  # still there


def test_an_end_confirmed_before_the_seat_followed_is_refused_and_then_follows() -> None:
    host = hosted()
    ana, ben = seat(host), seat(host)
    asked = ana.version
    ben.act("Ben", Action.END)
    events = ana.act("Ana", Action.END, seen=asked)  # no poll in between
    assert events[0] == Refused(Action.END, Reason.MOVED_ON)
    assert any(isinstance(e, CardShown) and e.view.closing for e in events[1:])
    host.poll()
    assert host.table.phase is Phase.PLAYING and host.table.view().closing


def test_an_end_confirmed_on_the_table_it_was_asked_on_ends() -> None:
    host = hosted()
    ana = seat(host)
    asked = ana.version
    events = ana.act("Ana", Action.END, seen=asked)
    assert any(isinstance(e, CardShown) and e.view.closing for e in events)
    asked = ana.version
    ana.act("Ana", Action.END, seen=asked)  # on the closing card: the evening ends
    host.poll()
    assert host.table.phase is not Phase.PLAYING
