"""Walking a deck file's YAML events safely: nesting, tags and anchors, and typed plain values."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator
from typing import Any

import yaml

from closeness_cards.core.deckfile import (
    MAX_NESTING,
    MAX_PROBLEMS,
    SLUG,
    SLUG_MAX,
    DeckProblem,
    quoted,
)
from closeness_cards.core.decktext import joined_surrogates, normal, text_problem

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + n for n in ("str", "int", "float", "bool", "null"))
_SCALAR_TAGS = frozenset({"!", _STR, _INT, _FLOAT, _BOOL, _NULL})
_SEQ_TAGS = frozenset({"!", _TAG + "seq"})
_MAP_TAGS = frozenset({"!", _TAG + "map"})
_RESOLVERS: dict[Any, Any] = yaml.resolver.Resolver.yaml_implicit_resolvers
_BOOLS: dict[str, bool] = yaml.constructor.SafeConstructor.bool_values
_WHOLE = re.compile("0|[1-9][0-9]*")
"""A whole number as decks write it, matched with ``fullmatch``: plain decimal digits, with
no sign, leading zero, underscore, fraction or exponent. YAML 1.1 reads 02, 0x2, 0b10,
+2, 1_0 and 2.0 as numbers too; JSON, and editors that read YAML 1.2 through the schema,
read some of them as text, so decks take none of them."""
_NUMBER_MAX = 40
"""Digits a whole number may have: longer ones are never in range, and ``int`` refuses
strings of more than 4,300 digits with an exception."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Scalar, _Alias = yaml.ScalarEvent, yaml.AliasEvent
_MapStart, _MapEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_SeqStart, _SeqEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_STARTS = (_MapStart, _SeqStart)
_SHORT = 100
"""Characters of an unknown name compared with the known ones: longer is never close."""
_ENDS = (_MapEnd, _SeqEnd)


class _Bad:
    """Marks a value already reported as a problem (or one of a type no field accepts)."""


_BAD = _Bad()
_ODD = _Bad()  # a timestamp or other YAML type no deck field takes
_NUMBER = _Bad()  # a number that is not a whole number as decks write one
_HUGE = _Bad()  # a whole number of more digits than any field can take


