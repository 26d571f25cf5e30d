"""Tests for favourites, hidden cards, revisit marks and settings."""

from __future__ import annotations

from datetime import timedelta

from closeness_cards.store.db import Database
from closeness_cards.store.favourites import (
    Favourite,
    HiddenCard,
    Revisit,
    add_favourite,
    favourite_ids,
    hidden_ids,
    hide_card,
    is_favourite,
    list_favourites,
    list_hidden,
    list_revisits,
    mark_revisit,
    remove_favourite,
    stage_rank,
    unhide_card,
    unmark_revisit,
)
from closeness_cards.store.settings import delete_setting, get_setting, set_setting
from support.store import T0, NewSession


def favourite(db: Database, card: str, stages: list[str], depth: int, minutes: int) -> None:
    add_favourite(
        db,
        card_id=card,
        deck_id=card.split("/")[0],
        text=f"Text of {card}",
        follow_up=None,
        stages=stages,
        depth=depth,
        at=T0 + timedelta(minutes=minutes),
    )


def test_add_and_read_a_favourite(db: Database) -> None:
    add_favourite(
        db,
        card_id="dating/dt-01",
        deck_id="dating",
        text="What would make today great?",
        follow_up="And tomorrow?",
        stages=["dating", "early"],
        depth=1,
        at=T0,
    )
    assert is_favourite(db, "dating/dt-01")
    assert not is_favourite(db, "dating/dt-02")
    assert favourite_ids(db) == {"dating/dt-01"}
    assert list_favourites(db) == [
        Favourite(
            card_id="dating/dt-01",
            deck_id="dating",
            text="What would make today great?",
            follow_up="And tomorrow?",
            stages=("dating", "early"),
            depth=1,
            added_at=T0,
        )
    ]


def test_adding_again_refreshes_the_snapshot_but_keeps_the_date(db: Database) -> None:
    favourite(db, "d/a", ["dating"], 1, 0)
    add_favourite(
        db,
        card_id="d/a",
        deck_id="d",
        text="New wording",
        follow_up="More",
        stages=["early"],
        depth=2,
        at=T0 + timedelta(days=1),
    )
    [only] = list_favourites(db)
    assert (only.text, only.follow_up, only.stages, only.depth) == (
        "New wording",
        "More",
        ("early",),
        2,
    )
    assert only.added_at == T0


def test_remove_favourite(db: Database) -> None:
    favourite(db, "d/a", ["dating"], 1, 0)
    assert remove_favourite(db, "d/a") is True
    assert remove_favourite(db, "d/a") is False
    assert favourite_ids(db) == set()


def test_favourites_order_stage_arc_then_depth_then_date(db: Database) -> None:
    favourite(db, "x/none", [], 1, 0)
    favourite(db, "x/custom", ["zoo"], 1, 0)
    favourite(db, "x/family", ["family"], 1, 0)
    favourite(db, "x/dating-deep", ["dating"], 3, 0)
    favourite(db, "x/dating-late", ["dating", "family"], 1, 9)
    favourite(db, "x/dating-early", ["dating"], 1, 1)
    favourite(db, "x/long-term", ["long-term"], 2, 0)
    order = [f.card_id for f in list_favourites(db)]
    assert order == [
        "x/dating-early",
        "x/dating-late",
        "x/dating-deep",
        "x/long-term",
        "x/family",
        "x/custom",
        "x/none",
    ]


def test_stage_rank() -> None:
    assert stage_rank(["dating"]) < stage_rank(["early"]) < stage_rank(["family"])
    assert stage_rank(["family"]) < stage_rank(["custom"]) < stage_rank([])


def test_a_favourite_survives_its_deck_being_removed(db: Database) -> None:
    # Nothing refers to decks on disk: the snapshot is all a favourite needs.
    favourite(db, "gone-deck/c1", ["dating"], 1, 0)
    assert list_favourites(db)[0].text == "Text of gone-deck/c1"


def test_hide_and_unhide(db: Database) -> None:
    hide_card(db, card_id="d/a", deck_id="d", text="A", at=T0)
    hide_card(db, card_id="d/b", deck_id="d", text="B", at=T0 + timedelta(minutes=1))
    hide_card(db, card_id="d/a", deck_id="d", text="A again", at=T0 + timedelta(days=1))
    assert hidden_ids(db) == {"d/a", "d/b"}
    assert list_hidden(db) == [
        HiddenCard("d/b", "d", "B", T0 + timedelta(minutes=1)),
        HiddenCard("d/a", "d", "A again", T0),
    ]
    assert unhide_card(db, "d/a") is True
    assert unhide_card(db, "d/a") is False
    assert hidden_ids(db) == {"d/b"}


def test_revisit_marks_per_session_and_outside_sessions(
    db: Database, new_session: NewSession
) -> None:
    sid = new_session()
    mark_revisit(db, session_id=sid, card_id="d/a", text="A", at=T0)
    mark_revisit(db, session_id=sid, card_id="d/a", text="A", at=T0 + timedelta(hours=1))
    mark_revisit(db, session_id=sid, card_id="d/b", text="B", at=T0 + timedelta(minutes=1))
    mark_revisit(db, session_id=None, card_id="d/c", text="C", at=T0 + timedelta(minutes=2))
    mark_revisit(db, session_id=None, card_id="d/c", text="C", at=T0 + timedelta(minutes=3))
    assert list_revisits(db, sid) == [
        Revisit(sid, "d/a", "A", T0),
        Revisit(sid, "d/b", "B", T0 + timedelta(minutes=1)),
    ]
    assert [r.card_id for r in list_revisits(db)] == ["d/c", "d/b", "d/a"]
    assert unmark_revisit(db, None, "d/c") is True
    assert unmark_revisit(db, None, "d/c") is False
    assert unmark_revisit(db, sid, "d/a") is True
    assert [r.card_id for r in list_revisits(db)] == ["d/b"]


def test_settings_round_trip_json_values(db: Database) -> None:
    assert get_setting(db, "player_names") is None
    assert get_setting(db, "theme", "dark") == "dark"
    set_setting(db, "player_names", ["Ana", "Zoë"])
    set_setting(db, "theme", "light")
    set_setting(db, "theme", {"name": "light", "contrast": 2})
    assert get_setting(db, "player_names") == ["Ana", "Zoë"]
    assert get_setting(db, "theme") == {"name": "light", "contrast": 2}
    assert delete_setting(db, "theme") is True
    assert delete_setting(db, "theme") is False
    assert get_setting(db, "theme", 1) == 1


def test_a_damaged_setting_falls_back_to_the_default(db: Database) -> None:
    db.conn.execute("INSERT INTO settings VALUES ('theme', '{not json')")
    assert get_setting(db, "theme", "dark") == "dark"
