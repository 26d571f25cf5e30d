"""Hostile decks and names through every command that shows them, and through the history.

The decks (ids, titles, cards) and the players' names below hold every class of control
text. Deck files cannot carry them (the loader refuses them) and names are checked, so a
child process is given such a library and lets such names through: what is checked is that
nothing downstream trusts those checks, down to the bytes a terminal would receive.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from support import REPO

HOSTILE = (
    "x\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x07\x9b31m\x7f"
    "\u202e\u2066\u2028\nFORGED\rFORGED"
)
"""OSC title, OSC 52, CSI 2J, BEL, C1 CSI, DEL, bidi overrides, a line separator, breaks."""

RAW = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff]"
)
"""What must never reach a terminal raw: everything for_terminal escapes, but a line end."""

PLAYERS = ("Ana" + HOSTILE, "Ben" + HOSTILE)


def shown(data: bytes) -> str:
    """Output as a terminal gets it; it must be valid UTF-8 and hold nothing raw."""
    text = data.decode("utf-8")
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} in {text!r}"
    assert not any(line.startswith("FORGED") for line in text.splitlines()), text
    return text


LIBRARY = r"""
import json, os, sys
from closeness_cards.core.cards import Card, Deck, Depth, Kind
from closeness_cards.core.deckfile import DeckError, DeckProblem
from closeness_cards.core.library import Library

bad = os.environ["HOSTILE"]
deck_id = "deck" + bad
cards = [
    Card(deck_id, f"q{int(d)}-{n}" + bad, f"Question {n}? " + bad, d, follow_up="Why? " + bad)
    for d in Depth
    for n in range(8)
]
cards += [Card(deck_id, f"a-{n}", f"Do {n} " + bad, Depth.WARM_UP, Kind.ACTION) for n in range(4)]
cards += [Card(deck_id, "c", "Close " + bad, Depth.WARM_UP, Kind.CLOSING)]
cards += [Card(deck_id, f"t-{n}", f"Tip {n} " + bad, Depth.WARM_UP, Kind.TIP) for n in range(3)]
deck = Deck(deck_id, "Title " + bad, tuple(cards), description="About " + bad)
problem = DeckError([DeckProblem("/decks/" + bad, 3, 1, "bad " + bad, "fix " + bad)])
library = Library((deck,), (problem,))

import closeness_cards.core.game as game
import closeness_cards.table.decks as decks
import closeness_cards.table.setup as setup

decks.load_decks = lambda paths=(), history=True: library
setup.check_players = game.check_players = lambda names: tuple(names)
sys.argv = ["closeness-cards", *json.loads(os.environ["ARGS"])]
from closeness_cards._entry import run

raise SystemExit(run())
"""
"""A child process whose only deck, and whose players' names, hold the hostile text."""


def with_hostile_decks(
    *args: str, home: Path, stdin: str = ""
) -> subprocess.CompletedProcess[bytes]:
    """Run the program in a child process whose every deck and name is hostile."""
    environment = {
        **os.environ,
        "CLOSENESS_CARDS_HOME": str(home),
        "PYTHONPATH": str(REPO / "src"),
        "HOSTILE": HOSTILE,
        "ARGS": json.dumps(args),
    }
    return subprocess.run(
        [sys.executable, "-c", LIBRARY],
        capture_output=True,
        env=environment,
        timeout=60,
        input=stdin.encode(),
    )


def program(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    """Run closeness-cards as it is, in a child process."""
    environment = {**os.environ, "CLOSENESS_CARDS_HOME": str(home), "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "-m", "closeness_cards", *args],
        capture_output=True,
        env=environment,
        timeout=60,
        input=stdin.encode(),
    )


def test_decks_list_and_show_escape_titles_ids_and_cards(tmp_path: Path) -> None:
    listing = with_hostile_decks("decks", "list", home=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "Title x\\x1b]0;pwned" in shown(listing.stdout)
    assert "bad x\\x1b" in shown(listing.stderr)
    show = with_hostile_decks("decks", "show", "deck" + HOSTILE, home=tmp_path)
    assert show.returncode == 0, show.stderr
    out = shown(show.stdout)
    assert "About x\\x1b" in out and "Question 0? x\\x1b" in out and "Why? x\\x1b" in out
    missing = with_hostile_decks("decks", "show", "other" + HOSTILE, home=tmp_path)
    assert missing.returncode == 2
    assert len(shown(missing.stderr).splitlines()) == 1


def test_json_documents_stay_json_and_keep_the_text_exactly(tmp_path: Path) -> None:
    listing = with_hostile_decks("decks", "list", "--json", home=tmp_path)
    document = json.loads(shown(listing.stdout))
    assert document["decks"][0]["title"] == "Title " + HOSTILE
    args = ["deal", "--stage", "dating", "--seed", "4", "--json", "--players", *PLAYERS]
    deal = with_hostile_decks(*args, home=tmp_path)
    assert deal.returncode == 0, deal.stderr
    document = json.loads(shown(deal.stdout))
    assert document["players"] == list(PLAYERS)
    assert document["steps"][0]["text"].endswith(HOSTILE)


def test_deal_escapes_card_text_and_names(tmp_path: Path) -> None:
    deal = with_hostile_decks(
        "deal", "--stage", "dating", "--seed", "4", "--players", *PLAYERS, home=tmp_path
    )
    assert deal.returncode == 0, deal.stderr
    out = shown(deal.stdout)
    assert "Question" in out and "Anax\\x1b]0;pwned" in out


def test_plain_mode_and_every_record_of_it_are_escaped(tmp_path: Path) -> None:
    play = ["play", "--plain", "--stage", "dating", "--seed", "4", "--no-wildcards"]
    finished = with_hostile_decks(
        *play, "--players", *PLAYERS, home=tmp_path, stdin="d\nf\nr\np\n" + "\n" * 30
    )
    assert finished.returncode == 0, finished.stderr
    out = shown(finished.stdout)
    assert "A deck was skipped: /decks/x\\x1b" in out
    assert "Anax\\x1b]0;pwned" in out and "Dig deeper: Why? x\\x1b" in out
    assert "To revisit later: Question" in out and "Thank you for playing." in out
    shown(finished.stderr)
    left = with_hostile_decks(*play, "--players", *PLAYERS, home=tmp_path, stdin="\n")
    assert left.returncode == 0, left.stderr
    shown(left.stdout)
    resumed = program("play", "--plain", home=tmp_path, stdin="r\n")
    assert resumed.returncode == 0, resumed.stderr
    out = shown(resumed.stdout)
    assert "The last session (Anax\\x1b]0;pwned" in out
    assert "decks that are not loaded: deckx\\x1b]0;pwned" in out
    for command in (["history"], ["favourites"], ["export", "--format", "md"]):
        result = program(*command, home=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "\\x1b" in shown(result.stdout), command  # Markdown escapes ] too
    for command in (
        ["history", "--json"],
        ["favourites", "--json"],
        ["export", "--format", "json"],
    ):
        document = json.loads(shown(program(*command, home=tmp_path).stdout))
        assert any(text.endswith(HOSTILE) for text in strings(document)), command


def strings(document: object) -> Iterator[str]:
    """Every string a JSON document holds, keys and values, at any depth."""
    if isinstance(document, str):
        yield document
    elif isinstance(document, dict):
        for key, value in document.items():
            yield key
            yield from strings(value)
    elif isinstance(document, list):
        for value in document:
            yield from strings(value)
