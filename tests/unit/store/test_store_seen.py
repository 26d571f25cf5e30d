"""Tests for the ``seen`` table behind ``last_seen``: migration, triggers and reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_cards.store import db as db_module
from closeness_cards.store import schema
from closeness_cards.store.db import Database, open_database, open_memory_database
from closeness_cards.store.history import (
    forget_all,
    forget_session,
    last_seen,
    players_key,
    record_play,
    start_session,
)
from closeness_cards.store.timestamps import from_text, from_texts, to_text
from support.store import T0, NewSession, Play

GROUPS = (("Ana", "Ben"), ("Ana", "Ben", "Cy"), ("Dee",))
CARDS = ("d/a", "d/b", "d/c", "e/a")


def seen_rows(db: Database) -> set[tuple[str, str, str]]:
    """Everything in the ``seen`` table."""
    return {tuple(row) for row in db.conn.execute("SELECT * FROM seen")}


def aggregate(db: Database) -> set[tuple[str, str, str]]:
    """What ``seen`` must hold: the plain aggregate over every answered play."""
    rows = db.conn.execute(
        """
        SELECT s.players_key, p.card_id, max(p.played_at)
        FROM sessions AS s JOIN plays AS p ON p.session_id = s.id
        WHERE p.outcome = 'answered'
        GROUP BY s.players_key, p.card_id
        """
    )
    return {tuple(row) for row in rows}


def expected_last_seen(db: Database, players: Sequence[str]) -> dict[str, datetime]:
    """Version 1's ``last_seen``, the reference the fast one must agree with."""
    rows = db.conn.execute(
        """
        SELECT p.card_id, max(p.played_at)
        FROM sessions AS s JOIN plays AS p ON p.session_id = s.id
        WHERE s.players_key = ? AND p.outcome = 'answered'
        GROUP BY p.card_id
        """,
        (players_key(players),),
    )
    return {row[0]: from_text(row[1]) for row in rows}


def add_play(
    db: Database, session_id: int, card_id: str, outcome: str, played_at: datetime
) -> None:
    record_play(
        db,
        session_id,
        position=0,
        card_id=card_id,
        deck_id=card_id.split("/")[0],
        text="A card",
        depth=1,
        kind="question",
        reader="Ana",
        answerers=["Ben"],
        outcome=outcome,
        played_at=played_at,
        next_position=1,
    )


def add_session(db: Database, players: Sequence[str]) -> int:
    return start_session(
        db,
        players=players,
        stage="dating",
        shape="quick",
        depth="rise",
        seed=1,
        decks=["d"],
        options={},
        plan_json="{}",
        started_at=T0,
    )


def test_migration_from_version_1_backfills_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    monkeypatch.setattr(db_module, "MIGRATIONS", schema.MIGRATIONS[:1])
    monkeypatch.setattr(db_module, "LATEST_VERSION", 1)
    with open_database(path) as old:
        ours = add_session(old, ["Ana", "Ben"])
        add_play(old, ours, "d/a", "answered", T0 + timedelta(minutes=1))
        add_play(old, ours, "d/a", "answered", T0 + timedelta(minutes=9))
        add_play(old, ours, "d/a", "answered", T0 + timedelta(minutes=5))
        add_play(old, ours, "d/b", "passed", T0 + timedelta(minutes=2))
        add_play(old, ours, "d/c", "hidden", T0 + timedelta(minutes=3))
        again = add_session(old, ["ben", "ANA"])
        add_play(old, again, "d/b", "answered", T0 + timedelta(days=1))
        theirs = add_session(old, ["Cy"])
        add_play(old, theirs, "d/a", "answered", T0 + timedelta(days=2))
        add_session(old, ["Dee"])  # no plays at all
        assert "seen" not in {row[0] for row in old.conn.execute("SELECT name FROM sqlite_master")}
    monkeypatch.undo()

    with open_database(path) as db:
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        assert seen_rows(db) == aggregate(db)
        assert last_seen(db, ["Ana", "Ben"]) == {
            "d/a": T0 + timedelta(minutes=9),
            "d/b": T0 + timedelta(days=1),
        }
        assert last_seen(db, ["Cy"]) == {"d/a": T0 + timedelta(days=2)}
        assert last_seen(db, ["Dee"]) == {}


def test_record_play_keeps_seen_current(db: Database, new_session: NewSession, play: Play) -> None:
    ours = new_session(players=["Ana", "Ben"])
    play(ours, 0, card_id="d/a", played_at=T0 + timedelta(minutes=10))
    play(ours, 1, card_id="d/a", played_at=T0 + timedelta(minutes=4))  # older: no move back
    play(ours, 2, card_id="d/b", outcome="passed")
    play(ours, 3, card_id="d/c", outcome="hidden")
    assert last_seen(db, ["Ana", "Ben"]) == {"d/a": T0 + timedelta(minutes=10)}
    play(ours, 4, card_id="d/a", played_at=T0 + timedelta(minutes=30))
    play(ours, 5, card_id="d/b", played_at=T0 + timedelta(minutes=31))
    assert last_seen(db, ["Ben", "Ana"]) == {
        "d/a": T0 + timedelta(minutes=30),
        "d/b": T0 + timedelta(minutes=31),
    }
    assert last_seen(db, ["Ana"]) == {}
    # Plays written straight into the table (bulk loads, benchmarks) count too.
    db.conn.execute(
        "INSERT INTO plays (session_id, position, card_id, deck_id, card_text, depth, kind, "
        "reader, answerers_json, outcome, played_at) "
        "VALUES (?, 6, 'd/z', 'd', 't', 1, 'question', 'Ana', '[]', 'answered', ?)",
        (ours, to_text(T0 + timedelta(hours=1))),
    )
    assert last_seen(db, ["Ana", "Ben"])["d/z"] == T0 + timedelta(hours=1)
    assert seen_rows(db) == aggregate(db)


