"""Reading a deck file's cards off its YAML events: the common case fast, the rest as checked."""

from __future__ import annotations

from typing import Any

import yaml

from closeness_cards.core.cards import (
    ALL_STAGES,
    MINUTES_MAX,
    TEXT_MAX,
    TEXT_MIN,
    THEMES,
    Depth,
    Fits,
    Kind,
    Stage,
)
from closeness_cards.core.deckfile import CARD_KEYS, REQUIRED_CARD_KEYS, SLUG, SLUG_MAX, STAGE_NAMES
from closeness_cards.core.decktext import shows_nothing
from closeness_cards.core.deckwalk import DeckWalker

_DEPTHS = {int(depth): depth for depth in Depth}
_KINDS = {kind.value: kind for kind in Kind}
_TABLES = {fits.value: fits for fits in Fits}
_THEMES = tuple(sorted(THEMES))
_THEME_SET = frozenset(THEMES)
_LINE = 11
"""Where a card's line is among the fields ``CardReader.card`` returns."""
_Scalar, _MapStart, _MapEnd = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
_SeqStart, _SeqEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_CARD_KEYS = frozenset(CARD_KEYS)

# Plain scalars YAML reads as these values, and only these: what the fast path accepts.
_DEPTH_WORDS = {str(int(depth)): depth for depth in Depth}
_MINUTE_WORDS = {str(minutes): minutes for minutes in range(1, MINUTES_MAX + 1)}
_FLAG_WORDS = {"true": True, "false": False}


def _plain_text(text: str) -> bool:
    """Whether a card text is one the loader keeps exactly as written: printable (so no
    hidden character, no whitespace but spaces and no surrogate), already folded to single
    spaces, of the right length, and showing something. Else the full checks decide."""
    return (
        TEXT_MIN <= len(text) <= TEXT_MAX
        and text.isprintable()
        and "  " not in text
        and text[0] != " "
        and text[-1] != " "
        and (text.isascii() or not shows_nothing(text))  # marks and fillers are printable
    )


