"""Crafted cache entries: a right header around wrong contents is a miss, never a deck."""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from closeness_cards.core import deckcache
from closeness_cards.core.cards import Deck
from closeness_cards.core.deckcheck import CARD_COLUMNS
from closeness_cards.core.deckfile import parse_deck
from support.decks import VALID_DECK, same_deck, write

HUGE = 10**5000
"""An int that ``str`` refuses to print (over 4,300 digits), as marshal happily stores."""

Frozen = tuple[Any, ...]
DECK_FIELDS = (
    "id", "title", "description", "audience", "stages", "language", "optional", "note", "share",
)  # fmt: skip
CARD_FIELDS = (
    "id", "text", "depth", "kind", "stages", "theme", "follow_up", "both", "minutes", "mature",
    "table", "line", "touch", "idea", "tip",
)  # fmt: skip
AT = len(DECK_FIELDS)
"""Where the card columns are in a frozen deck, after the deck's own fields."""


def deck_field(name: str, value: Any) -> Callable[[Frozen], Frozen]:
    """Change one field of the deck itself."""

    def change(frozen: Frozen) -> Frozen:
        at = DECK_FIELDS.index(name)
        return (*frozen[:at], value, *frozen[at + 1 :])

    return change


def card_field(name: str, value: Any, card: int = 0) -> Callable[[Frozen], Frozen]:
    """Change one field of one card (the first unless said)."""

    def change(frozen: Frozen) -> Frozen:
        columns = list(frozen[AT])
        column = list(columns[CARD_FIELDS.index(name)])
        column[card] = value
        columns[CARD_FIELDS.index(name)] = tuple(column)
        return (*frozen[:AT], tuple(columns))

    return change


