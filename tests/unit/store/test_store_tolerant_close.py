"""A read that meets text which is not UTF-8 leaves nothing open once the database closes.

The failed first try's cursors live on in its exceptions' frames; unless those frames are
cleared, SQLite cannot finalize their statements, and ``close`` leaves the file (and its
-wal and -shm) open until the collector happens to run. A file held open that way meets
whatever replaces it later, so the test runs with the collector off.
"""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from closeness_cards.store.db import Database, open_database
from closeness_cards.store.favourites import hidden_ids, hide_card, list_hidden
from closeness_cards.store.paths import database_path
from closeness_cards.table.sqlite import open_ports

PROC = Path("/proc/self/fd")
pytestmark = pytest.mark.skipif(not PROC.is_dir(), reason="needs /proc to list open files")


def held(path: Path) -> list[str]:
    """The files of this database that this process holds open."""
    names = {str(path), f"{path}-wal", f"{path}-shm"}
    found = []
    for fd in os.listdir(PROC):
        try:
            target = os.readlink(PROC / fd)
        except OSError:
            continue
        if target.removesuffix(" (deleted)") in names:
            found.append(target)
    return found


@pytest.fixture
def no_collector() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A history whose one hidden card's id is not UTF-8."""
    path = tmp_path / "history.sqlite3"
    with open_database(path) as db:
        hide_card(db, card_id="d/good", deck_id="d", text="Kept")
        hide_card(db, card_id="d/bad", deck_id="d", text="Spoilt")
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE hidden SET card_id = CAST(X'416EFF61' AS TEXT) WHERE text = 'Spoilt'")
    finally:
        conn.close()
    return path


READS: dict[str, Callable[[Database], object]] = {
    "list_hidden": list_hidden,
    "hidden_ids": hidden_ids,
}


@pytest.mark.parametrize("read", READS.values(), ids=list(READS))
@pytest.mark.usefixtures("no_collector")
def test_a_store_read_past_bad_text_lets_go_of_the_file(
    damaged: Path, read: Callable[[Database], object]
) -> None:
    with open_database(damaged) as db:
        read(db)
        assert not db.conn.in_transaction
    assert held(damaged) == []


@pytest.mark.usefixtures("no_collector")
def test_the_ports_read_past_bad_text_and_let_go_of_the_file(
    damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOSENESS_CARDS_HOME", str(damaged.parent / "home"))
    home_db = database_path()
    home_db.parent.mkdir(parents=True, exist_ok=True)
    os.replace(damaged, home_db)
    ports = open_ports()
    try:
        assert "d/good" in ports.keepsakes.hidden_ids()
        assert [card.card_id for card in ports.keepsakes.hidden_cards()] == ["d/good"]
    finally:
        ports.close()
    assert held(home_db) == []
