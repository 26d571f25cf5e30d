"""Tests for the JSON documents and the Markdown page made from what is kept."""

from __future__ import annotations

import json
from datetime import timedelta, timezone

import pytest

from closeness_cards.store.db import Database
from closeness_cards.store.export import (
    export_data,
    export_markdown,
    favourites_json,
    history_json,
    history_json_chunks,
)
from closeness_cards.store.favourites import add_favourite, hide_card, mark_revisit
from closeness_cards.store.history import end_session, record_checkin
from closeness_cards.text.formats import escape_markdown, format_duration, format_players
from support.store import T0, NewSession, Play


@pytest.fixture
def filled(db: Database, new_session: NewSession, play: Play) -> int:
    """A finished session with plays, check-ins, a revisit, favourites and a hidden card."""
    sid = new_session(players=["Ana", "Ben"])
    play(sid, 0, text="What made you *smile* today?")
    play(sid, 1, outcome="passed", next_position=1, text="A passed card")
    play(sid, 1, text="The replacement card")
    record_checkin(db, sid, player="Ana", moment="before", value=3, at=T0)
    record_checkin(db, sid, player="Ana", moment="after", value=5, at=T0)
    record_checkin(db, sid, player="Ben", moment="after", value=4, at=T0)
    mark_revisit(db, session_id=sid, card_id="dating/dt-01", text="A passed card", at=T0)
    mark_revisit(db, session_id=None, card_id="x/loose", text="Loose mark", at=T0)
    end_session(db, sid, status="finished", ended_at=T0 + timedelta(minutes=34))
    add_favourite(
        db,
        card_id="dating/dt-00",
        deck_id="dating",
        text="What made you *smile* today?",
        follow_up="Why that?",
        stages=["dating"],
        depth=1,
        at=T0,
    )
    add_favourite(
        db,
        card_id="family/f-1",
        deck_id="family",
        text="A family memory",
        follow_up=None,
        stages=["family"],
        depth=3,
        at=T0,
    )
    hide_card(db, card_id="dating/dt-09", deck_id="dating", text="Not for us", at=T0)
    return sid


def test_export_data_is_one_json_document_with_everything(db: Database, filled: int) -> None:
    document = export_data(db, exported_at=T0)
    assert json.loads(json.dumps(document)) == document
    assert document["format"] == "closeness-cards-export"
    assert document["version"] == 1
    assert document["exported_at"] == "2024-05-01T19:00:00+00:00"
    assert [f["card"] for f in document["favourites"]] == ["dating/dt-00", "family/f-1"]
    assert [h["card"] for h in document["hidden"]] == ["dating/dt-09"]
    assert [r["card"] for r in document["revisits"]] == ["x/loose"]
    [session] = document["sessions"]
    assert session["id"] == filled
    assert session["players"] == ["Ana", "Ben"]
    assert session["status"] == "finished"
    assert session["duration_seconds"] == 34 * 60
    assert (session["answered"], session["passed"]) == (2, 1)
    assert [p["outcome"] for p in session["plays"]] == ["answered", "passed", "answered"]
    assert session["plays"][0]["played_at"] == "2024-05-01T19:01:00+00:00"
    assert session["checkins"] == [
        {"player": "Ana", "moment": "before", "value": 3},
        {"player": "Ana", "moment": "after", "value": 5},
        {"player": "Ben", "moment": "after", "value": 4},
    ]
    assert [r["card"] for r in session["revisits"]] == ["dating/dt-01"]


def test_history_and_favourites_documents(db: Database, filled: int) -> None:
    history = history_json(db)
    assert history["format"] == "closeness-cards-history"
    assert [s["id"] for s in history["sessions"]] == [filled]
    assert "plays" not in history["sessions"][0]
    favourites = favourites_json(db)
    assert favourites["format"] == "closeness-cards-favourites"
    assert favourites["favourites"][0] == {
        "card": "dating/dt-00",
        "deck": "dating",
        "text": "What made you *smile* today?",
        "follow_up": "Why that?",
        "stages": ["dating"],
        "depth": 1,
        "added_at": "2024-05-01T19:00:00+00:00",
    }
    json.dumps(history)
    json.dumps(favourites)


def test_streamed_history_is_the_document_written_whole(
    db: Database, new_session: NewSession, play: Play, monkeypatch: pytest.MonkeyPatch
) -> None:
    def whole() -> str:
        return json.dumps(history_json(db), indent=2, ensure_ascii=False)

    assert "".join(history_json_chunks(db)) == whole()  # no sessions: "sessions": []
    monkeypatch.setattr("closeness_cards.store.history_stream.HISTORY_PAGE", 2)  # pages join too
    for number, players in enumerate(
        (["Ana", "Ben"], ['Zoë "Z"', "Bo\\b\u2028"], ["名前", "\x1b[31mred"], ["A", "B", "C"])
    ):
        sid = new_session(players=players)
        play(sid, 0, text=f"card {number}")
        if number % 2:
            end_session(db, sid, status="finished", ended_at=T0 + timedelta(seconds=61.5))
    assert "".join(history_json_chunks(db)) == whole()


def test_markdown_reads_well(db: Database, filled: int) -> None:
    page = export_markdown(db, exported_at=T0, tz=timezone.utc)
    assert page.startswith("# Closeness Cards\n")
    assert "Exported 2024-05-01 19:00." in page
    assert page.index("## Favourites") < page.index("### Dating") < page.index("### Family")
    assert "#### Depth 1 · warm-up" in page
    assert "#### Depth 3 · deep" in page
    assert "- What made you \\*smile\\* today?\n  - *Dig deeper:* Why that?" in page
    assert "### 2024-05-01 19:00 · Ana and Ben" in page
    assert "**Duration:** 34 min · **Status:** finished" in page
    assert "**Closeness:** Ana 3 → 5 · Ben 4 (after)" in page
    assert "1. What made you \\*smile\\* today? — *answered*" in page
    assert "2. A passed card — *passed*" in page
    assert "3. The replacement card — *answered*" in page
    assert "To revisit:" in page
    assert "Not for us" not in page  # hidden cards are not printed
    assert page.endswith("\n") and not page.endswith("\n\n")


def test_markdown_of_an_empty_history(db: Database) -> None:
    page = export_markdown(db, exported_at=T0, tz=timezone.utc)
    assert "No favourites yet." in page
    assert "No sessions yet." in page


def test_markdown_in_another_zone(db: Database, filled: int) -> None:
    page = export_markdown(db, exported_at=T0, tz=timezone(timedelta(hours=2)))
    assert "### 2024-05-01 21:00 · Ana and Ben" in page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("a_b*c`d[e]<f>|", "a\\_b\\*c\\`d\\[e\\]\\<f\\>\\|"),
        ("two\nlines", "two lines"),
    ],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


def test_format_helpers() -> None:
    assert format_players(["Ana"]) == "Ana"
    assert format_players(["Ana", "Ben"]) == "Ana and Ben"
    assert format_players(["Ana", "Ben", "Cy"]) == "Ana, Ben and Cy"
    assert format_duration(None) == "—"
    assert format_duration(20) == "under a minute"
    assert format_duration(34 * 60) == "34 min"
    assert format_duration(65 * 60) == "1 h 05 min"
