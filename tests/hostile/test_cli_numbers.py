"""Numbers and repeats on the command line: one line and exit 2, never an OverflowError."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO

DECK = """\
schema: 1
id: ours
title: Our deck
stages: [any]
cards:
  - {id: q1, text: "What made you smile today, and why?", depth: 1}
  - {id: q2, text: "What do you wish people asked you more?", depth: 2}
  - {id: q3, text: "What are you still learning to forgive?", depth: 3}
  - {id: c1, kind: closing, text: "Each say one thing you will keep.", depth: 1}
"""

NOT_SEEDS = [
    str(2**63),
    str(-(2**63) - 1),
    str(2**64),
    "9" * 5000,
    "-" + "9" * 5000,
    "٣",
    "²",
    "1_000",
    "0x10",
    "+7",
    " 7",
    "7.0",
    "",
]
"""Beyond what a history can keep (a signed 64-bit whole number), or not plain digits."""


def program(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "CLOSENESS_CARDS_HOME": str(home), "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "-m", "closeness_cards", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("closeness-cards: ") and "Traceback" not in result.stderr
    assert result.stdout == ""
    return result.stderr


@pytest.mark.parametrize("seed", NOT_SEEDS, ids=lambda seed: seed[:12].encode().hex())
def test_a_seed_that_is_not_a_whole_64_bit_number_is_bad_input(seed: str, tmp_path: Path) -> None:
    one_line(program("deal", "--stage", "dating", f"--seed={seed}", home=tmp_path))
    one_line(program("play", "--plain", "--stage", "dating", f"--seed={seed}", home=tmp_path))


@pytest.mark.parametrize("passes", [*NOT_SEEDS, "100", "-1"], ids=lambda n: n[:12].encode().hex())
def test_passes_that_are_not_a_small_whole_number_are_bad_input(
    passes: str, tmp_path: Path
) -> None:
    one_line(program("deal", "--stage", "dating", f"--passes={passes}", home=tmp_path))


@pytest.mark.parametrize("seed", [str(2**63 - 1), str(-(2**63)), "007", "0"])
def test_the_widest_seeds_are_kept(seed: str, tmp_path: Path) -> None:
    play = program("play", "--plain", "--stage", "dating", "--seed", seed, home=tmp_path)
    assert play.returncode == 0, play.stderr
    deal = program("deal", "--stage", "dating", "--seed", seed, "--json", home=tmp_path)
    assert deal.returncode == 0, deal.stderr
    assert f'"seed": {int(seed)},' in deal.stdout


def test_a_deck_given_twice_is_named_as_given_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    deck = folder / "ours.yaml"
    deck.write_text(DECK, encoding="utf-8")
    monkeypatch.chdir(folder)  # the child starts here: "ours.yaml" is the same file
    for twice in (
        [str(deck), str(deck)],
        [str(deck), "ours.yaml"],
        [str(folder), str(deck)],
        [str(deck), str(folder / "." / "ours.yaml")],
    ):
        args = [arg for path in twice for arg in ("--deck", path)]
        error = one_line(program("deal", "--stage", "dating", *args, home=tmp_path))
        assert "twice" in error and "already used" not in error, twice


@pytest.mark.parametrize(
    "players",
    [
        [f"P{n}" for n in range(9)],
        ["Ana", ""],
        ["Ana", "   "],
        ["Ana", "Ana"],
        ["Ana", "\u202eBen"],
        ["Ana", "B\x9ben"],
    ],
)
def test_bad_player_names_are_one_line(players: list[str], tmp_path: Path) -> None:
    one_line(program("deal", "--stage", "dating", "--players", *players, home=tmp_path))
    one_line(program("play", "--plain", "--players", *players, home=tmp_path))
