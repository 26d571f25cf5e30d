"""The journal: a game never stops because history cannot be written."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape, plan_deal
from closeness_cards.core.session import Session
from closeness_cards.journal import HISTORY_OFF, Journal
from support import make_cards


def clock() -> datetime:
    return datetime(2026, 4, 1, 20, 0, tzinfo=timezone.utc)


def session() -> Session:
    deal = plan_deal(make_cards(5), Options(("Ana", "Ben"), Stage.DATING, Shape.QUICK, seed=1))
    return Session(deal, clock)


def test_an_unwritable_data_folder_turns_history_off_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLOSENESS_CARDS_HOME", str(blocker / "home"))
    journal = Journal.open()
    assert not journal.enabled
    assert journal.notice is not None and journal.notice.startswith(HISTORY_OFF)
    game = session()
    journal.start(game)
    play = game.done()
    assert play is not None
    journal.record(game, play)  # nothing to write to, nothing raised
    assert journal.toggle_favourite(game.steps[0].card)
    assert journal.sessions() == []


def test_a_write_that_fails_mid_session_turns_history_off_and_the_game_goes_on() -> None:
    journal = Journal.open()
    game = session()
    journal.start(game)
    assert journal.enabled and journal.session_id is not None
    assert journal.db is not None
    journal.db.conn.close()  # as a full disk or a vanished file would fail every write
    play = game.done()
    assert play is not None
    journal.record(game, play)
    assert not journal.enabled
    assert journal.notice is not None and journal.notice.startswith(HISTORY_OFF)
    assert game.done() is not None  # the session itself is untouched


def test_a_private_session_writes_nothing(private_home: Path) -> None:
    journal = Journal.open(enabled=False)
    game = session()
    journal.start(game)
    journal.toggle_favourite(game.steps[0].card)
    assert not any(private_home.rglob("*.sqlite3"))
    assert journal.notice == "Private session: nothing is saved."


def test_the_journal_keeps_plays_as_they_happen() -> None:
    journal = Journal.open()
    game = session()
    journal.start(game)
    for _ in range(3):
        play = game.done()
        assert play is not None
        journal.record(game, play)
    assert journal.db is not None
    other = sqlite3.connect(journal.db.path)  # another reader sees every committed play
    try:
        (count,) = other.execute("SELECT count(*) FROM plays").fetchone()
    finally:
        other.close()
    assert count == 3
    unfinished = journal.unfinished()
    assert unfinished is not None and unfinished.position == 3


def test_a_pass_and_its_new_plan_are_committed_together() -> None:
    from closeness_cards.core.cards import Deck
    from closeness_cards.core.library import Library
    from closeness_cards.core.plan import resume

    cards = make_cards(5)
    library = Library((Deck("test", "Test", tuple(cards)),))
    deal = plan_deal(library.cards, Options(("Ana", "Ben"), Stage.DATING, Shape.QUICK, seed=1))
    game = Session(deal, clock)
    journal = Journal.open()
    journal.start(game)
    passed = game.pass_card()
    assert passed is not None
    journal.record(game, passed, replanned=True)
    saved = journal.unfinished()
    assert saved is not None
    again = resume(saved.plan_json, saved.position, library, clock)
    assert again.current == game.current
    assert again.current is not None and again.current.card != passed.step.card
    assert again.passes_left == {"Ana": 3, "Ben": 2}
