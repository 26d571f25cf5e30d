"""Favourites kept at a seat belong to the player who kept them (schema 7).

Decided: one card is one favourite per player. Two seats keeping the same card keep two
favourites, one each; taking one out leaves the other. A favourite kept anywhere else (the
plain game, one laptop) has no player, is the household's, and reads as before seats.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from closeness_cards.store import db as db_module
from closeness_cards.store import schema
from closeness_cards.store.db import Database, open_database
from closeness_cards.store.export import export_data, favourites_json
from closeness_cards.store.favourites import (
    add_favourite,
    favourite_ids,
    list_favourites,
    remove_favourite,
    remove_kept,
)
from closeness_cards.store.fields import ImportRefused
from closeness_cards.store.history import forget_all
from closeness_cards.store.importing import check_document
from closeness_cards.store.merging import Imported, import_document
from support.store import T0


def keep(db: Database, card: str, player: str | None = None, minutes: int = 0) -> None:
    add_favourite(
        db,
        card_id=card,
        deck_id=card.split("/")[0],
        text=f"Text of {card}",
        follow_up=None,
        stages=["dating"],
        depth=1,
        at=T0 + timedelta(minutes=minutes),
        player=player,
    )


def whose(db: Database) -> list[tuple[str, str | None]]:
    return [(f.card_id, f.player) for f in list_favourites(db)]


def test_two_players_keeping_one_card_keep_two_favourites(db: Database) -> None:
    keep(db, "d/a", "Ana")
    keep(db, "d/a", "Ben")
    keep(db, "d/a", "Ana")  # again: refreshes, adds nothing
    keep(db, "d/a")
    assert whose(db) == [("d/a", None), ("d/a", "Ana"), ("d/a", "Ben")]
    assert favourite_ids(db) == favourite_ids(db, "Ana") == {"d/a"}
    assert favourite_ids(db, "Cai") == set()
    assert remove_kept(db, "d/a", "Ben")
    assert not remove_kept(db, "d/a", "Ben")
    assert whose(db) == [("d/a", None), ("d/a", "Ana")]
    assert remove_kept(db, "d/a", None)
    assert whose(db) == [("d/a", "Ana")]
    assert remove_favourite(db, "d/a")  # the plain game's heart off: every one of the card
    assert whose(db) == []


def test_favourites_json_says_whose_only_when_a_player_kept_it(db: Database) -> None:
    keep(db, "d/a")
    keep(db, "d/b", "Zoë", minutes=1)
    first, second = favourites_json(db)["favourites"]
    assert "player" not in first  # the household's: as before seats
    assert second["player"] == "Zoë"


def test_a_round_trip_keeps_the_player(db: Database, tmp_path: Path) -> None:
    keep(db, "d/a")
    keep(db, "d/a", "Ana", minutes=1)
    keep(db, "d/b", "Ben", minutes=2)
    document = json.loads(json.dumps(export_data(db)))
    with open_database(tmp_path / "other.sqlite3") as other:
        imported = import_document(other, check_document(document))
        assert imported == Imported(favourites=3)
        assert whose(other) == whose(db)
        again = import_document(other, check_document(document))
        assert again == Imported(favourites_here=3)


def test_an_export_made_before_seats_imports_as_the_households(db: Database) -> None:
    document: dict[str, Any] = {
        "format": "closeness-cards-export",
        "version": 1,
        "exported_at": T0.isoformat(),
        "favourites": [
            {
                "card": "d/a",
                "deck": "d",
                "text": "Old",
                "follow_up": None,
                "stages": ["dating"],
                "depth": 2,
                "added_at": T0.isoformat(),
            }
        ],
        "hidden": [],
        "revisits": [],
        "sessions": [],
    }
    assert import_document(db, check_document(document)) == Imported(favourites=1)
    assert whose(db) == [("d/a", None)]
    # A null player reads as none, too; a player's copy of the same card is another one.
    document["favourites"][0]["player"] = None
    assert import_document(db, check_document(document)) == Imported(favourites_here=1)
    document["favourites"][0]["player"] = "Ana"
    assert import_document(db, check_document(document)) == Imported(favourites=1)
    assert whose(db) == [("d/a", None), ("d/a", "Ana")]


@pytest.mark.parametrize("player", ["", " Ana", 7, "A\nna"])
def test_a_player_the_game_would_not_take_is_refused(player: object) -> None:
    favourite = {
        "card": "d/a",
        "deck": "d",
        "text": "t",
        "follow_up": None,
        "stages": [],
        "depth": 1,
        "added_at": T0.isoformat(),
        "player": player,
    }
    document = {
        "format": "closeness-cards-export",
        "version": 1,
        "exported_at": T0.isoformat(),
        "favourites": [favourite],
        "hidden": [],
        "revisits": [],
        "sessions": [],
    }
    with pytest.raises(ImportRefused, match=r"favourites\[0\]\.player"):
        check_document(document)


def test_forget_all_forgets_the_players_favourites_too(db: Database) -> None:
    keep(db, "d/a", "Ana")
    keep(db, "d/a")
    forget_all(db)
    assert whose(db) == []


def test_migration_from_version_6_keeps_every_favourite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    monkeypatch.setattr(db_module, "MIGRATIONS", schema.MIGRATIONS[:6])
    monkeypatch.setattr(db_module, "LATEST_VERSION", 6)
    with open_database(path) as old:
        for number in range(5):
            old.conn.execute(
                "INSERT INTO favourites (card_id, deck_id, text, follow_up, stages_json, "
                "depth, added_at) VALUES (?, 'd', ?, ?, '[\"dating\"]', ?, ?)",
                (
                    f"d/{number}",
                    f"Card {number}",
                    None if number % 2 else "Why?",
                    1 + number % 3,
                    (T0 + timedelta(minutes=number)).isoformat(),
                ),
            )
        # A damaged row (a depth of text) stays, for the tolerant reader to report.
        old.conn.execute(
            "INSERT INTO favourites (card_id, deck_id, text, follow_up, stages_json, depth, "
            "added_at) VALUES ('d/bad', 'd', 't', NULL, '[]', 'deep', 'x')"
        )
        before = old.conn.execute(
            "SELECT rowid, card_id, deck_id, text, follow_up, stages_json, depth, added_at "
            "FROM favourites ORDER BY rowid"
        ).fetchall()
    monkeypatch.undo()
    with open_database(path) as db:
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        after = db.conn.execute(
            "SELECT rowid, card_id, deck_id, text, follow_up, stages_json, depth, added_at "
            "FROM favourites ORDER BY rowid"
        ).fetchall()
        assert [tuple(row) for row in after] == [tuple(row) for row in before]
        players = db.conn.execute("SELECT DISTINCT player FROM favourites").fetchall()
        assert [tuple(row) for row in players] == [(None,)]
        favourites = list_favourites(db)
        assert [f.card_id for f in favourites] == [f"d/{n}" for n in (0, 3, 1, 4, 2)]
        assert all(f.player is None for f in favourites)
        assert db.unreadable.count("favourite") == 1
        keep(db, "d/0", "Ana")  # the old card may now be a player's as well
        assert ("d/0", "Ana") in whose(db) and ("d/0", None) in whose(db)