class Fatal(Exception):
    """A problem after which the rest of the file cannot be read safely."""

    def __init__(self, problem: DeckProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _scalar_value(event: Any) -> Any:
    """The Python value of a scalar event, typed the way ``yaml.safe_load`` would type it."""
    tag, value = event.tag, event.value
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return value  # quoted or block text is always a string
        resolvers = _RESOLVERS.get(value[:1])
        if resolvers is None:
            return value
        tag = next((tag for tag, regexp in resolvers if regexp.match(value)), _STR)
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _BOOLS.get(value.lower(), _BAD)
    if tag not in (_INT, _FLOAT):
        return _ODD
    # Never int() or float() on the text itself: that could be megabytes of digits.
    if tag == _INT and _WHOLE.fullmatch(value):
        return int(value) if len(value) <= _NUMBER_MAX else _HUGE
    return _NUMBER


class DeckWalker:
    """Walks the YAML event stream once, checking every value and collecting every problem.

    Events, not a composed tree: libyaml's parser is iterative, so nesting is counted here
    before anything recurses, aliases are never expanded, and no tag is ever constructed.
    """

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.problems: list[DeckProblem] = []
        self.parser = _Loader(text)
        self._get = self.parser.get_event
        self._depth = 0
        self._anchored = False
        self._plain: dict[str, Any] = {}
        # Set when the deck names a newer schema; then it is the only problem reported.
        self._newer: DeckProblem | None = None

    def problem(self, event: Any, message: str, hint: str = "") -> None:
        if self._newer is not None:
            return  # only that will be reported
        mark = event.start_mark
        self.problems.append(DeckProblem(self.name, mark.line + 1, mark.column + 1, message, hint))
        if len(self.problems) >= MAX_PROBLEMS:  # a 16 MiB file can hold millions of them
            message = f"stopped after {MAX_PROBLEMS} problems"
            raise Fatal(
                DeckProblem(self.name, mark.line + 1, mark.column + 1, message, "fix these first")
            )

    def next(self) -> Any:
        """The next event, after the checks every event must pass."""
        return self.checked(self._get())

    def checked(self, event: Any) -> Any:
        """``event``, just taken from the parser, after the checks every event must pass.

        An untagged scalar without an anchor needs none: fast readers take events from
        ``_get`` themselves and bring only the others here.
        """
        kind = type(event)
        if kind is _Scalar:
            if event.tag is not None or event.anchor is not None:
                self._odd(event, _SCALAR_TAGS)
        elif kind is _MapStart or kind is _SeqStart:
            self._depth += 1
            if self._depth > MAX_NESTING:
                mark = event.start_mark
                message = f"the file nests more than {MAX_NESTING} levels deep"
                raise Fatal(DeckProblem(self.name, mark.line + 1, mark.column + 1, message))
            if event.tag is not None or event.anchor is not None:
                self._odd(event, _MAP_TAGS if kind is _MapStart else _SEQ_TAGS)
        elif kind is _MapEnd or kind is _SeqEnd:
            self._depth -= 1
        elif kind is _Alias:
            self._odd(event, _SCALAR_TAGS)
        return event

    def _odd(self, event: Any, tags: frozenset[str]) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in tags:
            self.problem(event, f"the tag {quoted(tag)} is not allowed in decks", "remove it")
        if (type(event) is _Alias or event.anchor is not None) and not self._anchored:
            self._anchored = True  # one report is enough; a file can hold thousands
            hint = "write each value out in full"
            self.problem(event, "YAML anchors and aliases are not allowed in decks", hint)

    @staticmethod
    def refused(event: Any) -> bool:
        """Whether a value is an alias or carries a foreign tag (both reported by ``next``)."""
        kind = type(event)
        if kind is _Alias:
            return True
        tag = event.tag
        if tag is None:
            return False
        return tag not in (
            _SCALAR_TAGS if kind is _Scalar else _MAP_TAGS if kind is _MapStart else _SEQ_TAGS
        )

    def skip(self, event: Any) -> None:
        """Consume the rest of a value that starts with ``event``."""
        if type(event) in _STARTS:
            level = 1
            while level:
                kind = type(self.next())
                level += 1 if kind in _STARTS else -1 if kind in _ENDS else 0

    def expect(self, event: Any, kind: type[Any], message: str) -> bool:
        """Whether ``event`` starts a usable collection of ``kind``; if not, report and skip it."""
        if type(event) is kind and not self.refused(event):
            return True
        if not self.refused(event):
            empty = type(event) is _Scalar and _scalar_value(event) is None
            self.problem(event, message + (" (it is empty)" if empty else ""))
        self.skip(event)
        return False

    def pairs(
        self, what: str, allowed: tuple[str, ...], seen: set[str]
    ) -> Iterator[tuple[str, Any]]:
        """Each known key of a mapping with its value's first event; the caller reads the value."""
        while type(key := self.next()) is not _MapEnd:
            pair = self.pair(what, allowed, seen, key)
            if pair is not None:
                seen.add(pair[0])
                yield pair

    def pair(
        self, what: str, allowed: Collection[str], seen: Collection[str], key: Any
    ) -> tuple[str, Any] | None:
        """A known key not in ``seen`` and its value's first event (the caller reads the value);
        else None, the key and its value reported and skipped."""
        name = key.value if type(key) is _Scalar and key.tag in (None, "!", _STR) else None
        if name == "<<" and key.implicit[0]:
            self.problem(key, "YAML merge keys (<<) are not allowed in decks", "write it out")
            name = None
        elif name is None and not self.refused(key):
            self.problem(key, f"{what} has a key that is not a plain name")
        if name is None:
            self.skip(key)
            self.skip(self.next())
            return None
        value = self.next()
        if name in seen:
            self.problem(key, f"duplicate key '{quoted(name)}' in {what}", "keep only one")
        elif name not in allowed:
            close = difflib.get_close_matches(name[:_SHORT], allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(allowed)
            self.problem(key, f"unknown key '{quoted(name)}' in {what}", hint)
        else:
            return name, value
        self.skip(value)
        return None

    def word(self, event: Any) -> str | None:
        """The text of an untagged scalar without an anchor (``checked`` has nothing to say
        about it) when it is sure to be read as text, else None: then ``scalar`` decides.

        Quoted and block scalars are text; a plain one is, unless a YAML type could claim it
        by its first character (and the words already read say it is still text).
        """
        value: str = event.value
        if not event.implicit[0] or value[:1] not in _RESOLVERS:
            return value
        return value if type(self._plain.get(value)) is str else None

    def scalar(self, event: Any, field: str) -> Any:
        """A plain value, or ``_BAD`` (reported) for collections, aliases and foreign tags."""
        if type(event) is _Scalar and event.tag is None:
            if not event.implicit[0]:
                return event.value  # quoted or block text is always a string
            value = self._plain.get(event.value, _BAD)  # the same few words recur all along
            if value is _BAD:
                value = _scalar_value(event)
                if value is not _BAD and len(self._plain) < 4096:
                    self._plain[event.value] = value
        elif self.refused(event):
            self.skip(event)
            return _BAD
        elif type(event) is not _Scalar:
            self.problem(event, f"'{field}' must be a single value, not a list or mapping")
            self.skip(event)
            return _BAD
        else:
            value = _scalar_value(event)
        if value is _BAD:
            self.problem(event, f"'{field}' has a value that cannot be read")
        return value

    def wrong(self, event: Any, value: Any, field: str, message: str, hint: str = "") -> None:
        if value is None:
            self.problem(event, f"'{field}' is empty", hint)
        elif value is not _BAD:
            self.problem(event, message, hint)

    def text(self, event: Any, field: str, low: int, high: int) -> str | None:
        value = self.scalar(event, field)
        if type(value) is not str:
            self.wrong(event, value, field, f"'{field}' must be text", "put it in quotes")
            return None
        value = joined_surrogates(value)
        problem = text_problem(value, low, high)
        if problem is not None:
            message, hint = problem
            self.problem(event, f"'{field}' {message}", hint)
            return None
        return normal(value)

    def integer(self, event: Any, field: str, low: int, high: int) -> int | None:
        value = self.scalar(event, field)
        if type(value) is not int or not low <= value <= high:
            plain = type(value) is int or value is _HUGE  # the digits are right, not the size
            hint = "" if plain else f"write it in plain digits, like {low}"
            message = f"'{field}' must be a whole number from {low} to {high}"
            self.wrong(event, value, field, message, hint)
            return None
        return int(value)

    def flag(self, event: Any, field: str) -> bool:
        value = self.scalar(event, field)
        if type(value) is not bool:
            self.wrong(event, value, field, f"'{field}' must be true or false")
            return False
        return bool(value)

    def slug(self, event: Any, field: str) -> str | None:
        value = self.scalar(event, field)
        if type(value) is not str or len(value) > SLUG_MAX or not SLUG.fullmatch(value):
            hint = "lowercase letters, digits and single hyphens, like 'first-dates'"
            self.wrong(event, value, field, f"'{field}' must be a short slug", hint)
            return None
        return str(value)

    def choice(self, event: Any, field: str, options: tuple[str, ...]) -> str | None:
        value = self.scalar(event, field)
        if type(value) is not str or value not in options:
            shown = value if type(value) is str else getattr(event, "value", "")
            close = difflib.get_close_matches(str(shown)[:_SHORT], options, n=1)
            hint = (
                (f"did you mean '{close[0]}'? " if close else "") + "one of: " + ", ".join(options)
            )
            self.wrong(event, value, field, f"unknown {field} '{quoted(shown)}'", hint)
            return None
        return str(value)
