"""A number too large for a SQLite row never stops a game; it turns keeping off, said once."""

from __future__ import annotations

import pytest

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.store.db import StoreError, open_database
from closeness_cards.store.history import start_session
from closeness_cards.table import Action, Table
from closeness_cards.table.sqlite import open_ports
from support.store import T0
from support.table import FakeClock, library_of


@pytest.mark.parametrize("seed", [2**63, -(2**63) - 1, 10**100], ids=["2**63", "-2**63-1", "1e100"])
def test_a_seed_past_64_bits_is_a_store_error_not_an_overflow(seed: int) -> None:
    with open_database() as db, pytest.raises(StoreError, match="seed"):
        start_session(
            db,
            players=["Ana", "Ben"],
            stage="dating",
            shape="quick",
            depth="rise",
            seed=seed,
            decks=["test"],
            options={},
            plan_json="{}",
            started_at=T0,
        )


def test_a_game_dealt_from_a_huge_seed_plays_on_without_keeping() -> None:
    table = Table(library_of(), open_ports(), clock=FakeClock())
    try:
        table.start(Options(players=("Ana", "Ben"), stage=Stage.DATING, seed=2**70))
        table.act(Action.DONE)
        assert not table.kept
        assert len([n for n in table.notices if "seed" in n]) == 1
    finally:
        table.close()
