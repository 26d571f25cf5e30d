"""Deck texts and helpers shared by the deck-loading tests."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from closeness_cards.core.cards import CARD_FIELDS, Deck
from closeness_cards.core.deckfile import DeckError, parse_deck
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
    table: pair
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
        # Field by field, types too: equality takes True for 1 and 1.0 for 1.
        for field in (*CARD_FIELDS, "global_id", "idea_key"):
            assert getattr(left, field) == getattr(right, field), field
            assert type(getattr(left, field)) is type(getattr(right, field)), field


# --- the JSON Schema, and reading YAML the way it is held to ---------------------------


@cache
def schema() -> dict[str, Any]:
    """The deck JSON Schema, as the package ships it."""
    text = (resources.files("closeness_cards") / "deck.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


# Once YAML is read, JSON Schema sees the number 2 whether the file said 2, 02, 0x2, +2 or
# 2.0: it cannot see how a number was written. The schema's description states the rule
# (whole numbers in plain decimal digits); to hold the schema to it, the tests read YAML
# with numbers as written: only plain digits give an integer, and "integer" means a
# number written as one.
PLAIN_DIGITS = re.compile("0|[1-9][0-9]{0,999}")


class AsWritten(yaml.CSafeLoader):
    """libyaml, as the loader uses, with integers only where the file wrote plain digits."""


def _integer_as_written(loader: AsWritten, node: yaml.ScalarNode) -> int | float:
    value = loader.construct_scalar(node)
    # Any other form: a number, but not an integer (nan: never in any range either).
    return int(value) if PLAIN_DIGITS.fullmatch(value) else math.nan


AsWritten.add_constructor("tag:yaml.org,2002:int", _integer_as_written)

_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, instance: type(instance) is int
    ),
)


@cache
def validator() -> Any:
    """A validator of the deck schema where "integer" means a number written as one."""
    return _Validator(schema())


def read_as_written(document: str) -> Any:
    """A YAML document as the schema sees it, numbers as written (see ``AsWritten``)."""
    return yaml.load(document, Loader=AsWritten)


def loader_accepts(document: str) -> bool:
    """Whether the game's loader takes the document as a deck."""
    try:
        parse_deck(document.encode("utf-8"), "generated.yaml")
    except DeckError:
        return False
    return True


def schema_accepts(document: str) -> bool:
    """Whether the JSON Schema takes the document as a deck."""
    # The same parser as the loader (libyaml), so only the rules differ, not the YAML.
    return bool(validator().is_valid(read_as_written(document)))


"""Given to ``deck_with`` for a field: leave the field out."""


ABSENT = object()
"""Given to ``deck_with`` for a field: leave the field out."""


def deck_with(**fields: Any) -> dict[str, Any]:
    """A valid deck with one card, changed by ``fields`` (card fields prefixed ``card_``)."""
    card: dict[str, Any] = {"id": "one", "text": "What made you smile today?", "depth": 1}
    deck: dict[str, Any] = {"schema": 1, "id": "sample", "title": "Sample", "cards": [card]}
    for key, value in fields.items():
        target, key = (card, key[5:]) if key.startswith("card_") else (deck, key)
        if value is ABSENT:
            del target[key]
        else:
            target[key] = value
    return deck


@dataclass(frozen=True)
class Written:
    """A scalar that goes into the YAML exactly as given, plain: 0x2, +0_2, 2.0."""

    text: str


class Dumper(yaml.SafeDumper):
    """``yaml.safe_dump``, with ``Written`` values written as themselves."""


def _represent_written(dumper: Dumper, value: Written) -> yaml.ScalarNode:
    # The tag YAML would give the text, so that it is written plain, with no tag or quotes.
    tag = dumper.resolve(yaml.ScalarNode, value.text, (True, False))
    return dumper.represent_scalar(tag, value.text)


Dumper.add_representer(Written, _represent_written)


def dump(value: Any, **options: Any) -> str:
    """``yaml.safe_dump``, with ``Written`` values as themselves."""
    return yaml.dump(value, Dumper=Dumper, **options)
