"""forget --all removes every copy the game made, or names each one it could not.

The names it forgot must be in no file under the data folder and the cache afterwards:
not in the database or its log (even while another window was reading), not in an export
the game wrote into the data folder or a temporary file a killed export left there, not
in the deck cache's copy of a private deck. Damaged files set aside are the player's:
named and left alone, removed only with --include-damaged.
"""

from __future__ import annotations

import argparse
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from closeness_cards.cli import records
from closeness_cards.store import db as store_db
from closeness_cards.store.db import open_database
from closeness_cards.store.export import export_markdown
from closeness_cards.store.files import write_atomically
from closeness_cards.store.history import record_play, start_session
from closeness_cards.store.paths import cache_dir, data_dir, database_path, export_file_name
from closeness_cards.store.settings import set_setting
from closeness_cards.table.decks import load_decks
from support.decks import VALID_DECK, write
from support.store import T0

SECRET = "Zephyrine-Quillfeather"
PARSER = argparse.ArgumentParser(prog="closeness-cards")
records.register(PARSER.add_subparsers(dest="command", required=True))


def forget(*argv: str) -> int:
    args = PARSER.parse_args(["forget", *argv, "--yes"])
    code: int = args.func(args)
    return code


def holding_the_secret(*folders: Path) -> list[Path]:
    """Every file under the folders whose bytes hold the secret name (any case)."""
    needles = (SECRET.encode(), SECRET.casefold().encode())
    return sorted(
        path
        for folder in folders
        if folder.exists()
        for path in folder.rglob("*")
        if path.is_file() and any(n in path.read_bytes() for n in needles)
    )


def keep_secret_everywhere(tmp_path: Path) -> Path:
    """The secret in the history, an export, a killed export's leftover and the deck cache.

    Returns:
        The damaged file set aside, which holds it too.
    """
    with open_database() as db:
        sid = start_session(
            db,
            players=[SECRET, "Ben"],
            stage="dating",
            shape="quick",
            depth="rise",
            seed=1,
            decks=["sample"],
            options={},
            plan_json="{}",
            started_at=T0,
        )
        for position in range(5):
            record_play(
                db,
                sid,
                position=position,
                card_id=f"sample/c{position}",
                deck_id="sample",
                text=f"A question {SECRET} asked",
                depth=1,
                kind="question",
                reader=SECRET,
                answerers=["Ben"],
                outcome="answered",
                played_at=T0,
                next_position=position + 1,
            )
        set_setting(db, "player_names", [SECRET, "Ben"])
        page = export_markdown(db)
    now = datetime(2024, 5, 1, 19, 30, tzinfo=timezone.utc)
    write_atomically(data_dir() / export_file_name(now), page)  # as the palette's Export does
    leftover = data_dir() / f".{export_file_name(now)}.ab12cd34.closeness-cards.tmp"
    leftover.write_text(page)  # a killed export's, too young for the store to clean
    private = write(tmp_path / "private.yaml", VALID_DECK.replace("Tell me", f"Tell {SECRET}"))
    assert load_decks([private]).decks  # cached: a copy of a private deck
    damaged = database_path().with_name("closeness-cards.sqlite3.corrupt-20240101T000000")
    damaged.write_bytes(b"SQLite format 3\x00 " + SECRET.encode())
    assert len(holding_the_secret(data_dir(), cache_dir())) >= 5
    private.unlink()  # the player's own file, outside the game's folders
    return damaged


def test_forget_all_leaves_the_names_only_in_the_damaged_file_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = keep_secret_everywhere(tmp_path)
    assert forget("--all") == 0
    out = capsys.readouterr().out
    assert holding_the_secret(data_dir(), cache_dir()) == [damaged]
    assert str(damaged) in out and "not touched" in out and "--include-damaged" in out
    assert "Everything was forgotten" not in out  # the damaged file still holds it


def test_forget_all_include_damaged_leaves_the_names_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = keep_secret_everywhere(tmp_path)
    assert forget("--all", "--include-damaged") == 0
    out = capsys.readouterr().out
    assert holding_the_secret(data_dir(), cache_dir()) == []
    assert not damaged.exists()
    assert "Everything was forgotten" in out


def test_a_copy_that_cannot_be_removed_is_named_and_nothing_claims_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    keep_secret_everywhere(tmp_path)
    export = data_dir() / export_file_name(datetime(2024, 5, 1, 19, 30, tzinfo=timezone.utc))
    unlink = Path.unlink

    def refuse(path: Path, missing_ok: bool = False) -> None:
        if path == export:
            raise PermissionError(13, "Permission denied", str(path))
        unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)  # root removes anything: simulate a refusal
    assert forget("--all", "--include-damaged") == 1
    out, err = capsys.readouterr()
    assert str(export) in err and "could not be removed" in err
    assert "Everything was forgotten" not in out + err
    assert holding_the_secret(data_dir(), cache_dir()) == [export]


def test_forget_all_without_a_history_still_removes_the_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keep_secret_everywhere(tmp_path)
    database_path().unlink()
    assert forget("--all", "--include-damaged") == 0
    assert "Nothing to forget" not in capsys.readouterr().out
    assert holding_the_secret(data_dir(), cache_dir()) == []


def reader_holding_a_snapshot(release: threading.Event, holding: threading.Event) -> None:
    """Another window in the middle of a read: its snapshot keeps old pages alive."""
    conn = sqlite3.connect(str(database_path()), isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM plays").fetchone()
        holding.set()
        release.wait(30)
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def test_forget_all_waits_out_a_short_read_and_leaves_no_trace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keep_secret_everywhere(tmp_path)
    release, holding = threading.Event(), threading.Event()
    reader = threading.Thread(target=reader_holding_a_snapshot, args=(release, holding))
    reader.start()
    holding.wait(10)
    threading.Timer(0.5, release.set).start()  # ends well within the busy timeout
    try:
        assert forget("--all", "--include-damaged") == 0
    finally:
        release.set()
        reader.join(10)
    assert holding_the_secret(data_dir(), cache_dir()) == []


def test_a_reader_that_never_lets_go_is_said_and_a_second_forget_finishes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    keep_secret_everywhere(tmp_path)
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_SECONDS", 0.3)
    release, holding = threading.Event(), threading.Event()
    reader = threading.Thread(target=reader_holding_a_snapshot, args=(release, holding))
    reader.start()
    holding.wait(10)
    try:
        assert forget("--all", "--include-damaged") == 1
        out, err = capsys.readouterr()
        assert "still has the history open" in err
        assert "Everything was forgotten" not in out + err
    finally:
        release.set()
        reader.join(10)
    assert forget("--all", "--include-damaged") == 0
    assert holding_the_secret(data_dir(), cache_dir()) == []


def test_forget_session_says_which_exports_still_hold_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keep_secret_everywhere(tmp_path)
    assert forget("--session", "1") == 0
    out = capsys.readouterr().out
    export = data_dir() / export_file_name(datetime(2024, 5, 1, 19, 30, tzinfo=timezone.utc))
    assert "Session 1 was forgotten" in out and str(export) in out
    assert export.exists()  # exports are the player's to delete, one session at a time


def test_the_help_names_include_damaged(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        PARSER.parse_args(["forget", "--help"])
    assert "--include-damaged" in capsys.readouterr().out
