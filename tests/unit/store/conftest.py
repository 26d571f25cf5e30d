"""Fixtures for the store tests: a private temporary home and small session builders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from closeness_cards.store.db import Database, open_database
from closeness_cards.store.history import record_play, start_session
from support.store import T0, NewSession, Play


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point CLOSENESS_CARDS_HOME at a fresh temporary folder."""
    folder = tmp_path / "home"
    monkeypatch.setenv("CLOSENESS_CARDS_HOME", str(folder))
    return folder


@pytest.fixture
def db(home: Path) -> Iterator[Database]:
    """An open database in the temporary home."""
    database = open_database()
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def new_session(db: Database) -> NewSession:
    """Start a session with sensible defaults; keyword arguments override them."""

    def make(**overrides: Any) -> int:
        values: dict[str, Any] = {
            "players": ["Ana", "Ben"],
            "stage": "dating",
            "shape": "quick",
            "depth": "rise",
            "seed": 7,
            "decks": ["dating"],
            "options": {"passes": 3},
            "plan_json": '{"steps": []}',
            "started_at": T0,
        }
        values.update(overrides)
        return start_session(db, **values)

    return make


@pytest.fixture
def play(db: Database) -> Play:
    """Record a play at ``position``; keyword arguments override the defaults."""

    def make(session_id: int, position: int, **overrides: Any) -> None:
        values: dict[str, Any] = {
            "position": position,
            "card_id": f"dating/dt-{position:02d}",
            "deck_id": "dating",
            "text": f"Card number {position}",
            "depth": 1,
            "kind": "question",
            "reader": "Ana",
            "answerers": ["Ben"],
            "outcome": "answered",
            "played_at": T0 + timedelta(minutes=2 * position + 1),
            "next_position": position + 1,
        }
        values.update(overrides)
        record_play(db, session_id, **values)

    return make
