"""The command line as a user meets it: exit codes, one-line errors, and the deal it prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from closeness_cards.cli import main
from support import REPO


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLOSENESS_CARDS_HOME": str(home), "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "-m", "closeness_cards", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as version:
        main(["--version"])
    assert version.value.code == 0
    assert "closeness-cards 0." in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("play", "deal", "decks"):
        assert command in out


def test_deal_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["deal", "--stage", "dating", "--players", "Ana", "Ben", "--seed", "7", "--json"])
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    assert document["seed"] == 7 and document["stage"] == "dating"
    assert document["shape"] == "quick" and document["depth"] == "rise"
    assert document["players"] == ["Ana", "Ben"]
    steps = document["steps"]
    assert steps[-1]["kind"] == "closing"
    for step in steps:
        assert {"card", "deck", "kind", "depth", "text", "reader", "answerers"} <= set(step)
        assert step["card"].startswith(step["deck"] + "/")
    assert [s["reader"] for s in steps[:-1]] == ["Ana", "Ben"] * 3


def test_the_same_seed_prints_the_same_deal(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["deal", "--stage", "parenthood", "--shape", "standard", "--seed", "99", "--json"]
    main(args)
    first = capsys.readouterr().out
    main(args)
    assert capsys.readouterr().out == first


@pytest.mark.parametrize(
    "args",
    [
        ["deal", "--stage", "dreaming"],
        ["deal", "--stage", "dating", "--players", "Solo"],
        ["deal", "--stage", "dating", "--players", *[f"P{n}" for n in range(9)]],
        ["deal", "--stage", "dating", "--players", "Ana", ""],
        ["deal", "--stage", "dating", "--players", "Ana", "x" * 200],
        ["deal", "--stage", "dating", "--deck", "/no/such/deck.yaml"],
        ["deal", "--stage", "dating", "--shape", "huge"],
        ["deal", "--stage", "dating", "--passes", "-1"],
        ["deal"],
        ["play", "--stage", "dating", "--deck", "/no/such/deck.yaml"],
        ["play", "--players", "Solo"],
        ["decks", "show", "no-such-deck"],
        ["no-such-command"],
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(args: list[str], tmp_path: Path) -> None:
    result = run(*args, home=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("closeness-cards: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_broken_deck_is_bad_input_naming_file_and_line(tmp_path: Path) -> None:
    deck = tmp_path / "broken.yaml"
    deck.write_text(
        "schema: 1\nid: broken\ntitle: Broken\ncards:\n  - id: a\n    text: hi\n    depth: 9\n"
    )
    result = run("deal", "--stage", "dating", "--deck", str(deck), home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"closeness-cards: {deck}:6:")
    validate = run("decks", "validate", str(deck), home=tmp_path)
    assert validate.returncode == 2
    assert len(validate.stderr.strip().splitlines()) == 2  # both problems, each with its line


def test_a_deck_given_with_deck_is_played_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "ours.yaml"
    assert main(["decks", "new", str(deck)]) == 0
    capsys.readouterr()
    assert main(["decks", "validate", str(deck)]) == 0
    capsys.readouterr()
    assert main(["deal", "--stage", "early", "--deck", str(deck), "--json", "--seed", "1"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {step["deck"] for step in document["steps"]} == {"ours"}


def test_decks_list_json_lists_every_builtin_deck(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decks", "list", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    ids = {deck["id"] for deck in document["decks"]}
    assert {
        "dating",
        "early",
        "committed",
        "long-term",
        "parenthood",
        "later-life",
        "friends",
        "family",
    } <= ids
    assert all(deck["builtin"] for deck in document["decks"])


def test_decks_show_prints_a_deck_by_stage_and_depth(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decks", "show", "friends"]) == 0
    out = capsys.readouterr().out
    assert "== Friends ==" in out and "depth 3 (deep)" in out


def test_commands_without_the_tui_never_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from closeness_cards.cli import main\n"
        "for args in (['deal', '--stage', 'family', '--json'], ['decks', 'list'],"
        " ['history', '--json'], ['favourites', '--json']):\n"
        "    assert main(args) == 0, args\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    env = {**os.environ, "CLOSENESS_CARDS_HOME": str(tmp_path), "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_play_plain_reads_standard_input_without_a_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "CLOSENESS_CARDS_HOME": str(tmp_path), "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "closeness_cards",
            "play",
            "--plain",
            "--stage",
            "friends",
            "--players",
            "Ana",
            "Ben",
            "--seed",
            "5",
            "--no-wildcards",
        ],
        input="\n" * 20,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Card 1 of 6" in result.stdout and "Closing card" in result.stdout


def test_the_full_screen_game_refuses_to_start_without_a_terminal(tmp_path: Path) -> None:
    result = run("play", "--stage", "dating", home=tmp_path)
    assert result.returncode == 2
    assert "--plain" in result.stderr


def test_the_entry_point_turns_the_collector_back_on_for_other_commands(tmp_path: Path) -> None:
    code = (
        "import gc, sys\n"
        "sys.argv = ['closeness-cards', 'deal', '--stage', 'family', '--json']\n"
        "from closeness_cards.cli import commands as cli\n"
        "seen = []\n"
        "real = cli.run_deal\n"
        "cli.run_deal = lambda args: seen.append(gc.isenabled()) or real(args)\n"
        "from closeness_cards._entry import run\n"
        "assert run() == 0 and seen == [True], seen\n"
    )
    env = {**os.environ, "CLOSENESS_CARDS_HOME": str(tmp_path), "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["deal", "--stage", "dating", "--no-history", "--json"],
        ["play", "--plain", "--stage", "dating", "--no-history"],
    ],
)
def test_a_private_session_writes_no_file_at_all(tmp_path: Path, command: list[str]) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "CLOSENESS_CARDS_HOME": str(home), "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "closeness_cards", *command],
        input="q\nq\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert not home.exists() or list(home.rglob("*")) == []  # no history, no deck cache
