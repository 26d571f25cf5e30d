"""Tests for the history, favourites, export and forget commands, through argparse."""

from __future__ import annotations

import argparse
import io
import json
import os
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from closeness_cards.cli import main
from closeness_cards.cli import records as cli_store
from closeness_cards.store.db import Database, open_database
from closeness_cards.store.favourites import add_favourite
from closeness_cards.store.history import end_session, list_sessions
from closeness_cards.store.paths import database_path
from closeness_cards.store.settings import get_setting, set_setting
from support.store import T0, NewSession, Play


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="closeness-cards")
    subparsers = parser.add_subparsers(dest="command", required=True)
    cli_store.register(subparsers)
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


class FakeTerminal(io.StringIO):
    """Standard input that claims to be a terminal, with a typed answer."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


@pytest.fixture
def two_sessions(db: Database, new_session: NewSession, play: Play) -> list[int]:
    first = new_session(players=["Ana", "Ben"], started_at=T0)
    play(first, 0)
    play(first, 1, outcome="passed", next_position=1)
    end_session(db, first, status="finished", ended_at=T0 + timedelta(minutes=34))
    second = new_session(players=["Cy", "Dee", "Eli"], started_at=T0 + timedelta(days=1))
    add_favourite(
        db,
        card_id="dating/dt-00",
        deck_id="dating",
        text="What made you smile today?",
        follow_up="Why that?",
        stages=["dating"],
        depth=1,
        at=T0,
    )
    set_setting(db, "player_names", ["Ana", "Ben"])
    return [first, second]


def test_every_subcommand_has_help() -> None:
    parser = argparse.ArgumentParser(prog="closeness-cards")
    subparsers = parser.add_subparsers()
    cli_store.register(subparsers)
    helps = {action.dest: action.help for action in subparsers._choices_actions}
    assert {"history", "favourites", "export", "forget"} <= set(helps)
    assert all(helps.values())


def test_history_without_any_file_creates_nothing(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("history") == 0
    assert "No sessions yet" in capsys.readouterr().out
    assert run("history", "--json") == 0
    assert json.loads(capsys.readouterr().out)["sessions"] == []
    assert not home.exists()


def test_history_table(two_sessions: list[int], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("history") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "#",
        "Date",
        "Players",
        "Stage",
        "Shape",
        "Questions",
        "Wildcards",
        "Passed",
        "Time",
        "Status",
    ]
    assert "Cy, Dee and Eli" in lines[1] and "active" in lines[1]
    assert "Ana and Ben" in lines[2] and "34 min" in lines[2] and "finished" in lines[2]
    assert len(lines) == 3


def test_history_json(two_sessions: list[int], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("history", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in document["sessions"]] == list(reversed(two_sessions))
    assert document["sessions"][1]["answered"] == 1
    assert document["sessions"][1]["passed"] == 1


def test_favourites_text_and_json(
    two_sessions: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("favourites") == 0
    text = capsys.readouterr().out
    assert text.splitlines()[:2] == ["Dating", "  Depth 1 · warm-up"]
    assert "• What made you smile today?" in text
    assert "Dig deeper: Why that?" in text
    assert run("favorites", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert [f["card"] for f in document["favourites"]] == ["dating/dt-00"]


def test_favourites_when_there_are_none(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("favourites") == 0
    assert "No favourites yet" in capsys.readouterr().out


def test_export_json_to_stdout(two_sessions: list[int], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "--format", "json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "closeness-cards-export"
    assert len(document["sessions"]) == 2


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export_to_a_private_file(
    two_sessions: list[int], tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / f"export.{fmt}"
    target.parent.mkdir()
    target.write_text("old contents")
    assert run("export", "--format", fmt, "-o", str(target)) == 0
    text = target.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["format"] == "closeness-cards-export"
    else:
        assert text.startswith("# Closeness Cards") and "Ana and Ben" in text
    assert os.name != "posix" or stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp left
    assert str(target) in capsys.readouterr().out


def test_export_to_a_missing_folder_fails_cleanly(
    two_sessions: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "export.md"
    assert run("export", "--format", "md", "-o", str(target)) == 1
    err = capsys.readouterr().err
    assert err.startswith("closeness-cards: cannot write") and err.count("\n") == 1


def test_forget_refuses_without_a_terminal_or_yes(
    two_sessions: list[int], no_terminal: None, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("forget", "--all") == 2
    err = capsys.readouterr().err
    assert err.startswith("closeness-cards: ") and "--yes" in err and err.count("\n") == 1
    assert run("forget", "--session", str(two_sessions[0])) == 2
    assert len(list_sessions(db)) == 2


def test_forget_session_with_yes(
    two_sessions: list[int], no_terminal: None, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("forget", "--session", str(two_sessions[0]), "--yes") == 0
    assert f"Session {two_sessions[0]} was forgotten" in capsys.readouterr().out
    assert [s.id for s in list_sessions(db)] == [two_sessions[1]]


def test_forget_unknown_session(
    two_sessions: list[int], no_terminal: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("forget", "--session", "999", "--yes") == 2
    err = capsys.readouterr().err
    assert "no session 999" in err and err.count("\n") == 1


def test_forget_without_any_file(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("forget", "--all", "--yes") == 0
    assert "Nothing to forget" in capsys.readouterr().out
    assert run("forget", "--session", "1", "--yes") == 2
    assert not home.exists()


def test_forget_all_with_yes_forgets_names_too(
    two_sessions: list[int], no_terminal: None, db: Database
) -> None:
    assert run("forget", "--all", "--yes") == 0
    assert list_sessions(db) == []
    assert get_setting(db, "player_names") is None


@pytest.mark.parametrize(("answer", "forgotten"), [("y\n", True), ("n\n", False), ("", False)])
def test_forget_asks_on_a_terminal(
    two_sessions: list[int],
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answer: str,
    forgotten: bool,
) -> None:
    monkeypatch.setattr("sys.stdin", FakeTerminal(answer))
    assert run("forget", "--session", str(two_sessions[0])) == 0
    captured = capsys.readouterr()
    assert "Forget session" in captured.err and "[y/N]" in captured.err
    remaining = [s.id for s in list_sessions(db)]
    assert (two_sessions[0] not in remaining) is forgotten


def test_forget_all_mentions_files_set_aside(
    two_sessions: list[int], no_terminal: None, capsys: pytest.CaptureFixture[str]
) -> None:
    leftover = database_path().with_name("closeness-cards.sqlite3.corrupt-20240101T000000")
    leftover.write_bytes(b"old")
    assert run("forget", "--all", "--yes") == 0
    assert str(leftover) in capsys.readouterr().out
    assert leftover.exists()  # never deleted behind the user's back


def test_forget_needs_exactly_one_target(home: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        run("forget", "--all", "--session", "1")
    assert caught.value.code == 2
    with pytest.raises(SystemExit):
        run("forget")


def test_a_too_new_database_is_a_one_line_error(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = database_path()
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    for argv in (("history",), ("favourites", "--json"), ("forget", "--all", "--yes")):
        assert run(*argv) == 1
        err = capsys.readouterr().err
        assert err.startswith("closeness-cards: The history file") and err.count("\n") == 1
        assert "Traceback" not in err


def test_a_damaged_file_notice_is_shown(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = database_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(os.urandom(4096))
    assert run("history") == 0
    captured = capsys.readouterr()
    assert "moved aside" in captured.err
    assert "No sessions yet" in captured.out


@pytest.mark.parametrize(
    "number",
    ["18446744073709551616", "9" * 5000, "-1", "0", "1e3", "0x10", "1_0", "\u0661\u0662", ""],
    ids=["2**64", "5000 digits", "-1", "0", "1e3", "hex", "underscore", "arabic-indic", "empty"],
)
def test_a_session_number_that_is_no_session_id_is_one_line_and_exit_2(
    two_sessions: list[int], no_terminal: None, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    try:
        code = main(["forget", "--session", number, "--yes"])
    except SystemExit as stop:  # argparse's way out of a bad argument
        code = stop.code  # type: ignore[assignment]
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("closeness-cards: ") and err.count("\n") == 1
    assert "--session" in err and len(err) < 200
    assert len(list_sessions_of_home()) == 2


def list_sessions_of_home() -> list[int]:
    with open_database() as db:
        return [s.id for s in list_sessions(db)]


def test_favourites_say_whose_a_seats_favourite_is(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database() as db:
        for player in (None, "Ana"):
            add_favourite(
                db,
                card_id="dating/dt-00",
                deck_id="dating",
                text="What made you smile today?",
                follow_up=None,
                stages=["dating"],
                depth=1,
                at=T0,
                player=player,
            )
    assert run("favourites") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2:] == [
        "    • What made you smile today?",
        "    • What made you smile today? (kept by Ana)",
    ]
    assert run("favourites", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert [f.get("player") for f in document["favourites"]] == [None, "Ana"]
    assert "player" not in document["favourites"][0]
