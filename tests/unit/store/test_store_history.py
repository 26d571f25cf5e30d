"""Tests for recording sessions and plays and reading history back."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from closeness_cards.store.db import Database
from closeness_cards.store.favourites import mark_revisit
from closeness_cards.store.history import (
    CheckIn,
    PlayRecord,
    SessionNotFound,
    TrendPoint,
    abandon_session,
    checkin_trend,
    end_session,
    forget_all,
    forget_session,
    last_seen,
    list_sessions,
    players_key,
    record_checkin,
    session_detail,
    session_summary,
    unfinished_session,
    update_plan,
)
from support.store import T0, NewSession, Play


def test_start_session_records_everything_given(db: Database, new_session: NewSession) -> None:
    sid = new_session(players=["Ana", "Ben", "Cy"], decks=["dating", "fun"], seed=42)
    summary = session_summary(db, sid)
    assert summary is not None
    assert summary.id == sid
    assert summary.started_at == T0
    assert summary.ended_at is None
    assert summary.status == "active"
    assert (summary.stage, summary.shape, summary.depth) == ("dating", "quick", "rise")
    assert summary.seed == 42
    assert summary.players == ("Ana", "Ben", "Cy")
    assert summary.decks == ("dating", "fun")
    assert (summary.answered, summary.passed, summary.hidden) == (0, 0, 0)
    assert summary.duration_seconds is None


def test_record_play_commits_the_play_and_moves_the_resume_point(
    db: Database, new_session: NewSession, play: Play
) -> None:
    sid = new_session()
    play(sid, 0)
    play(sid, 1, outcome="passed", next_position=1)
    play(sid, 1, card_id="dating/dt-99", answerers=["Ben", "Ana"])
    resumable = unfinished_session(db)
    assert resumable is not None
    assert resumable.position == 2
    detail = session_detail(db, sid)
    assert detail is not None
    assert [p.outcome for p in detail.plays] == ["answered", "passed", "answered"]
    assert detail.plays[2] == PlayRecord(
        position=1,
        card_id="dating/dt-99",
        deck_id="dating",
        text="Card number 1",
        depth=1,
        kind="question",
        reader="Ana",
        answerers=("Ben", "Ana"),
        outcome="answered",
        played_at=T0 + timedelta(minutes=3),
    )
    assert not db.conn.in_transaction  # committed, not pending


def test_record_play_rejects_bad_outcomes_and_unknown_sessions(
    new_session: NewSession, play: Play
) -> None:
    sid = new_session()
    with pytest.raises(ValueError, match="outcome"):
        play(sid, 0, outcome="skipped")
    with pytest.raises(SessionNotFound):
        play(sid + 100, 0)


def test_naive_datetimes_are_refused(new_session: NewSession, play: Play) -> None:
    with pytest.raises(ValueError, match="timezone"):
        new_session(started_at=datetime(2024, 5, 1, 19, 0))
    sid = new_session()
    with pytest.raises(ValueError, match="timezone"):
        play(sid, 0, played_at=datetime(2024, 5, 1, 19, 0))


def test_other_zones_are_stored_as_utc(db: Database, new_session: NewSession) -> None:
    plus_two = timezone(timedelta(hours=2))
    sid = new_session(started_at=datetime(2024, 5, 1, 21, 0, tzinfo=plus_two))
    summary = session_summary(db, sid)
    assert summary is not None
    assert summary.started_at == T0
    assert summary.started_at.utcoffset() == timedelta(0)


def test_update_plan_replaces_the_saved_deal(db: Database, new_session: NewSession) -> None:
    sid = new_session(plan_json='{"v": 1}')
    update_plan(db, sid, '{"v": 2}')
    resumable = unfinished_session(db)
    assert resumable is not None and resumable.plan_json == '{"v": 2}'
    with pytest.raises(SessionNotFound):
        update_plan(db, sid + 1, "{}")


@pytest.mark.parametrize("status", ["finished", "ended-early", "abandoned"])
def test_end_session_sets_status_and_duration(
    db: Database, new_session: NewSession, status: str
) -> None:
    sid = new_session()
    end_session(db, sid, status=status, ended_at=T0 + timedelta(minutes=34))
    summary = session_summary(db, sid)
    assert summary is not None
    assert summary.status == status
    assert summary.ended_at == T0 + timedelta(minutes=34)
    assert summary.duration_seconds == 34 * 60
    assert unfinished_session(db) is None


def test_end_session_validates(db: Database, new_session: NewSession) -> None:
    sid = new_session()
    with pytest.raises(ValueError, match="status"):
        end_session(db, sid, status="active", ended_at=T0)
    with pytest.raises(SessionNotFound):
        end_session(db, sid + 1, status="finished", ended_at=T0)


def test_unfinished_session_is_the_newest_active_one(db: Database, new_session: NewSession) -> None:
    assert unfinished_session(db) is None
    older = new_session(started_at=T0)
    newer = new_session(started_at=T0 + timedelta(days=1), options={"timer": True})
    finished = new_session(started_at=T0 + timedelta(days=2))
    end_session(db, finished, status="finished", ended_at=T0 + timedelta(days=2, hours=1))
    resumable = unfinished_session(db)
    assert resumable is not None
    assert resumable.summary.id == newer
    assert resumable.options == {"timer": True}
    abandon_session(db, newer, T0 + timedelta(days=1, hours=1))
    resumable = unfinished_session(db)
    assert resumable is not None and resumable.summary.id == older


def test_abandon_ends_at_the_last_recorded_moment_by_default(
    db: Database, new_session: NewSession, play: Play
) -> None:
    sid = new_session()
    play(sid, 0)
    play(sid, 1)  # played at T0 + 3 min
    abandon_session(db, sid)
    summary = session_summary(db, sid)
    assert summary is not None
    assert summary.status == "abandoned"
    assert summary.ended_at == T0 + timedelta(minutes=3)

    empty = new_session()
    abandon_session(db, empty)
    summary = session_summary(db, empty)
    assert summary is not None and summary.ended_at == T0


def test_abandon_leaves_ended_sessions_alone(db: Database, new_session: NewSession) -> None:
    sid = new_session()
    end_session(db, sid, status="finished", ended_at=T0 + timedelta(minutes=5))
    abandon_session(db, sid, T0 + timedelta(days=3))
    summary = session_summary(db, sid)
    assert summary is not None and summary.status == "finished"
    with pytest.raises(SessionNotFound):
        abandon_session(db, sid + 1)


def test_list_sessions_newest_first_with_counts(
    db: Database, new_session: NewSession, play: Play
) -> None:
    ids = [new_session(started_at=T0 + timedelta(days=day)) for day in range(5)]
    play(ids[1], 0)
    play(ids[1], 1, outcome="passed")
    play(ids[1], 1)
    play(ids[1], 2, outcome="hidden")
    sessions = list_sessions(db)
    assert [s.id for s in sessions] == list(reversed(ids))
    counts = {s.id: (s.answered, s.passed, s.hidden) for s in sessions}
    assert counts[ids[1]] == (2, 1, 1)
    assert counts[ids[0]] == (0, 0, 0)


def test_list_sessions_pages(db: Database, new_session: NewSession) -> None:
    ids = [new_session(started_at=T0 + timedelta(days=day)) for day in range(5)]
    assert [s.id for s in list_sessions(db, limit=2)] == [ids[4], ids[3]]
    assert [s.id for s in list_sessions(db, limit=2, offset=2)] == [ids[2], ids[1]]
    assert [s.id for s in list_sessions(db, offset=4)] == [ids[0]]
    assert list_sessions(db, limit=0) == []


def test_session_detail_has_plays_checkins_and_revisits(
    db: Database, new_session: NewSession, play: Play
) -> None:
    sid = new_session()
    play(sid, 0)
    record_checkin(db, sid, player="Ben", moment="after", value=6, at=T0)
    record_checkin(db, sid, player="Ana", moment="before", value=3, at=T0)
    mark_revisit(db, session_id=sid, card_id="dating/dt-00", text="Card number 0", at=T0)
    detail = session_detail(db, sid)
    assert detail is not None
    assert detail.summary.answered == 1
    assert [p.card_id for p in detail.plays] == ["dating/dt-00"]
    assert detail.checkins == (CheckIn("Ana", "before", 3), CheckIn("Ben", "after", 6))
    assert [r.card_id for r in detail.revisits] == ["dating/dt-00"]
    assert session_detail(db, sid + 1) is None
    assert session_summary(db, sid + 1) is None


def test_checkins_are_validated_and_replaced(db: Database, new_session: NewSession) -> None:
    sid = new_session()
    record_checkin(db, sid, player="Ana", moment="before", value=2, at=T0)
    record_checkin(db, sid, player="Ana", moment="before", value=4, at=T0)
    detail = session_detail(db, sid)
    assert detail is not None and detail.checkins == (CheckIn("Ana", "before", 4),)
    for bad in (0, 8, True):
        with pytest.raises(ValueError, match="1 to 7"):
            record_checkin(db, sid, player="Ana", moment="after", value=bad, at=T0)
    with pytest.raises(ValueError, match="moment"):
        record_checkin(db, sid, player="Ana", moment="during", value=3, at=T0)
    with pytest.raises(SessionNotFound):
        record_checkin(db, sid + 1, player="Ana", moment="after", value=3, at=T0)


def test_players_key_ignores_order_case_and_spaces() -> None:
    assert players_key(["Ana", "Ben"]) == players_key([" ben", "ANA "])
    assert players_key(["Ana", "Ben"]) != players_key(["Ana", "Ben", "Cy"])


def test_last_seen_counts_answered_cards_of_exactly_this_group(
    db: Database, new_session: NewSession, play: Play
) -> None:
    ours = new_session(players=["Ana", "Ben"])
    play(ours, 0, card_id="d/a", played_at=T0 + timedelta(minutes=1))
    play(ours, 1, card_id="d/passed", outcome="passed")
    later = new_session(players=["ben", "ana"], started_at=T0 + timedelta(days=1))
    play(later, 0, card_id="d/a", played_at=T0 + timedelta(days=1, minutes=5))
    play(later, 1, card_id="d/b", played_at=T0 + timedelta(days=1, minutes=7))
    others = new_session(players=["Ana", "Ben", "Cy"])
    play(others, 0, card_id="d/theirs")

    seen = last_seen(db, ["BEN", "Ana"])
    assert seen == {
        "d/a": T0 + timedelta(days=1, minutes=5),
        "d/b": T0 + timedelta(days=1, minutes=7),
    }
    assert last_seen(db, ["Zed", "Yan"]) == {}


def test_checkin_trend_oldest_first_keyed_by_the_callers_names(
    db: Database, new_session: NewSession
) -> None:
    first = new_session(players=["Ana", "Ben"], started_at=T0)
    second = new_session(players=["ana", "ben"], started_at=T0 + timedelta(days=7))
    new_session(players=["Ana", "Ben"], started_at=T0 + timedelta(days=8))  # no check-ins
    other = new_session(players=["Ana", "Cy"], started_at=T0)
    record_checkin(db, first, player="Ana", moment="before", value=3, at=T0)
    record_checkin(db, first, player="Ana", moment="after", value=5, at=T0)
    record_checkin(db, first, player="Ben", moment="after", value=4, at=T0)
    record_checkin(db, second, player="ana", moment="before", value=6, at=T0)
    record_checkin(db, other, player="Cy", moment="before", value=1, at=T0)

    assert checkin_trend(db, ["Ana", "Ben"]) == [
        TrendPoint(first, T0, {"Ana": (3, 5), "Ben": (None, 4)}),
        TrendPoint(second, T0 + timedelta(days=7), {"Ana": (6, None), "Ben": (None, None)}),
    ]


def test_forget_session_removes_it_and_everything_in_it(
    db: Database, new_session: NewSession, play: Play
) -> None:
    kept = new_session()
    gone = new_session()
    play(gone, 0)
    record_checkin(db, gone, player="Ana", moment="before", value=3, at=T0)
    mark_revisit(db, session_id=gone, card_id="d/x", text="x", at=T0)
    assert forget_session(db, gone) is True
    assert forget_session(db, gone) is False
    assert [s.id for s in list_sessions(db)] == [kept]
    for table in ("plays", "checkins", "revisits", "session_plans"):
        count = db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert count == (1 if table == "session_plans" else 0), table


def test_forget_all_empties_every_table(db: Database, new_session: NewSession, play: Play) -> None:
    sid = new_session()
    play(sid, 0)
    db.conn.execute("INSERT INTO settings VALUES ('player_names', '[\"Ana\"]')")
    db.conn.execute(
        "INSERT INTO favourites (card_id, deck_id, text, follow_up, stages_json, depth, "
        "added_at) VALUES ('d/a', 'd', 't', NULL, '[]', 1, 'x')"
    )
    db.conn.execute("INSERT INTO hidden VALUES ('d/b', 'd', 't', 'x')")
    forget_all(db)
    tables = [
        row[0]
        for row in db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    ]
    for table in tables:
        assert db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
