"""The import command as a player meets it: what it says, its exit codes, what it leaves."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from closeness_cards.cli import main
from closeness_cards.store import merging
from closeness_cards.store.db import open_database
from closeness_cards.store.history import abandon_session
from closeness_cards.store.paths import data_dir, database_path
from support.store import SRC, UNSAFE, exported, fill_history, snapshot

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.fixture
def backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An export written by the command on another computer, every session ended."""
    monkeypatch.setenv("CLOSENESS_CARDS_HOME", str(tmp_path / "other-computer"))
    kept = fill_history(database_path())
    with open_database() as db:
        abandon_session(db, kept.active)
    file = tmp_path / "backup.json"
    assert main(["export", "--format", "json", "-o", str(file)]) == 0
    monkeypatch.setenv("CLOSENESS_CARDS_HOME", str(tmp_path / "new-computer"))
    return file


def export_here(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["export", "--format", "json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def test_a_backup_comes_back_whole_on_a_new_computer(
    backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["import", str(backup)]) == 0
    out, err = capsys.readouterr()
    assert lines(out) == ["Imported 3 sessions, 2 favourites, 2 hidden cards, 2 cards to revisit."]
    assert err == ""
    again = export_here(capsys)
    first = json.loads(backup.read_text(encoding="utf-8"))
    assert again.pop("exported_at") != first.pop("exported_at")
    assert again == first


def test_importing_twice_says_everything_was_already_here(
    backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(backup)]) == 0
    before = snapshot(database_path())
    capsys.readouterr()
    assert main(["import", str(backup)]) == 0
    assert lines(capsys.readouterr().out) == [
        "Imported 0 sessions (3 already here), 0 favourites (2 already here), "
        "0 hidden cards (2 already here), 0 cards to revisit (2 already here).",
        "Favourites and hidden cards already here were kept as they were.",
    ]
    assert snapshot(database_path()) == before


def test_it_says_what_sessions_already_here_gained(
    backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(backup.read_text(encoding="utf-8"))
    part = json.loads(json.dumps(document))
    for session in part["sessions"]:
        session["plays"] = session["plays"][:1]
        session["checkins"] = []
    smaller = tmp_path / "part.json"
    smaller.write_text(json.dumps(part), encoding="utf-8")
    assert main(["import", str(smaller)]) == 0
    capsys.readouterr()
    assert main(["import", str(backup)]) == 0
    out = lines(capsys.readouterr().out)
    assert out[1] == "Sessions already here gained 3 cards played and 4 check-ins."


def test_an_unfinished_session_is_said_to_come_in_abandoned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "other" / "closeness-cards.sqlite3"
    fill_history(source)
    file = tmp_path / "export.json"
    file.write_text(json.dumps(exported(source)), encoding="utf-8")
    assert main(["import", str(file)]) == 0
    out = lines(capsys.readouterr().out)
    assert out[1] == (
        "1 unfinished session came in as abandoned: it can be read in the history, not resumed."
    )
    assert [s["status"] for s in export_here(capsys)["sessions"]] == [
        "abandoned",
        "ended-early",
        "finished",
    ]


def test_a_bad_file_is_one_located_line_and_writes_nothing(
    backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(backup.read_text(encoding="utf-8"))
    document["sessions"][2]["plays"][1]["depth"] = 7
    backup.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(backup)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"closeness-cards: {backup}: sessions[2].plays[1].depth must be 1, 2 or 3\n"
    assert not data_dir().exists()  # not even a history file was made


def test_a_bad_file_leaves_an_existing_history_as_it_was(
    backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_history(database_path())
    before = snapshot(database_path())
    document = json.loads(backup.read_text(encoding="utf-8"))
    document["favourites"][1]["added_at"] = "10000-01-01T00:00:00+00:00"
    backup.write_text(json.dumps(document), encoding="utf-8")
    assert main(["import", str(backup)]) == 2
    assert "favourites[1].added_at must be a date" in capsys.readouterr().err
    assert snapshot(database_path()) == before


def test_a_file_name_is_escaped_in_the_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / "\x1b]0;owned\x07\u202e.json"
    name.write_text("{", encoding="utf-8")
    assert main(["import", str(name)]) == 2
    err = capsys.readouterr().err
    assert UNSAFE.search(err.rstrip("\n")) is None
    assert "\\x1b]0;owned\\x07\\u202e.json: it is not JSON" in err


def test_a_failure_mid_import_is_one_line_and_keeps_nothing(
    backup: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_history(database_path())  # the same sessions under other seeds below
    before = snapshot(database_path())
    document = json.loads(backup.read_text(encoding="utf-8"))
    for session in document["sessions"]:
        session["seed"] = 8
    backup.write_text(json.dumps(document), encoding="utf-8")
    real = merging._insert_play
    calls: list[int] = []

    def full_disk(conn: sqlite3.Connection, session_id: int, play: Any) -> None:
        calls.append(session_id)
        if len(calls) == 3:
            raise sqlite3.OperationalError("database or disk is full")
        real(conn, session_id, play)

    monkeypatch.setattr(merging, "_insert_play", full_disk)
    capsys.readouterr()
    assert main(["import", str(backup)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.endswith("Nothing was imported.\n")
    assert snapshot(database_path()) == before


@posix_only
def test_a_read_only_history_refuses_in_one_line(
    backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_history(database_path())
    folder = data_dir()
    files = {p.name: hashlib.sha256(p.read_bytes()).digest() for p in folder.iterdir()}
    folder.chmod(0o500)
    try:
        capsys.readouterr()
        assert main(["import", str(backup)]) == 1
        out, err = capsys.readouterr()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o500
    finally:
        folder.chmod(0o700)
    assert out == ""
    assert err.startswith("closeness-cards: nothing was imported: ") and err.count("\n") == 1
    assert "read-only" in err
    assert {p.name: hashlib.sha256(p.read_bytes()).digest() for p in folder.iterdir()} == files


def test_a_private_session_has_no_place_in_import(
    backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["import", "--no-history", str(backup)])
    assert leaving.value.code == 2
    assert not data_dir().exists()


def test_the_help_says_what_import_keeps_and_changes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    helped = " ".join(capsys.readouterr().out.split())
    assert "export --format json" in helped
    assert "in one go or not at all" in helped
    assert "kept as it is" in helped
    assert "comes in as abandoned" in helped


def test_the_readme_lists_import() -> None:
    readme = (SRC.parent / "README.md").read_text(encoding="utf-8")
    commands = readme.split("## Commands", 1)[1].split("##", 1)[0]
    assert "closeness-cards import FILE" in commands
    assert "`import FILE`" in commands


def test_the_installed_command_imports_and_refuses_without_a_traceback(
    backup: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC), "CLOSENESS_CARDS_HOME": str(tmp_path / "h")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "closeness_cards", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )

    good = run("import", str(backup))
    assert (good.returncode, good.stderr) == (0, "")
    assert good.stdout.startswith("Imported 3 sessions,")
    bad = run("import", str(tmp_path))
    assert bad.returncode == 2 and bad.stdout == ""
    assert lines(bad.stderr) == [
        f"closeness-cards: {tmp_path}: it is a folder; name the file "
        "that `export --format json` wrote"
    ]


def test_import_never_imports_textual(backup: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from closeness_cards.cli import main\n"
        f"assert main(['import', {str(backup)!r}]) == 0\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC), "CLOSENESS_CARDS_HOME": str(tmp_path / "h")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
