"""The card reader's fast path reads every deck exactly as the fully checked path does."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeness_cards.core.cardread import CardReader
from closeness_cards.core.cards import Deck
from closeness_cards.core.deckfile import CARD_KEYS, DeckError, DeckProblem, parse_deck
from support.decks import BAD_DECKS, BUILTIN_DECKS, VALID_DECK, same_deck

WORDS = [
    "1", "2", "3", "0", "4", "01", "1.0", "+1", "0x2", "7", "60", "61", "true", "false", "yes",
    "no", "on", "off", "True", "FALSE", "~", "null", "", "trust", "family", "future", "Trust",
    "tip", "action", "closing", "question", "pair", "group", "dating", "any", "card-1",
    "Card-1", "a--b", "-a", "x" * 64, "x" * 65, "2020-01-01",
    "What is a small thing that made you smile?", " What is a small thing that made you? ",
    "What is  a small thing?", "What is\ta small thing?", "Café au lait, s'il vous plaît?",
    "e" + "\u0301" * 9, "\u3164" * 9, "Tell me\u200b about it, please?",
    "\u202eevil text here, reversed", "Emoji 😀 time, is it ok?", "short", "x" * 281, "x" * 280,
    "Line one\nline two of the text",
]  # fmt: skip
PREFIXES = ["", "", "", "", "!!str ", "!!int ", "&a ", "!custom "]


def _render(word: str, style: str, prefix: str) -> str:
    if style == "double":
        return prefix + json.dumps(word)
    if style == "single":
        return prefix + "'" + word.replace("'", "''") + "'"
    if style == "alias":
        return "*a"
    if style == "list":
        return f"[{word}]"
    return prefix + word


VALUE = st.builds(
    _render,
    st.sampled_from(WORDS),
    st.sampled_from(["plain", "plain", "double", "single", "alias", "list"]),
    st.sampled_from(PREFIXES),
)
KEY = st.sampled_from([*CARD_KEYS, *CARD_KEYS, "junk", "Text", "<<", '"id"', "!!str text"])
OPTIONAL = st.sampled_from([key for key in CARD_KEYS if key not in ("id", "text", "depth")])
GOOD = [("text", '"What is a small thing that made you smile?"'), ("depth", "2")]
CARD = st.one_of(
    st.lists(st.tuples(KEY, VALUE), min_size=1, max_size=8),
    st.lists(st.tuples(OPTIONAL, VALUE), max_size=2).map(lambda pairs: [*GOOD, *pairs]),
)


@contextmanager
def checked_only() -> Iterator[None]:
    CardReader.fast = False
    try:
        yield
    finally:
        CardReader.fast = True


def read(data: bytes) -> Deck | list[DeckProblem]:
    try:
        return parse_deck(data, "deck.yaml")
    except DeckError as error:
        return error.problems


def assert_read_alike(data: bytes) -> None:
    fast = read(data)
    with checked_only():
        checked = read(data)
    if isinstance(fast, Deck):
        assert isinstance(checked, Deck)
        same_deck(fast, checked)
    else:
        assert fast == checked


@pytest.mark.parametrize(
    "path",
    [*BUILTIN_DECKS, *sorted(BAD_DECKS.glob("*.yaml"))],
    ids=lambda path: path.name,
)
def test_every_builtin_and_bad_deck_reads_alike(path: Path) -> None:
    assert_read_alike(path.read_bytes())


def test_plain_values_take_the_fast_path_and_the_switch_turns_it_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Otherwise both readings could agree only because both took the same path.
    names: list[str] = []
    field = CardReader.field

    def counted(reader: CardReader, name: str, value: object) -> object:
        names.append(name)
        return field(reader, name, value)

    monkeypatch.setattr(CardReader, "field", counted)
    fast = read(VALID_DECK.encode())
    # Checked: an id YAML might read as a word of its own ("o", as in "on"), text with a
    # line break (folded), and stages (always).
    assert names == ["id", "text", "stages", "stages"]
    names.clear()
    with checked_only():
        assert read(VALID_DECK.encode()) == fast
    assert len(names) == sum(VALID_DECK.count(f"    {key}:") for key in CARD_KEYS) + 4


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CARD, min_size=1, max_size=3))
def test_any_cards_read_alike(cards: list[list[tuple[str, str]]]) -> None:
    lines = ["schema: 1", "id: t", "title: T", "cards:"]
    for index, card in enumerate(cards):
        card.insert(0, ("id", f"card-{index}"))
        for number, (key, value) in enumerate(card):
            lines.append(f"  {'-' if number == 0 else ' '} {key}: {value}")
    assert_read_alike(("\n".join(lines) + "\n").encode("utf-8"))
