"""Checking a deck read back from the cache by the loader's own rules, before it is trusted.

A cache entry is only bytes in a folder: damaged, or written by someone else, it must not
bring in what the loader would have refused. Every value is checked for its type, range,
length and text rules; anything off makes the entry a miss, and the YAML is read again.
The checks run column by column, in C where they can: a warm load of ten thousand cards
must stay a few milliseconds.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from closeness_cards.core.cards import (
    MINUTES_MAX,
    TEXT_MAX,
    TEXT_MIN,
    THEMES,
    Audience,
    Fits,
    Kind,
    Stage,
)
from closeness_cards.core.deckfile import (
    DESCRIPTION_MAX,
    LANGUAGE_MAX,
    LANGUAGE_MIN,
    MAX_DECK_BYTES,
    NOTE_MAX,
    SLUG,
    SLUG_MAX,
    TITLE_MAX,
)
from closeness_cards.core.decktext import normal, shows_nothing, text_problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CARD_COLUMNS = 15
"""id, text, depth, kind, stage bits, theme, follow-up, both, minutes, mature, table, line,
touch, idea, tip."""
STAGE_BITS_MAX = (1 << len(Stage)) - 1
"""Every stage: one bit for each."""

_INT, _BOOL, _TIMED = frozenset({int}), frozenset({bool}), frozenset({int, type(None)})
_DEPTHS = frozenset({1, 2, 3})
_KINDS = frozenset(kind.value for kind in Kind)
_AUDIENCES = frozenset(audience.value for audience in Audience)
_TABLES = frozenset({None, *(fits.value for fits in Fits)})
_THEMES = frozenset(THEMES)
_ASCII_PRINTABLE = bytes(range(0x20, 0x7F))
_SLUG_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789-\n"
_DOUBLE_SPACE = re.compile("  ")
"""Searched for: a third faster than ``in`` over a long text of many single spaces."""


class NotADeck(ValueError):
    """What the cache holds is not a deck the loader could have read."""


def check_frozen(frozen: Any) -> None:
    """Raise ``NotADeck`` unless ``frozen`` is a deck, frozen as the cache writes one, that
    the loader could have produced."""
    if type(frozen) is not tuple or len(frozen) != 10:
        raise NotADeck("not a deck")
    deck_id, title, description, audience, stage_bits, language, optional, note, share, columns = (
        frozen
    )
    _require(type(optional) is bool, "optional")
    _require(_one_text(note, 0, NOTE_MAX), "note")
    _require(share is None or (type(share) is int and 1 <= share <= 100), "share")
    _require(type(deck_id) is str and _slug(deck_id), "deck id")
    _require(_one_text(title, 1, TITLE_MAX), "title")
    _require(_one_text(description, 0, DESCRIPTION_MAX), "description")
    _require(_one_text(language, LANGUAGE_MIN, LANGUAGE_MAX), "language")
    _require(type(audience) is str and audience in _AUDIENCES, "audience")
    _require(type(stage_bits) is int and 0 < stage_bits <= STAGE_BITS_MAX, "stages")
    _require(type(columns) is tuple and len(columns) == CARD_COLUMNS, "cards")
    _require(all(type(column) is tuple for column in columns), "cards")
    _require(len({len(column) for column in columns}) == 1 and len(columns[0]) > 0, "cards")
    _check_cards(columns)


def _check_cards(columns: tuple[tuple[Any, ...], ...]) -> None:
    (ids, texts, depths, kinds, bits, themes, follow_ups, boths, minutes, matures, tables, lines,
     touches, ideas, tips) = columns  # fmt: skip
    # Depths, kinds, stages and tables are looked up in tables when thawed, so their values alone
    # matter (True or 1.0 would find Depth 1, rightly); the others go into cards as they are,
    # so their types matter too. Texts and ids are joined, which takes only strings.
    _require(_slugs(ids) and len(set(ids)) == len(ids), "card ids")
    # Texts, follow-ups and tips keep the same rules: checked together, in one pass.
    others = [text for text in (*follow_ups, *tips) if text is not None]
    _require(_texts([*texts, *others], TEXT_MIN, TEXT_MAX), "texts")
    _require(set(depths) <= _DEPTHS and set(kinds) <= _KINDS, "depths or kinds")
    _require(all(0 < value <= STAGE_BITS_MAX for value in set(bits)), "stages")
    _require(set(themes) - {None} <= _THEMES, "themes")
    _require(set(tables) <= _TABLES, "tables")
    _require(_types(boths) | _types(matures) | _types(touches) <= _BOOL, "flags")
    named = [idea for idea in ideas if idea is not None]
    _require(not named or _slugs(named), "ideas")
    # Types first: then a set cannot hide a True behind a 1.
    _require(_types(minutes) <= _TIMED, "minutes")
    _require(all(1 <= value <= MINUTES_MAX for value in set(minutes) - {None}), "minutes")
    _require(_types(lines) <= _INT and min(lines) > 0 and max(lines) <= MAX_DECK_BYTES, "lines")


def _require(ok: bool, what: str) -> None:
    if not ok:
        raise NotADeck(what)


def _types(values: Sequence[Any]) -> set[type]:
    # type(), not isinstance: True is an int, and 1.0 == 1, to sets and comparisons.
    return set(map(type, values))


def _slug(value: str) -> bool:
    return len(value) <= SLUG_MAX and SLUG.fullmatch(value) is not None


def _one_text(value: Any, low: int, high: int) -> bool:
    return type(value) is str and text_problem(value, low, high) is None and normal(value) == value


def _texts(texts: Sequence[str], low: int, high: int) -> bool:
    """Whether every text is one the loader keeps: ``text_problem`` finds nothing, and the
    text is already ``normal``; checked over all of them at once where that is exact."""
    if not texts:
        return True
    lengths = list(map(len, texts))
    if min(lengths) < low or max(lengths) > high:
        return False
    spaced = " ".join(texts)
    # Folding leaves single spaces, none at either end: joined by spaces, any text that is
    # not so shows two spaces together, or one at the very start or end.
    if _DOUBLE_SPACE.search(spaced) or spaced[0] == " " or spaced[-1] == " ":
        return False
    if spaced.isascii():  # then only a control (a line break too) could be wrong
        return not spaced.encode("ascii").translate(None, _ASCII_PRINTABLE)
    # A printable text holds no control, format, private-use, unassigned or separator
    # character, so nothing hidden and no whitespace but spaces: the rules need checking
    # in full only for the others (emoji with joiners among them).
    for text in itertools.filterfalse(str.isprintable, texts):
        if text_problem(text, low, high) is not None or normal(text) != text:
            return False
    # Printable is not visible: marks, fillers and blank Braille are printable.
    return not any(map(shows_nothing, itertools.filterfalse(str.isascii, texts)))


def _slugs(ids: Sequence[str]) -> bool:
    """Whether every id is a slug (as ``SLUG`` and ``SLUG_MAX`` say), checked at once."""
    if not ids or max(map(len, ids)) > SLUG_MAX or min(map(len, ids)) == 0:
        return False
    joined = "\n".join(ids)
    if not joined.isascii() or joined.encode("ascii").translate(None, _SLUG_BYTES):
        return False
    if joined.count("\n") != len(ids) - 1:
        return False
    return not any(part in joined for part in ("--", "\n-", "-\n")) and "-" not in (
        joined[0],
        joined[-1],
    )