class CardReader(DeckWalker):
    """Reads a deck's list of cards, field by field, checking every value.

    A value as most decks write it (an untagged scalar that is plainly right) is taken
    here in a few C calls; anything else goes through ``DeckWalker``'s checks, which report
    exactly what is wrong. Either way a card reads the same (``fast = False`` reads every
    value the checked way, for tests that compare the two).
    """

    fast = True

    def cards(self, event: Any) -> list[tuple[Any, ...]]:
        """Each good card's fields, as ``card`` gives them, in file order."""
        if not self.expect(event, _SeqStart, "'cards' must be a list of cards"):
            return []
        cards: list[tuple[Any, ...]] = []
        lines: dict[str, int] = {}
        empty = True
        while type(item := self.next()) is not _SeqEnd:
            empty = False
            card = self.card(item)
            if card is None:
                continue
            card_id, line = card[0], card[_LINE]
            if card_id in lines:
                hint = f"first used on line {lines[card_id]}"
                self.problem(item, f"duplicate card id '{card_id}'", hint)
                continue
            lines[card_id] = line
            cards.append(card)
        if empty:
            self.problem(event, "the deck has no cards", "add at least one card")
        return cards

    def card(self, start: Any) -> tuple[Any, ...] | None:
        """One card's fields in ``Card`` order after the deck id (its own stages and table,
        or None), or None when it is wrong."""
        if not self.expect(start, _MapStart, "a card must be a mapping of keys to values"):
            return None
        before = len(self.problems)
        got: dict[str, Any] = {}
        if self.fast:
            self._fields(got)
        else:
            for name, value in self.pairs("a card", CARD_KEYS, set()):
                got[name] = self.field(name, value)
        if "id" not in got or "text" not in got or "depth" not in got:
            for key in REQUIRED_CARD_KEYS:
                if key not in got:
                    self.problem(start, f"the card has no '{key}'")
        depth = got.get("depth")
        if len(self.problems) > before or depth is None:
            return None
        return (
            got.get("id"), got.get("text"), depth, got.get("kind", Kind.QUESTION),
            got.get("stages"), got.get("theme"), got.get("follow_up"), got.get("both", False),
            got.get("minutes"), got.get("mature", False), got.get("table"),
            start.start_mark.line + 1, got.get("touch", False), got.get("idea"), got.get("tip"),
        )  # fmt: skip

    def _fields(self, got: dict[str, Any]) -> None:
        """Read a card's fields into ``got``, by name, up to the end of its mapping."""
        get, checked, word = self._get, self.checked, self.word
        while True:
            key = get()
            if type(key) is _Scalar and key.tag is None and key.anchor is None:
                name = key.value
                if name not in _CARD_KEYS or name in got:
                    pair = self.pair("a card", CARD_KEYS, got, key)
                    if pair is not None:
                        got[pair[0]] = self.field(*pair)
                    continue
            elif type(key) is _MapEnd:
                self._depth -= 1
                break
            else:
                pair = self.pair("a card", CARD_KEYS, got, checked(key))
                if pair is not None:
                    got[pair[0]] = self.field(*pair)
                continue
            value = get()
            if type(value) is not _Scalar or value.tag is not None or value.anchor is not None:
                got[name] = self.field(name, checked(value))
                continue
            # An untagged scalar: taken as it is when it is plainly right, else checked.
            # The words below are the ones YAML reads as these values, and only those.
            text = value.value
            if name in ("text", "follow_up", "tip"):
                found: Any = text if word(value) is not None and _plain_text(text) else None
            elif name in ("id", "idea"):
                slug = word(value) is not None and len(text) <= SLUG_MAX and SLUG.fullmatch(text)
                found = text if slug else None
            elif name == "depth":
                found = _DEPTH_WORDS.get(text) if value.implicit[0] else None
            elif name == "theme":
                found = text if text in _THEME_SET and word(value) is not None else None
            elif name == "kind":
                found = _KINDS.get(text) if word(value) is not None else None
            elif name == "minutes":
                found = _MINUTE_WORDS.get(text) if value.implicit[0] else None
            elif name == "table":
                found = _TABLES.get(text) if word(value) is not None else None
            elif name == "stages":
                found = None
            else:  # both, mature, touch
                found = _FLAG_WORDS.get(text) if value.implicit[0] else None
            got[name] = self.field(name, value) if found is None else found

    def field(self, name: str, value: Any) -> Any:
        """A card's field read from its value's first event with every check: the value,
        or None (or the default) with the problem reported."""
        if name == "text" or name == "follow_up" or name == "tip":
            return self.text(value, name, TEXT_MIN, TEXT_MAX)
        if name == "id" or name == "idea":
            return self.slug(value, name)
        if name == "depth":
            depth = self.integer(value, "depth", 1, 3)
            return None if depth is None else _DEPTHS[depth]
        if name == "theme":
            return self.choice(value, "theme", _THEMES)
        if name == "kind":
            return _KINDS.get(self.choice(value, "kind", tuple(_KINDS)) or "", Kind.QUESTION)
        if name == "stages":
            return self.stages(value)
        if name == "minutes":
            return self.integer(value, "minutes", 1, MINUTES_MAX)
        if name == "table":
            return self.table(value)
        return self.flag(value, name)  # both, mature, touch

    def table(self, event: Any) -> Fits | None:
        """The table a ``table`` value names, or None (reported) when it names none."""
        return _TABLES.get(self.choice(event, "table", tuple(_TABLES)) or "")

    def stages(self, event: Any) -> frozenset[Stage] | None:
        """The stages a ``stages`` value names, or None (reported) when it is wrong."""
        if type(event) is not _SeqStart:
            names = [self.choice(event, "stages", STAGE_NAMES)]
        elif not self.expect(event, _SeqStart, "'stages' must be a list of stages"):
            return None
        else:
            names = []
            while type(item := self.next()) is not _SeqEnd:
                names.append(self.choice(item, "stage", STAGE_NAMES))
            if not names:
                self.problem(event, "'stages' is empty", "list at least one stage, or 'any'")
                return None
        if None in names:
            return None
        return ALL_STAGES if "any" in names else frozenset(Stage(n) for n in names if n)