def test_forget_session_recomputes_the_groups_cards(
    db: Database, new_session: NewSession, play: Play
) -> None:
    first = new_session(players=["Ana", "Ben"])
    play(first, 0, card_id="d/a", played_at=T0 + timedelta(minutes=1))
    play(first, 1, card_id="d/b", played_at=T0 + timedelta(minutes=2))
    play(first, 2, card_id="d/a", outcome="passed", played_at=T0 + timedelta(minutes=3))
    second = new_session(players=["Ben", "Ana"])
    play(second, 0, card_id="d/a", played_at=T0 + timedelta(days=1))
    play(second, 1, card_id="d/c", played_at=T0 + timedelta(days=1, minutes=1))
    play(second, 2, card_id="d/b", outcome="passed", played_at=T0 + timedelta(days=2))
    other = new_session(players=["Cy", "Dee"])
    play(other, 0, card_id="d/a", played_at=T0 + timedelta(days=3))

    assert forget_session(db, second)
    assert last_seen(db, ["Ana", "Ben"]) == {
        "d/a": T0 + timedelta(minutes=1),  # back to the first session's time
        "d/b": T0 + timedelta(minutes=2),
    }
    assert last_seen(db, ["Cy", "Dee"]) == {"d/a": T0 + timedelta(days=3)}
    assert seen_rows(db) == aggregate(db)

    # The group's last session gone: nothing of its key (their names) is left.
    assert forget_session(db, first)
    assert {row[0] for row in seen_rows(db)} == {players_key(["Cy", "Dee"])}
    assert seen_rows(db) == aggregate(db)


def test_forget_all_empties_seen(db: Database, new_session: NewSession, play: Play) -> None:
    for players in GROUPS:
        session = new_session(players=list(players))
        play(session, 0)
    assert len(seen_rows(db)) == len(GROUPS)
    forget_all(db)
    assert seen_rows(db) == set()
    assert last_seen(db, GROUPS[0]) == {}


def test_last_seen_reads_any_card_id(db: Database, new_session: NewSession, play: Play) -> None:
    # The fast read joins ids with the unit separator; an id holding it reads row by row.
    odd = ("d/with\x1fseparator", "d/ä ß,;\"'", "", "d/x")
    session = new_session()
    for position, card_id in enumerate(odd):
        play(session, position, card_id=card_id, played_at=T0 + timedelta(minutes=position))
    expected = {card_id: T0 + timedelta(minutes=n) for n, card_id in enumerate(odd)}
    assert last_seen(db, ["Ana", "Ben"]) == expected == expected_last_seen(db, ["Ana", "Ben"])


def test_from_texts_reads_what_to_text_writes() -> None:
    zones = (timezone.utc, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30)))
    moments = [datetime(2024, 2, 29, 23, 59, 59, 999_999, tzinfo=zone) for zone in zones]
    moments.append(datetime(1999, 12, 31, tzinfo=timezone.utc))
    back = from_texts([to_text(moment) for moment in moments])
    assert back == moments
    assert all(moment.utcoffset() == timedelta(0) for moment in back)
    assert back == [from_text(to_text(moment)) for moment in moments]
    # Text without a zone is read as UTC, as from_text does.
    naive = "2024-05-01T19:00:00.000000"
    assert from_texts([naive, to_text(T0)]) == [T0, T0] == [from_text(naive), T0]
    assert from_texts([]) == []


# An operation: (what, which, card, outcome, minutes). "start" a session of group
# ``which``; "play" a card in session ``which`` (wrapping round those not forgotten, one
# per group to begin with); "forget" session ``which``. Few cards and minutes, so the same
# card recurs in a group and equal times happen.
_OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(("start", "play", "play", "play", "forget")),
        st.integers(0, 20),
        st.sampled_from(CARDS),
        st.sampled_from(("answered", "answered", "passed", "hidden")),
        st.integers(0, 40),
    ),
    min_size=5,
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(operations=_OPERATIONS)
def test_last_seen_matches_the_plain_aggregate(
    operations: list[tuple[str, int, str, str, int]],
) -> None:
    db = open_memory_database()
    sessions = [add_session(db, group) for group in GROUPS]
    try:
        for what, which, card_id, outcome, minutes in operations:
            if what == "start":
                sessions.append(add_session(db, GROUPS[which % len(GROUPS)]))
            elif what == "play" and sessions:
                moment = T0 + timedelta(minutes=minutes)
                add_play(db, sessions[which % len(sessions)], card_id, outcome, moment)
            elif what == "forget" and sessions:
                assert forget_session(db, sessions.pop(which % len(sessions)))
        assert seen_rows(db) == aggregate(db)
        for group in GROUPS:
            assert last_seen(db, group) == expected_last_seen(db, group)
    finally:
        db.close()
