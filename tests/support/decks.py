"""Deck texts and helpers shared by the deck-loading tests."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from closeness_cards.core.cards import Deck
from support import FIXTURES, REPO

BAD_DECKS = FIXTURES / "bad_decks"
BUILTIN_DECKS = sorted((REPO / "decks").glob("*.yaml"))

VALID_DECK = """\
schema: 1
id: sample
title: A sample deck
description: "A small deck that uses every field."
audience: couples
stages: [dating, early]
language: en
cards:
  - id: warm-01
    text: "What is a small thing that made you smile this week?"
    depth: 1
    theme: appreciation
    follow_up: "What made it land the way it did?"
  - id: open-01
    text: >
      Tell me about a time you felt truly understood by someone.
      What did they do?
    depth: 2
    stages: any
  - id: deep-01
    text: "What is something you need from me that you find hard to ask for?"
    depth: 3
    theme: vulnerability
    stages: [committed, long-term]
    mature: false
  - id: act-01
    kind: action
    text: "Sit facing each other and share one minute of quiet eye contact."
    depth: 1
    minutes: 1
    both: true
"""


def write(path: Path, text: str | bytes) -> Path:
    """Write ``text`` (UTF-8 if it is a str) to ``path`` and return the path."""
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def run_cli(*args: str, home: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """Run ``python -m closeness_cards ARGS`` from the source tree with a private home."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "CLOSENESS_CARDS_HOME": str(home),
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "closeness_cards", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=timeout,
        check=False,
    )


BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Unicode's Bidi_Control property, written out apart from the code under test."""


def unsafe(char: str) -> bool:
    """Whether a character must never reach a terminal as itself: controls (C0, DEL, C1),
    lone surrogates, line and paragraph separators and bidirectional controls."""
    return unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in BIDI_CONTROLS


def one_safe_line(text: str) -> bool:
    """Whether ``text`` shows on a terminal as one line, with nothing a terminal acts on."""
    return not any(unsafe(char) for char in text) and len(text.splitlines()) <= 1


def same_deck(one: Deck, two: Deck) -> None:
    """Equal as values, and equal in what equality leaves out."""
    assert one == two
    assert hash(one.cards) == hash(two.cards)
    assert [card.line for card in one.cards] == [card.line for card in two.cards]
    assert (one.source, one.builtin) == (two.source, two.builtin)
    for left, right in zip(one.cards, two.cards, strict=True):
        assert dataclasses.asdict(left) == dataclasses.asdict(right)
        # Types too: equality takes True for 1 and 1.0 for 1.
        for field in dataclasses.fields(left):
            assert type(getattr(left, field.name)) is type(getattr(right, field.name)), field
