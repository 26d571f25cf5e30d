"""The table's rules, one test for each thing a player met that the table now gets right."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from closeness_cards.core.cards import Depth, Kind, Stage
from closeness_cards.core.game import DepthPlan, Options, Shape
from closeness_cards.core.library import Library, load_library
from closeness_cards.table import (
    Action,
    CannotResume,
    CardShown,
    Event,
    FavouriteChanged,
    Passed,
    Reason,
    Refused,
    RevisitChanged,
    SessionOver,
    SetBreak,
    Table,
    Why,
)
from closeness_cards.table.sqlite import open_ports
from closeness_cards.text import words
from support.table import FakeClock, library_of, memory_table, sqlite_table

PLAYERS = ("Ana", "Ben")


def options(**changes: object) -> Options:
    base: dict[str, object] = {"players": PLAYERS, "stage": Stage.DATING, "seed": 3}
    base.update(changes)
    return Options(**base)  # type: ignore[arg-type]


def why(error: CannotResume) -> str:
    return words.cannot_resume(error.why, error.where, error.decks)


def play_out(table: Table, limit: int = 500) -> list[Event]:
    """Press done until the session is over; every event the table answered."""
    seen: list[Event] = []
    for _ in range(limit):
        events = table.act(Action.DONE)
        seen += events
        if any(isinstance(e, SessionOver) for e in events):
            return seen
    raise AssertionError("the session never ended")


def over(events: list[Event]) -> SessionOver:
    return next(e for e in events if isinstance(e, SessionOver))


def test_a_resumed_session_is_summed_up_whole_and_history_agrees() -> None:
    clock = FakeClock()
    library = library_of()
    first = sqlite_table(library, clock)
    first.start(options(shape=Shape.STANDARD, wildcards=False))
    for _ in range(5):
        first.act(Action.DONE)
    first.leave()
    first.close()
    clock.now += timedelta(hours=3)  # the game was closed for three hours
    second = sqlite_table(library, clock)
    unfinished = second.unfinished()
    assert unfinished is not None
    second.resume(unfinished)
    summary = over(play_out(second)).summary
    assert summary.questions == 12
    assert summary.questions_by_depth == {Depth(1): 4, Depth(2): 4, Depth(3): 4}
    assert summary.closing
    assert summary.seconds < 60 * 60  # the closed hours are not time together
    kept = second.ports.archive.sessions()[0]
    assert (kept.questions, kept.wildcards, kept.closings) == (12, 0, 1)
    assert kept.duration_seconds == summary.seconds
    assert kept.status == "finished"


def test_time_together_counts_only_while_the_game_is_open() -> None:
    clock = FakeClock()
    table = sqlite_table(clock=clock)
    table.start(options(wildcards=False))
    table.act(Action.DONE)
    table.leave()
    clock.now += timedelta(days=2)
    again = sqlite_table(clock=clock)
    found = again.unfinished()
    assert found is not None
    again.resume(found)
    summary = over(play_out(again)).summary
    assert timedelta(seconds=summary.seconds) < timedelta(minutes=30)


def test_the_set_pause_names_the_depth_of_the_set_that_comes() -> None:
    table = memory_table(load_library())
    table.start(options(stage=Stage.FRIENDS, shape=Shape.THREE_SETS, seed=4))
    breaks = [e for e in play_out(table) if isinstance(e, SetBreak)]
    assert [(b.set_number, b.depth) for b in breaks] == [(2, Depth(2)), (3, Depth(3))]


def test_a_pass_on_the_first_card_of_a_set_does_not_pause_again() -> None:
    table = memory_table()
    table.start(options(shape=Shape.THREE_SETS, wildcards=False))
    for _ in range(12):
        table.act(Action.DONE)
    events = table.act(Action.PASS)
    assert any(isinstance(e, Passed) for e in events)
    assert not any(isinstance(e, SetBreak) for e in events)


@pytest.mark.parametrize("seed", range(12))
def test_gentle_never_deals_depth_three_wildcards_included(seed: int) -> None:
    table = memory_table(load_library())
    deal = table.deal(options(stage=Stage.FRIENDS, depth=DepthPlan.GENTLE, seed=seed))
    assert all(step.card.depth <= Depth.OPEN_UP for step in deal.steps[:-1])


def test_open_ended_rises_over_its_first_twelve_then_stays_open_and_deep() -> None:
    table = memory_table(load_library())
    deal = table.deal(options(shape=Shape.OPEN, wildcards=False, seed=7))
    depths = [int(s.card.depth) for s in deal.steps if s.card.kind is Kind.QUESTION]
    assert depths[:12] == [1] * 4 + [2] * 4 + [3] * 4
    assert 1 not in depths[12:]
    assert {2, 3} <= set(depths[12:])


def test_a_wildcard_can_be_passed_and_the_closing_card_cannot() -> None:
    table = memory_table()
    table.start(options(seed=11))
    session = table.session
    assert session is not None
    for _ in range(40):
        step = session.current
        assert step is not None
        if step.card.kind is Kind.ACTION:
            break
        table.act(Action.DONE)
    assert session.current is not None and session.current.card.kind is Kind.ACTION
    events = table.act(Action.PASS)
    assert isinstance(events[0], Passed)
    table.act(Action.END)
    assert table.view().closing
    (refused,) = table.act(Action.PASS)
    assert isinstance(refused, Refused) and refused.reason is Reason.CLOSING_CARD


def test_q_ends_an_open_ended_session_as_finished() -> None:
    table = sqlite_table()
    table.start(options(shape=Shape.OPEN))
    for _ in range(3):
        table.act(Action.DONE)
    shown = table.act(Action.END)
    assert isinstance(shown[0], CardShown) and shown[0].view.closing
    done = over(play_out(table))
    assert done.summary.finished
    assert table.ports.archive.sessions()[0].status == "finished"


def test_q_ends_a_standard_session_early() -> None:
    table = sqlite_table()
    table.start(options(shape=Shape.STANDARD))
    table.act(Action.DONE)
    table.act(Action.END)
    done = over(play_out(table))
    assert not done.summary.finished
    assert table.ports.archive.sessions()[0].status == "ended-early"


def test_a_private_session_keeps_favourites_for_tonight_and_says_they_are_not_saved() -> None:
    table = memory_table()
    table.start(options())
    (changed,) = table.act(Action.FAVOURITE)
    assert changed == FavouriteChanged(kept=True, saved=False)
    assert table.view().favourite
    assert "not saved" in words.favourite(changed.kept, changed.saved)
    (marked,) = table.act(Action.REVISIT)
    assert marked == RevisitChanged(marked=True, saved=False)
    assert len(table.ports.keepsakes.favourites()) == 1  # kept for this run, in memory


def test_a_saved_favourite_says_so() -> None:
    table = sqlite_table()
    table.start(options())
    (changed,) = table.act(Action.FAVOURITE)
    assert changed == FavouriteChanged(kept=True, saved=True)
    assert "not saved" not in words.favourite(changed.kept, changed.saved)


def test_a_session_is_open_in_one_window_at_a_time() -> None:
    library = library_of()
    first = sqlite_table(library)
    first.start(options())
    first.act(Action.DONE)
    second = sqlite_table(library)
    assert second.unfinished() is None  # it is being played: nothing to offer here
    found = second.ports.log.unfinished()  # as a window that looked a moment before
    assert found is not None
    with pytest.raises(CannotResume) as refused:
        second.resume(found)
    assert refused.value.why is Why.OPEN_ELSEWHERE
    assert "process" in words.cannot_resume(
        refused.value.why, refused.value.where, refused.value.decks
    )
    first.leave()  # the first window quits: now the session can be picked up
    assert second.unfinished() == found
    events = second.resume(found)
    assert isinstance(events[0], CardShown)


def test_a_crashed_windows_lease_gives_way() -> None:
    import subprocess
    import sys

    library = library_of()
    first = sqlite_table(library)
    first.start(options())
    first.act(Action.DONE)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    session_id = first.session_id
    assert session_id is not None
    from closeness_cards.table.records import open_database

    with open_database() as db, db.transaction() as conn:
        conn.execute(
            "UPDATE leases SET pid = ? WHERE session_id = ?", (int(dead.stdout), session_id)
        )
    second = sqlite_table(library)
    found = second.unfinished()
    assert found is not None
    assert isinstance(second.resume(found)[0], CardShown)


def test_a_missing_deck_on_resume_is_named_and_the_session_stays_resumable() -> None:
    library = library_of()
    first = sqlite_table(library)
    first.start(options())
    first.act(Action.DONE)
    first.leave()
    empty = Library(())
    second = Table(empty, open_ports(), clock=FakeClock())
    found = second.unfinished()
    assert found is not None
    with pytest.raises(CannotResume) as refused:
        second.resume(found)
    assert refused.value.why is Why.MISSING_DECKS
    assert refused.value.decks == ("test",)
    assert "test" in words.cannot_resume(
        refused.value.why, refused.value.where, refused.value.decks
    )
    assert second.unfinished() is not None
    assert second.ports.archive.sessions()[0].status == "active"


def test_two_players_answer_the_same_number_of_questions() -> None:
    table = memory_table(load_library())
    for seed in range(40):
        deal = table.deal(options(stage=Stage.COMMITTED, shape=Shape.STANDARD, seed=seed))
        answers = [s.answerers[0] for s in deal.steps if s.card.kind is Kind.QUESTION]
        assert abs(answers.count("Ana") - answers.count("Ben")) <= 1, seed


def test_an_empty_reserve_never_makes_anyone_read_twice_in_a_row() -> None:
    table = memory_table(library_of(2, actions=0))  # six questions: none to spare
    table.start(options(wildcards=False))
    table.act(Action.DONE)
    table.act(Action.PASS)  # nothing to replace it with: the slot goes
    readers = []
    while not table.view().closing:
        readers.append(table.view().reader)
        table.act(Action.DONE)
    answered_first = "Ana"  # the first card, answered above, was read by Ana
    order = [answered_first, *readers]
    assert all(a != b for a, b in itertools.pairwise(order)), order


def test_the_summary_lists_what_was_kept_in_this_session() -> None:
    table = sqlite_table()
    table.start(options(wildcards=False))
    first = table.view().card.text
    table.act(Action.FAVOURITE)
    table.act(Action.DONE)
    table.act(Action.FAVOURITE)
    table.act(Action.FAVOURITE)  # kept, then taken out again
    table.act(Action.REVISIT)
    second = table.view().card.text
    done = over(play_out(table))
    assert done.favourites == (first,)
    assert done.revisits == (second,)


def test_setup_remembers_the_names_of_last_time_unless_names_are_given() -> None:
    from closeness_cards.table import DEFAULT_PLAYERS, Choices

    table = sqlite_table()
    assert table.setup_choices(Choices()).players == DEFAULT_PLAYERS  # nothing yet
    table.start(options(players=("Cleo", "Dan", "Eve")))
    table.close()
    again = sqlite_table()
    assert again.setup_choices(Choices()).players == ("Cleo", "Dan", "Eve")
    assert again.setup_choices(Choices(players=("Ana", "Ben"))).players == ("Ana", "Ben")
    private = memory_table()
    assert private.setup_choices(Choices()).players == DEFAULT_PLAYERS  # nothing is kept


@pytest.mark.parametrize(
    "plan",
    [
        "[" * 100_000,
        '{"version": 1, "options": {"players": ["A", "B"], "stage": "dating", "shape": "quick",'
        ' "depth": "rise", "seed": 1e999, "mature": false, "wildcards": true,'
        ' "everyone": false, "passes": 3}, "steps": [], "reserve": [], "passes_left": {}}',
        '{"version": 1, "steps": [{"card": 5}]}',
        "not json",
    ],
)
def test_a_plan_that_is_not_a_plan_cannot_be_resumed_and_says_so(plan: str) -> None:
    from closeness_cards.table import Unfinished

    table = memory_table()
    broken = Unfinished(1, ("A", "B"), "dating", plan, 0, 0.0)
    with pytest.raises(CannotResume) as refused:
        table.resume(broken)
    assert refused.value.why is Why.UNREADABLE


def test_another_window_is_told_where_the_session_is_being_played() -> None:
    library = library_of()
    first = sqlite_table(library)
    first.start(options())
    second = sqlite_table(library)
    assert second.unfinished() is None
    where = second.playing_elsewhere()
    assert "this computer" in where
    assert where in words.playing_elsewhere(where)
    first.leave()
    assert second.playing_elsewhere() == ""  # now it is simply unfinished: offered instead
    assert second.unfinished() is not None
