"""What the player's permissions say is kept to: read-only history is read, never written.

A history the player made read-only (its folder or its file) can still be listed and
exported, with a notice that nothing new is kept; its folder is never made writable
again; folders the game creates are private from the start; and a private session
writes no file at all, the deck cache included.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from closeness_cards.cli import records
from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.store.paths import cache_dir, data_dir, database_path
from closeness_cards.table import Action, Table
from closeness_cards.table.decks import load_decks
from closeness_cards.table.sqlite import open_ports, reading_ports
from support.store import SRC, fill_history
from support.table import FakeClock

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")

PARSER = argparse.ArgumentParser(prog="closeness-cards")
records.register(PARSER.add_subparsers(dest="command", required=True))
READ_ONLY = "read-only"


def command(*argv: str) -> int:
    args = PARSER.parse_args(argv)
    code: int = args.func(args)
    return code


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in a folder by name, with a digest of its bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


@pytest.fixture
def read_only_folder() -> Iterator[Path]:
    """A history whose data folder the player made read-only (0500)."""
    fill_history(database_path())
    folder = data_dir()
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


@posix_only
@pytest.mark.parametrize(
    "argv",
    [
        ("history",),
        ("history", "--json"),
        ("favourites",),
        ("export", "--format", "md"),
        ("export", "--format", "json"),
    ],
)
def test_a_read_only_history_is_read_and_said_so_and_left_as_it_was(
    read_only_folder: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    before = fingerprint(read_only_folder)
    assert command(*argv) == 0
    out, err = capsys.readouterr()
    assert "Ana" in out or "Favourite 0" in out  # the history, or its favourites
    assert READ_ONLY in err and "nothing new is kept" in err and err.count("\n") == 1
    assert stat.S_IMODE(read_only_folder.stat().st_mode) == 0o500  # never made writable
    assert fingerprint(read_only_folder) == before  # nothing written, nothing added


@posix_only
def test_a_read_only_history_file_is_read_too(capsys: pytest.CaptureFixture[str]) -> None:
    fill_history(database_path())
    database_path().chmod(0o400)
    assert command("history", "--json") == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)["sessions"]) == 3
    assert READ_ONLY in err
    assert stat.S_IMODE(database_path().stat().st_mode) == 0o400


@posix_only
def test_a_game_on_a_read_only_history_shows_it_and_keeps_nothing_new(
    read_only_folder: Path,
) -> None:
    before = fingerprint(read_only_folder)
    table = Table(load_decks(), open_ports(), clock=FakeClock())
    try:
        assert not table.kept
        assert any(READ_ONLY in notice for notice in table.notices)
        assert len(table.ports.archive.sessions()) == 3  # the history is still there to see
        table.start(Options(players=("Ana", "Ben"), stage=Stage.DATING, seed=5))
        table.act(Action.FAVOURITE)
        table.act(Action.DONE)
    finally:
        table.close()
    assert fingerprint(read_only_folder) == before
    assert stat.S_IMODE(read_only_folder.stat().st_mode) == 0o500


@posix_only
def test_forget_on_a_read_only_history_is_one_line_and_forgets_nothing(
    read_only_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(read_only_folder)
    assert command("forget", "--all", "--yes") == 1
    err = capsys.readouterr().err
    assert READ_ONLY in err and err.count("\n") == 1
    assert fingerprint(read_only_folder) == before


@posix_only
def test_folders_the_game_creates_are_private_even_with_an_open_umask(
    private_home: Path,
) -> None:
    old = os.umask(0o022)
    try:
        load_decks()  # the deck cache is the first thing a start writes
        fill_history(database_path())
    finally:
        os.umask(old)
    for folder in (private_home, cache_dir(), cache_dir() / "decks", data_dir()):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


@posix_only
def test_a_private_session_writes_no_file_at_all(private_home: Path) -> None:
    table = Table(load_decks(history=False), open_ports(history=False), clock=FakeClock())
    try:
        table.start(Options(players=("Ana", "Ben"), stage=Stage.DATING, seed=5))
        table.act(Action.FAVOURITE)
        table.act(Action.DONE)
        table.ports.archive.sessions()
    finally:
        table.close()
    with reading_ports(history=False) as ports:
        ports.archive.sessions()
    assert list(private_home.rglob("*")) == []  # not a file, not a folder


def _as(ids: tuple[int, int], *argv: str) -> list[str]:
    return ["setpriv", f"--reuid={ids[0]}", f"--regid={ids[1]}", "--clear-groups", *argv]


def _nobody() -> tuple[int, int] | None:
    """The ids of an unprivileged user this test may become: running as root, with
    ``setpriv``, and this Python and this checkout readable by that user (a clone in a
    private 0700 folder is not: then the test is skipped, not failed)."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("setpriv") is None:
        return None
    ids = (65534, 65534)
    probe = subprocess.run(
        _as(ids, sys.executable, "-c", "import sqlite3, closeness_cards.cli"),
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        timeout=60,
        cwd="/",
    )
    return ids if probe.returncode == 0 else None


@pytest.mark.skipif(_nobody() is None, reason="needs root to run a child as another user")
def test_an_unwritable_history_is_read_by_a_user_who_cannot_write_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As a user the permissions really bind: no -wal or -shm can be made beside the file."""
    ids = _nobody()
    assert ids is not None
    home = Path(tempfile.mkdtemp(prefix="cc-readonly-"))  # outside root's private temp folder
    monkeypatch.setenv("CLOSENESS_CARDS_HOME", str(home))
    folders = (home, data_dir())
    try:
        fill_history(database_path())
        database_path().chmod(0o444)
        for folder in folders:
            folder.chmod(0o555)
        before = fingerprint(data_dir())
        child = subprocess.run(
            _as(ids, sys.executable, "-m", "closeness_cards", "history", "--json"),
            env={**os.environ, "PYTHONPATH": str(SRC)},
            capture_output=True,
            text=True,
            timeout=60,
            cwd="/",
        )
        assert child.returncode == 0, child.stderr
        assert len(json.loads(child.stdout)["sessions"]) == 3
        assert READ_ONLY in child.stderr
        assert fingerprint(data_dir()) == before
    finally:
        for folder in folders:
            folder.chmod(0o700)
        shutil.rmtree(home)


def test_a_history_on_a_read_only_disk_is_read_by_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only mount refuses even a chmod of the folder: still, history is shown."""
    import errno as errnos

    from closeness_cards.store import db as db_module

    fill_history(database_path())

    def read_only_disk(path: Path) -> Path:
        raise OSError(errnos.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(db_module, "ensure_private_dir", read_only_disk)
    from closeness_cards.cli import main

    assert main(["history", "--json"]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)["sessions"]) == 3
    assert READ_ONLY in captured.err
