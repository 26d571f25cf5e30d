"""Tests for ``session_counts`` (schema 5) and the history's rows written straight to text."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_cards.store import db as db_module
from closeness_cards.store import schema
from closeness_cards.store.db import Database, open_database
from closeness_cards.store.export import history_json
from closeness_cards.store.history import forget_all, forget_session, list_sessions
from closeness_cards.store.history_stream import _summary_text, _Texts, history_json_chunks
from closeness_cards.store.records import summary_from_row
from closeness_cards.store.rows import BadRow
from closeness_cards.store.timestamps import to_text
from support.store import T0, NewSession, Play

COUNTED = """
    SELECT s.id, count(p.id) FILTER (WHERE p.outcome = 'answered'),
           count(p.id) FILTER (WHERE p.outcome = 'passed'),
           count(p.id) FILTER (WHERE p.outcome = 'hidden'),
           count(p.id) FILTER (WHERE p.outcome = 'answered' AND p.kind = 'question'),
           count(p.id) FILTER (WHERE p.outcome = 'answered' AND p.kind = 'action'),
           count(p.id) FILTER (WHERE p.outcome = 'answered' AND p.kind = 'closing')
    FROM sessions AS s LEFT JOIN plays AS p ON p.session_id = s.id GROUP BY s.id
"""
"""The counts as version 4 read them, from the plays themselves."""


def kept(db: Database) -> set[tuple[int, ...]]:
    """The counts as the history reads them now."""
    return {
        (s.id, s.answered, s.passed, s.hidden, s.questions, s.wildcards, s.closings)
        for s in list_sessions(db)
    }


def counted(db: Database) -> set[tuple[int, ...]]:
    return {tuple(row) for row in db.conn.execute(COUNTED)}


def test_counts_follow_every_insert_delete_and_update(
    db: Database, new_session: NewSession, play: Play
) -> None:
    first, second, empty = new_session(), new_session(players=["Cy", "Dee"]), new_session()
    play(first, 0)
    play(first, 1, outcome="passed")
    play(first, 1, kind="action")
    play(first, 2, outcome="hidden", kind="closing")
    play(first, 3, kind="closing")
    play(second, 0, kind="tip")
    assert counted(db) == kept(db)
    assert (empty, 0, 0, 0, 0, 0, 0) in kept(db)
    assert (first, 3, 1, 1, 1, 1, 1) in kept(db)
    with db.transaction() as conn:
        conn.execute(
            "UPDATE plays SET outcome = 'passed' WHERE session_id = ? AND kind = ?",
            (first, "action"),
        )
        conn.execute(
            "UPDATE plays SET session_id = ? WHERE session_id = ? AND position = 0", (second, first)
        )
        conn.execute("UPDATE plays SET kind = 'action' WHERE session_id = ?", (second,))
    assert counted(db) == kept(db)
    with db.transaction() as conn:
        conn.execute("DELETE FROM plays WHERE session_id = ? AND position = 3", (first,))
    assert counted(db) == kept(db)
    assert forget_session(db, second)
    assert counted(db) == kept(db)
    assert (
        db.conn.execute(
            "SELECT count(*) FROM session_counts WHERE session_id = ?", (second,)
        ).fetchone()[0]
        == 0
    )
    forget_all(db)
    assert db.conn.execute("SELECT count(*) FROM session_counts").fetchone()[0] == 0


def test_migration_from_version_4_counts_the_plays_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    monkeypatch.setattr(db_module, "MIGRATIONS", schema.MIGRATIONS[:4])
    monkeypatch.setattr(db_module, "LATEST_VERSION", 4)
    with open_database(path) as old:
        sessions = []
        for number in range(3):
            sid = old.conn.execute(
                "INSERT INTO sessions (started_at, stage, shape, depth, seed, players_json, "
                "players_key, decks_json, options_json) "
                "VALUES (?, 'dating', 'quick', 'rise', 1, '[\"A\"]', '[\"a\"]', '[]', '{}')",
                (to_text(T0 + timedelta(minutes=number)),),
            ).lastrowid
            sessions.append(sid)
        for position, (outcome, kind) in enumerate(
            [("answered", "question"), ("passed", "question"), ("answered", "action"),
             ("hidden", "closing"), ("answered", "closing")]
        ):  # fmt: skip
            old.conn.execute(
                "INSERT INTO plays (session_id, position, card_id, deck_id, card_text, depth, "
                "kind, reader, answerers_json, outcome, played_at) "
                "VALUES (?, ?, 'd/a', 'd', 't', 1, ?, 'A', '[]', ?, ?)",
                (sessions[position % 2], position, kind, outcome, to_text(T0)),
            )
    monkeypatch.undo()
    with open_database(path) as db:
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        assert counted(db) == kept(db)
        assert (sessions[2], 0, 0, 0, 0, 0, 0) in kept(db)


ROW = (
    7, to_text(T0), to_text(T0 + timedelta(minutes=25, microseconds=5)), "finished", "dating",
    "quick", "rise", -(2**63), '["Ana", "Ben"]', '["dating"]', 5, 1, 0, 1500.25, 4, 1, 0,
)  # fmt: skip


def slow(row: tuple[Any, ...]) -> str | None:
    try:
        return _summary_text(summary_from_row(row))
    except BadRow:
        return None


def with_(**changes: Any) -> tuple[Any, ...]:
    names = (
        "id", "started", "ended", "status", "stage", "shape", "depth", "seed", "players",
        "decks", "answered", "passed", "hidden", "seconds", "questions", "wildcards", "closings",
    )  # fmt: skip
    values = dict(zip(names, ROW, strict=True))
    values.update(changes)
    return tuple(values.values())


@pytest.mark.parametrize(
    "row",
    [
        ROW,
        with_(seconds=None),
        with_(seconds=None, ended=None),
        with_(seconds=None, ended=to_text(T0 - timedelta(hours=1))),  # ended before start: 0
        with_(seconds=0.0, started=to_text(T0 + timedelta(microseconds=1))),
        with_(players='["Zoë \\"Z\\"", "名前", "\\u001b[31m", "\\u2028"]', decks="[]"),
        with_(stage="famille \u00e9t\u00e9", status="active", seconds=1e9),
    ],
)
def test_a_row_written_straight_is_the_summary_written(row: tuple[Any, ...]) -> None:
    texts = _Texts()
    assert texts.row(row) == slow(row) is not None
    assert texts.row(row) == slow(row)  # from what it remembered, the same again


@pytest.mark.parametrize(
    "row",
    [
        with_(seconds=61),  # whole seconds: the long way reads them
        with_(seconds=-1.0),
        with_(seconds=2e9),
        with_(status="lost"),
        with_(answered=-1),
        with_(passed=True),
        with_(questions="4"),
        with_(started="yesterday"),
        with_(started="2024-05-01T19:00:00"),  # no zone
        with_(ended="2024-05-01T19:00:00+02:00"),
        with_(ended=b"2024"),
        with_(players='["Ana", 3]'),
        with_(decks="not json"),
        with_(seed=1.5),
        with_(depth=None),
    ],
)
def test_any_other_row_takes_the_long_way(row: tuple[Any, ...]) -> None:
    assert _Texts().row(row) is None


@settings(max_examples=60, deadline=None)
@given(
    seconds=st.one_of(st.none(), st.floats(min_value=0, max_value=1e9), st.integers(0, 10**9)),
    ended=st.one_of(st.none(), st.integers(-(10**6), 10**8)),
    names=st.lists(st.text(max_size=5), max_size=3),
)
def test_the_two_ways_agree(seconds: Any, ended: int | None, names: list[str]) -> None:
    row = with_(
        seconds=seconds,
        ended=None if ended is None else to_text(T0 + timedelta(seconds=ended)),
        players=json.dumps(names),
    )
    fast = _Texts().row(row)
    assert fast is None or fast == slow(row)


def test_streamed_history_skips_and_counts_what_cannot_be_read(
    db: Database, new_session: NewSession, play: Play, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("closeness_cards.store.history_stream.HISTORY_PAGE", 2)
    for number in range(5):
        play(new_session(started_at=T0 + timedelta(minutes=number % 2)), 0)
    with db.transaction() as conn:
        conn.execute("UPDATE sessions SET players_json = 'oops' WHERE id = 2")
        conn.execute("UPDATE session_counts SET passed = 'x' WHERE session_id = 4")
    streamed = json.loads("".join(history_json_chunks(db)))
    assert [s["id"] for s in streamed["sessions"]] == [5, 3, 1]
    assert streamed == history_json(db)
    assert db.unreadable.count("session") == 2
