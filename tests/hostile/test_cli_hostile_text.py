"""Hostile text through the command line: every message that echoes input is escaped.

Each test runs the real program in a child process, so that what is checked is what a
terminal would receive: the bytes on stdout and stderr, after every layer has had its say.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO

PAYLOADS = {
    "OSC title and BEL": "\x1b]0;pwned\x07",
    "OSC 52 clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "CSI 2J": "\x1b[2J",
    "C1 CSI": "\x9b31m",
    "DEL": "\x7f",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "line separator": "\u2028",
    "newline": "\nFORGED",
    "carriage return": "\rFORGED",
}
HOSTILE = "x" + "".join(PAYLOADS.values())
"""One value holding every class at once: each output below meets all of them."""

RAW = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff]"
)
"""What must never reach a terminal raw: everything for_terminal escapes, but a line end."""

VALID_DECK = """\
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


def program(*args: str | bytes, home: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    """Run closeness-cards in a child process; stdout and stderr as bytes."""
    environment = {
        **os.environ,
        "CLOSENESS_CARDS_HOME": str(home),
        "PYTHONPATH": str(REPO / "src"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "closeness_cards", *args],
        capture_output=True,
        env=environment,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def shown(data: bytes) -> str:
    """Output as a terminal gets it; it must be valid UTF-8 and hold nothing raw."""
    text = data.decode("utf-8")  # a raw byte that is not UTF-8 fails here
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} in {text!r}"
    assert not any(line.startswith("FORGED") for line in text.splitlines()), text
    return text


@pytest.mark.parametrize(
    "args",
    [
        ["deal", "--stage", HOSTILE],
        ["deal", "--stage", "dating", "--shape", HOSTILE],
        ["deal", "--stage", "dating", "--depth", HOSTILE],
        ["play", "--stage", HOSTILE],
        [HOSTILE],
        ["decks", HOSTILE],
        ["deal", "--stage", "dating", "--seed", HOSTILE],
        ["deal", "--stage", "dating", "--passes", HOSTILE],
        ["deal", "--stage", "dating", HOSTILE],
        ["deal", "--stage", "dating", "--" + HOSTILE],
        ["history", HOSTILE],
        ["export", "--format", HOSTILE],
        ["forget", "--session", HOSTILE],
        ["deal", "--stage", "dating", "--players", "Ana", HOSTILE],
        ["deal", "--stage", "dating", "--players", "Ana", "y" * 30 + HOSTILE],
        ["deal", "--stage", "dating", "--players", "Ana", HOSTILE + "y" * 30],
        ["deal", "--stage", "dating", "--deck", "/no/such/" + HOSTILE],
        ["decks", "show", HOSTILE],
        ["decks", "validate", "/no/such/" + HOSTILE],
    ],
    ids=lambda args: " ".join(args)[:24].encode("unicode_escape").decode(),
)
def test_bad_input_is_escaped_in_its_one_line(args: list[str], tmp_path: Path) -> None:
    result = program(*args, home=tmp_path)
    assert result.returncode == 2
    error = shown(result.stderr)
    assert len(error.splitlines()) == 1, error
    assert "Traceback" not in error
    assert shown(result.stdout) == ""


def test_a_very_long_value_makes_a_short_line(tmp_path: Path) -> None:
    result = program("deal", "--stage", "z" * 100_000 + HOSTILE, home=tmp_path)
    assert result.returncode == 2
    error = shown(result.stderr)
    assert len(error.splitlines()) == 1 and len(error) < 2_000


def test_file_names_are_escaped_when_a_deck_is_ok_or_broken(tmp_path: Path) -> None:
    folder = tmp_path / ("decks" + PAYLOADS["CSI 2J"] + PAYLOADS["newline"])
    folder.mkdir()
    good = folder / ("good" + PAYLOADS["OSC 52 clipboard"] + ".yaml")
    good.write_text(VALID_DECK, encoding="utf-8")
    bad = folder / ("bad" + PAYLOADS["C1 CSI"] + PAYLOADS["RLO"] + ".yaml")
    bad.write_text("schema: 1\nid: bad\n", encoding="utf-8")
    validate = program("decks", "validate", str(folder), home=tmp_path)
    assert validate.returncode == 2
    assert "ok, deck 'ours' with 4 cards" in shown(validate.stdout)
    assert "\\x1b]52" in shown(validate.stdout)
    problems = shown(validate.stderr)
    assert problems and "\\x9b" in problems
    deal = program("deal", "--stage", "dating", "--deck", str(good), "--seed", "1", home=tmp_path)
    assert deal.returncode == 0, deal.stderr
    assert "What made you smile today" in shown(deal.stdout)


def test_a_file_name_that_is_not_utf8_is_escaped(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/deck-\xff\x1b[2J.yaml"
    with open(name, "w", encoding="utf-8") as file:
        file.write(VALID_DECK)
    validate = program(b"decks", b"validate", name, home=tmp_path)
    assert validate.returncode == 0, validate.stderr
    assert "\\udcff\\x1b[2J.yaml: ok" in shown(validate.stdout)
    deal = program(b"deal", b"--stage", b"dating", b"--deck", name, home=tmp_path)
    assert deal.returncode == 2
    assert len(shown(deal.stderr).splitlines()) == 1


def test_decks_new_and_decks_list_escape_the_path(tmp_path: Path) -> None:
    user_decks = tmp_path / "data" / "decks"
    user_decks.mkdir(parents=True)
    path = user_decks / ("mine" + PAYLOADS["OSC title and BEL"] + PAYLOADS["newline"] + ".yaml")
    new = program("decks", "new", str(path), home=tmp_path)
    assert new.returncode == 0, new.stderr
    assert shown(new.stdout).count("\n") == 1
    again = program("decks", "new", str(path), home=tmp_path)
    assert again.returncode == 2
    assert len(shown(again.stderr).splitlines()) == 1
    listing = program("decks", "list", home=tmp_path)
    assert listing.returncode == 0
    assert "\\x1b]0;pwned\\x07\\nFORGED.yaml" in shown(listing.stdout)
    shown(listing.stderr)
    document = program("decks", "list", "--json", home=tmp_path)
    sources = [deck["source"] for deck in json.loads(shown(document.stdout))["decks"]]
    assert str(path) in sources


def test_every_broken_deck_is_reported_escaped(tmp_path: Path) -> None:
    bad_decks = REPO / "tests" / "fixtures" / "bad_decks"  # escapes, bidi, a newline in a key
    validate = program("decks", "validate", str(bad_decks), home=tmp_path)
    assert validate.returncode == 2
    problems = shown(validate.stderr).splitlines()
    assert len(problems) >= len(list(bad_decks.glob("*.yaml")))
    assert all(line.startswith(str(bad_decks)) for line in problems)
    for command in ("deal", "play"):
        result = program(command, "--stage", "dating", "--deck", str(bad_decks), home=tmp_path)
        assert result.returncode == 2
        assert len(shown(result.stderr).splitlines()) == 1
