"""The first rows of the favourites and hidden lists, ordered and cut by SQLite.

A screen shows the first 100 of each list: SQLite orders them as ``favourite_order`` does
and hands over one page; a damaged row in it is skipped and the next page read, so the
screen still shows the first 100 that can be read.
"""

from __future__ import annotations

import gc
import os
from datetime import timedelta
from pathlib import Path

import pytest

from closeness_cards.store.db import Database, open_database
from closeness_cards.store.favourites import (
    add_favourite,
    count_favourites,
    count_hidden,
    favourite_ids,
    hidden_ids,
    hide_card,
    list_favourites,
    list_hidden,
)
from support.store import T0


def keep(
    db: Database,
    card: str,
    stages: list[str],
    depth: int = 1,
    minutes: int = 0,
    player: str | None = None,
) -> None:
    add_favourite(
        db,
        card_id=card,
        deck_id=card.split("/")[0],
        text=f"Text of {card}",
        follow_up=None,
        stages=stages,
        depth=depth,
        at=T0 + timedelta(minutes=minutes),
        player=player,
    )


def test_the_first_rows_are_ordered_in_sqlite_as_in_python(db: Database) -> None:
    keep(db, "x/none", [])
    keep(db, "x/custom-b", ["zoo"])
    keep(db, "x/custom-a", ["yak", "dating"], 2)
    keep(db, "x/family", ["family"])
    keep(db, "x/family-kids", ["family-kids"])
    keep(db, "x/dating-deep", ["dating"], 3)
    keep(db, "x/dating-late", ["dating", "family"], 1, 9)
    keep(db, "x/dating-early", ["dating"], 1, 1)
    keep(db, "x/dating-tie", ["dating"], 1, 1)
    keep(db, "x/dating-tie", ["dating"], 1, 1, "Ben")  # one card, a favourite per player
    keep(db, "x/dating-tie", ["dating"], 1, 1, "Ana")
    keep(db, "x/long-term", ["long-term"], 2, player="Ana")
    keep(db, "x/later-life", ["later-life"])
    whole = list_favourites(db)
    assert [(f.card_id, f.player) for f in whole[1:4]] == [
        ("x/dating-tie", None),
        ("x/dating-tie", "Ana"),
        ("x/dating-tie", "Ben"),
    ]
    assert len(whole) == count_favourites(db) == 13
    for limit in range(len(whole) + 2):
        assert list_favourites(db, limit) == whole[:limit]


def test_damaged_rows_among_the_first_leave_the_list_full(db: Database) -> None:
    for n in range(105):
        keep(db, f"x/c{n:03d}", ["dating"], 1, n, "Ana" if n % 2 else None)
    with db.transaction() as conn:  # three of the first hundred can no longer be read
        conn.execute("UPDATE favourites SET text = X'00' WHERE card_id = 'x/c010'")
        conn.execute("UPDATE favourites SET stages_json = '[nope' WHERE card_id = 'x/c020'")
        conn.execute("UPDATE favourites SET stages_json = '[7]' WHERE card_id = 'x/c031'")
    whole = list_favourites(db)
    assert len(whole) == 102
    first = list_favourites(db, 100)
    assert first == whole[:100]
    assert first[-1].card_id == "x/c102"
    assert db.unreadable.count("favourite") == 3
    assert count_favourites(db) == 105  # what is on disk, damaged rows too
    # The heart needs only the id: a favourite with a damaged value is still one.
    assert {"x/c010", "x/c020", "x/c031"} <= favourite_ids(db)
    assert "x/c031" in favourite_ids(db, "Ana")
    assert "x/c020" not in favourite_ids(db, "Ana")  # the household's, not Ana's


def test_a_stage_list_of_another_type_does_not_stop_the_ordered_read(db: Database) -> None:
    keep(db, "x/dating", ["dating"])
    keep(db, "x/blob", ["dating"])
    keep(db, "x/number", ["dating"])
    with db.transaction() as conn:
        conn.execute("UPDATE favourites SET stages_json = X'5B5D' WHERE card_id = 'x/blob'")
        conn.execute("UPDATE favourites SET stages_json = 12 WHERE card_id = 'x/number'")
    assert [f.card_id for f in list_favourites(db, 10)] == ["x/dating"]


def test_hidden_cards_first_rows_and_count(db: Database) -> None:
    for n in range(104):
        hide_card(db, card_id=f"d/h{n:03d}", deck_id="d", text="t", at=T0 + timedelta(minutes=n))
    with db.transaction() as conn:
        conn.execute("UPDATE hidden SET text = X'00' WHERE card_id IN ('d/h100', 'd/h050')")
    whole = list_hidden(db)
    assert [h.card_id for h in whole[:3]] == ["d/h103", "d/h102", "d/h101"]
    assert len(whole) == 102
    for limit in (0, 1, 99, 100, 101, 102, 103):
        assert list_hidden(db, limit) == whole[:limit]
    assert count_hidden(db) == 104


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to list open files")
@pytest.mark.parametrize(
    ("table", "player"), [("favourites", None), ("favourites", "Ana"), ("hidden", None)]
)
def test_reading_ids_past_text_that_is_not_utf8_lets_the_file_go(
    home: Path, table: str, player: str | None
) -> None:
    db = open_database()
    keep(db, "x/kept", ["dating"], player="Ana")
    keep(db, "x/bad", ["dating"], player="Ana")
    hide_card(db, card_id="x/kept", deck_id="x", text="t")
    hide_card(db, card_id="x/bad", deck_id="x", text="t")
    with db.transaction() as conn:
        conn.execute(
            f"UPDATE {table} SET card_id = CAST(X'416EFF61' AS TEXT) WHERE card_id = 'x/bad'"
        )
    # With the collector paused, only a reference cycle could keep the cursor (and the
    # file) alive after closing: what the hostile tests met as a copy over an open file.
    gc.disable()
    try:
        read = favourite_ids(db, player) if table == "favourites" else hidden_ids(db)
        assert read == {"x/kept"}
        path = str(db.path)
        db.close()
    finally:
        gc.enable()
    assert not [fd for fd in Path("/proc/self/fd").iterdir() if _points_to(fd, path)]


def _points_to(fd: Path, path: str) -> bool:
    try:
        return os.readlink(fd).startswith(path)
    except OSError:  # closed since it was listed
        return False