CRAFTED: dict[str, Callable[[Frozen], Frozen]] = {
    "title with ESC": deck_field("title", "Deck\x1b[2J\x1b[H"),
    "title with OSC 52": deck_field("title", "Deck\x1b]52;c;aGVsbG8=\x07"),
    "title with markup and a C1 CSI": deck_field("title", "[bold red]Deck[/]\x9b2J"),
    "title too long": deck_field("title", "x" * 81),
    "title a number": deck_field("title", 12),
    "title of zero-width spaces": deck_field("title", "\u200b\u200b"),
    "description with a newline": deck_field("description", "one\ntwo"),
    "description with bidi": deck_field("description", "evil\u202etxt"),
    "language blank": deck_field("language", "\u0301\u0301"),
    "deck id with a newline": deck_field("id", "sample\nforged"),
    "deck id a path": deck_field("id", "../../etc"),
    "deck id bytes": deck_field("id", b"sample"),
    "audience unknown": deck_field("audience", "everyone"),
    "deck stages none": deck_field("stages", 0),
    "deck stages too many": deck_field("stages", 1 << 9),
    "optional an int": deck_field("optional", 1),
    "optional None": deck_field("optional", None),
    "note with ESC": deck_field("note", "Read me\x1b[2J"),
    "note too long": deck_field("note", "x" * 281),
    "note a number": deck_field("note", 3),
    "share zero": deck_field("share", 0),
    "share over a hundred": deck_field("share", 101),
    "share True": deck_field("share", True),
    "share a float": deck_field("share", 20.0),
    "share huge": deck_field("share", HUGE),
    "touch an int": card_field("touch", 1),
    "touch None": card_field("touch", None),
    "idea not a slug": card_field("idea", "Felt_Heard"),
    "idea with a newline": card_field("idea", "felt-heard\nforged"),
    "idea empty": card_field("idea", ""),
    "idea a number": card_field("idea", 7),
    "tip with ESC": card_field("tip", "Listen \x1b]52;c;aGk=\x07 closely."),
    "tip too short": card_field("tip", "Nod."),
    "tip a list": card_field("tip", ["Listen closely."]),
    "deck stages huge": deck_field("stages", HUGE),
    "text with ESC": card_field("text", "What is \x1b[31mred\x1b[0m to you?"),
    "text with a newline": card_field("text", "What is red?\nsample.yaml:1:1: ok"),
    "text with a tab": card_field("text", "What is\tred to you?"),
    "text with tags": card_field("text", "What is red\U000e0041\U000e0042 to you?"),
    "text with private use": card_field("text", "What is \ue000 to you?"),
    "text of zero-width spaces": card_field("text", "\u200b" * 10),
    "text of combining marks": card_field("text", "\u0301" * 10),
    "text not folded": card_field("text", "What  is red to you?"),
    "text with a space first": card_field("text", " What is red to you?"),
    "text with a space last": card_field("text", "What is red to you? "),
    "text with a non-breaking space": card_field("text", "What is\xa0red to you?"),
    "text too short": card_field("text", "Why?"),
    "text too long": card_field("text", "x" * 281),
    "text too long in emoji": card_field("text", "👩‍❤️‍👨" * 60),
    "text bytes": card_field("text", b"What is red to you?"),
    "text None": card_field("text", None),
    "follow-up with ESC": card_field("follow_up", "And \x1b[2J then?"),
    "follow-up empty": card_field("follow_up", ""),
    "follow-up zero": card_field("follow_up", 0),
    "card id not a slug": card_field("id", "Warm_01"),
    "card id with a newline": card_field("id", "warm-01\n"),
    "card id too long": card_field("id", "a" * 65),
    "card id empty": card_field("id", ""),
    "card ids twice": card_field("id", "open-01"),
    "card id a number": card_field("id", 1),
    "depth huge": card_field("depth", HUGE),
    "depth four": card_field("depth", 4),
    "depth text": card_field("depth", "2"),
    "kind unknown": card_field("kind", "boss"),
    "card stages none": card_field("stages", 0),
    "card stages negative": card_field("stages", -1),
    "card stages a float": card_field("stages", 3.0),
    "theme unknown": card_field("theme", "evil"),
    "theme a number": card_field("theme", 1),
    "both an int": card_field("both", 1),
    "both text": card_field("both", "yes"),
    "mature None": card_field("mature", None),
    "table unknown": card_field("table", "trio", card=3),
    "table capitalised": card_field("table", "Pair", card=3),
    "table True": card_field("table", True, card=3),
    "table a number": card_field("table", 2, card=3),
    "table a list": card_field("table", ["pair"], card=3),
    "table bytes": card_field("table", b"pair", card=3),
    "minutes True": card_field("minutes", True, card=3),
    "minutes zero": card_field("minutes", 0, card=3),
    "minutes 61": card_field("minutes", 61, card=3),
    "minutes huge": card_field("minutes", HUGE, card=3),
    "minutes a float": card_field("minutes", 1.0, card=3),
    "line huge": card_field("line", HUGE),
    "line negative": card_field("line", -1),
    "line True": card_field("line", True),
    "a list, not a tuple": lambda frozen: list(frozen),
    "a dict of seven": lambda frozen: dict.fromkeys(range(7)),
    "a string of seven": lambda frozen: "abcdefg",
    "columns as lists": lambda frozen: (*frozen[:AT], [list(c) for c in frozen[AT]]),
    "a column too many": lambda frozen: (*frozen[:AT], (*frozen[AT], frozen[AT][0])),
    "a column as a dict": lambda frozen: (
        *frozen[:AT],
        (dict.fromkeys(frozen[AT][0]),) * CARD_COLUMNS,
    ),
    "cards without touch, idea and tip, as version 3 froze them": lambda frozen: (
        *frozen[:6],
        frozen[AT][: CARD_FIELDS.index("touch")],
    ),
    "cards without a table, as version 2 froze them": lambda frozen: (
        *frozen[:AT],
        (*frozen[AT][: CARD_FIELDS.index("table")], frozen[AT][CARD_FIELDS.index("line")]),
    ),
}


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    return write(tmp_path / "sample.yaml", VALID_DECK)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path the cache had to parse, in order."""
    seen: list[Path] = []

    def counting(data: bytes, path: Path | str, *, builtin: bool = False) -> Deck:
        seen.append(Path(path))
        return parse_deck(data, path, builtin=builtin)

    monkeypatch.setattr(deckcache, "parse_deck", counting)
    return seen


def write_entry(deck_file: Path, cache: Path, frozen: Any) -> None:
    """An entry with every header right (magic, key, checksum) around ``frozen``."""
    payload = marshal.dumps(frozen)
    key = deckcache._key(deck_file, deck_file.read_bytes())
    blob = deckcache._MAGIC + key + zlib.crc32(payload).to_bytes(4, "little") + payload
    deckcache._entry_path(cache, deck_file).write_bytes(blob)


def test_the_frozen_form_is_what_the_crafted_cases_assume(deck_file: Path) -> None:
    frozen = deckcache._freeze(parse_deck(deck_file.read_bytes(), deck_file))
    assert len(frozen) == len(DECK_FIELDS) + 1
    assert len(frozen[AT]) == len(CARD_FIELDS) == CARD_COLUMNS
    assert frozen[AT][CARD_FIELDS.index("minutes")][3] == 1  # the timed card is the fourth
    assert frozen[AT][CARD_FIELDS.index("id")][1] == "open-01"
    assert frozen[AT][CARD_FIELDS.index("table")] == (None, None, None, "pair")


def test_an_untouched_entry_written_here_is_a_hit(
    deck_file: Path, tmp_path: Path, parses: list[Path]
) -> None:
    # The harness itself: a right entry, written the way the crafted ones are, is used.
    cache = tmp_path / "cache"
    good = deckcache.load_cached(deck_file, cache)
    write_entry(deck_file, cache, deckcache._freeze(good))
    same_deck(deckcache.load_cached(deck_file, cache), good)
    assert parses == [deck_file]


@pytest.mark.parametrize("case", list(CRAFTED))
def test_a_crafted_entry_is_a_miss_and_the_yaml_is_read(
    case: str, deck_file: Path, tmp_path: Path, parses: list[Path]
) -> None:
    cache = tmp_path / "cache"
    good = deckcache.load_cached(deck_file, cache)
    write_entry(deck_file, cache, CRAFTED[case](deckcache._freeze(good)))
    same_deck(deckcache.load_cached(deck_file, cache), good)
    assert len(parses) == 2
    same_deck(deckcache.load_cached(deck_file, cache), good)  # rebuilt: a hit again
    assert len(parses) == 2
