"""Reading one deck file: hostile-input safe YAML in, a validated Deck or precise errors out."""

from __future__ import annotations

import codecs
import difflib
import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from closeness_cards.core.cards import (
    ALL_STAGES,
    MINUTES_MAX,
    TEXT_MAX,
    TEXT_MIN,
    THEMES,
    Audience,
    Card,
    Deck,
    Depth,
    Kind,
    Stage,
)

SCHEMA_VERSION = 1
MAX_DECK_BYTES = 16 * 1024 * 1024
"""Files above this are refused before a byte is parsed."""
MAX_NESTING = 64
"""A deck needs four levels; PyYAML's C composer recurses and crashes on deep files."""
MAX_PROBLEMS = 500
"""Reading stops after this many problems, so a broken file's report stays readable."""

DECK_KEYS = ("schema", "id", "title", "description", "audience", "stages", "language", "cards")
CARD_KEYS = (
    "id", "text", "depth", "kind", "stages", "theme", "follow_up", "both", "minutes", "mature",
)  # fmt: skip
REQUIRED_DECK_KEYS = ("schema", "id", "title", "cards")
REQUIRED_CARD_KEYS = ("id", "text", "depth")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Matched with ``fullmatch``: ``$`` would also accept a trailing newline."""
SLUG_MAX = 64
TITLE_MAX = 80
DESCRIPTION_MAX = 600
LANGUAGE_MIN, LANGUAGE_MAX = 2, 16
STAGE_NAMES = (*(stage.value for stage in Stage), "any")
CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
"""Characters that could move the cursor, recolour the terminal or reorder text on screen
(C0/C1 controls but tab and line breaks, bidirectional marks and overrides) and invisible
byte-order marks. The JSON Schema refuses the same set."""

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + n for n in ("str", "int", "float", "bool", "null"))
_SCALAR_TAGS = frozenset({"!", _STR, _INT, _FLOAT, _BOOL, _NULL})
_SEQ_TAGS = frozenset({"!", _TAG + "seq"})
_MAP_TAGS = frozenset({"!", _TAG + "map"})
_RESOLVERS: dict[Any, Any] = yaml.resolver.Resolver.yaml_implicit_resolvers
_BOOLS: dict[str, bool] = yaml.constructor.SafeConstructor.bool_values
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_NUMBER_MAX = 40
"""Longer numbers are never in range, and YAML 1.1 base-60 ints take quadratic time."""
_DEPTHS = {int(depth): depth for depth in Depth}
_KINDS = {kind.value: kind for kind in Kind}
_AUDIENCES = {audience.value: audience for audience in Audience}
_THEMES = tuple(sorted(THEMES))

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Scalar, _Alias = yaml.ScalarEvent, yaml.AliasEvent
_MapStart, _MapEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_SeqStart, _SeqEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_STARTS = (_MapStart, _SeqStart)
_ENDS = (_MapEnd, _SeqEnd)


class _Bad:
    """Marks a value already reported as a problem (or one of a type no field accepts)."""


_BAD = _Bad()
_ODD = _Bad()  # a timestamp or other YAML type no deck field takes


@dataclass(frozen=True)
class DeckProblem:
    """One thing wrong with a deck file, located in it."""

    path: str
    line: int
    """1-based line (0 when the problem is about the whole file)."""
    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.message}{hint}"


class DeckError(Exception):
    """A deck file that cannot be used; ``problems`` lists everything found wrong."""

    def __init__(self, problems: list[DeckProblem]) -> None:
        super().__init__(str(problems[0]))
        self.problems = problems


def read_deck_file(path: Path, *, builtin: bool = False) -> Deck:
    """Read and validate one deck file.

    Raises:
        DeckError: the file cannot be read or is not a valid deck; every problem is listed.
    """
    return parse_deck(read_deck_bytes(path), path, builtin=builtin)


def open_deck_file(path: Path) -> io.BufferedReader:
    """Open a deck file to read, refusing anything that is not a small regular file.

    Raises:
        DeckError: the file is missing, unreadable, too large, a folder, a FIFO or a device.
    """
    name = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise _whole(name, "this is a folder, not a deck file", "pass the folder to --deck")
        if not stat.S_ISREG(info.st_mode):
            raise _whole(name, "not a regular file")
        if info.st_size > MAX_DECK_BYTES:
            raise _too_large(name, info.st_size)
        # O_NONBLOCK: were the file swapped for a FIFO since the stat, open must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            regular = stat.S_ISREG(os.fstat(fd).st_mode)
        except OSError:
            os.close(fd)
            raise
        if not regular:
            os.close(fd)
            raise _whole(name, "not a regular file")
    except FileNotFoundError:
        raise _whole(name, "no such file") from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise _whole(name, f"cannot read it: {reason}") from None
    return open(fd, "rb")


def read_deck_bytes(path: Path) -> bytes:
    """Read a deck file's bytes, refusing anything that is not a small regular file."""
    with open_deck_file(path) as handle:
        try:
            # Ask for the size the file says it has: a 16 MiB buffer for a small deck is slow.
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(min(size, MAX_DECK_BYTES) + 1)
            if len(data) > size:  # it grew, or its size was not true (/proc)
                data += handle.read(MAX_DECK_BYTES + 1 - len(data))
        except OSError as error:
            raise _whole(str(path), f"cannot read it: {error.strerror or error}") from None
    if len(data) > MAX_DECK_BYTES:
        raise _too_large(str(path), len(data))
    return data


def parse_deck(data: bytes, path: Path | str, *, builtin: bool = False) -> Deck:
    """Parse deck YAML from bytes; ``path`` names the source in messages.

    Raises:
        DeckError: every problem found, in file order.
    """
    name = str(path)
    text = _decode(data, name)
    reader = _DeckReader(name, text)
    try:
        deck = reader.read(Path(path), builtin)
    except _Fatal as fatal:
        reader.problems.append(fatal.problem)
        deck = None
    except yaml.YAMLError as error:
        reader.problems.append(_syntax_problem(error, name, text))
        deck = None
    finally:
        reader.parser.dispose()
    if reader.problems or deck is None:
        problems = reader.problems or [DeckProblem(name, 0, 0, "not a valid deck")]
        raise DeckError(sorted(problems, key=lambda p: (p.line, p.column)))
    return deck


class _Fatal(Exception):
    """A problem after which the rest of the file cannot be read safely."""

    def __init__(self, problem: DeckProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _whole(name: str, message: str, hint: str = "") -> DeckError:
    return DeckError([DeckProblem(name, 0, 0, message, hint)])


def _too_large(name: str, size: int) -> DeckError:
    mib = size / (1024 * 1024)
    return _whole(name, f"the file is too large ({mib:.0f} MiB; the limit is 16 MiB)")


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_DECK_BYTES:
        raise _too_large(name, len(data))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _whole(name, "the file is UTF-16 text, not UTF-8", "save it as UTF-8")
    if b"\x00" in data:
        raise _whole(name, "this is a binary file, not a YAML deck")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_column(data, error.start)
        raise DeckError(
            [DeckProblem(name, line, column, "the file is not UTF-8 text", "save it as UTF-8")]
        ) from None
    if not text.strip():
        raise _whole(name, "the file is empty", "start from `closeness-cards decks new FILE`")
    return text


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset into UTF-8 text."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def _syntax_problem(error: yaml.YAMLError, name: str, text: str) -> DeckProblem:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        message = (error.problem or error.context or "malformed YAML").strip()
        if mark is None:
            return DeckProblem(name, 0, 0, f"malformed YAML: {message}")
        lines = text.splitlines()
        where = lines[mark.line] if mark.line < len(lines) else ""
        tab = mark.column < len(where) and where[mark.column] == "\t"
        hint = "use spaces, not tabs, to indent" if tab else ""
        return DeckProblem(name, mark.line + 1, mark.column + 1, f"malformed YAML: {message}", hint)
    if isinstance(error, yaml.reader.ReaderError):
        # libyaml counts this position in bytes of the UTF-8 text.
        raw = text.encode("utf-8", "surrogatepass")
        line, column = _line_column(raw, min(max(error.position, 0), len(raw)))
        char = error.character
        code = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        hint = "write it as an escape inside double quotes, or remove it"
        return DeckProblem(
            name, line, column, f"the file contains a character YAML does not allow ({code})", hint
        )
    return DeckProblem(name, 0, 0, f"malformed YAML: {error}")


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
    if tag == _INT and value.isdigit() and value.isascii() and value[0] != "0":
        return int(value)
    if len(value) > _NUMBER_MAX:
        return _ODD
    method = _CONSTRUCTOR.construct_yaml_int if tag == _INT else _CONSTRUCTOR.construct_yaml_float
    try:
        return method(yaml.ScalarNode(tag, value))
    except (yaml.YAMLError, ValueError, KeyError, IndexError, TypeError):
        return _BAD


class _DeckReader:
    """Walks the YAML event stream once, checking every field and collecting every problem.

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
        self._newer: DeckProblem | None = None

    def problem(self, event: Any, message: str, hint: str = "") -> None:
        if self._newer is not None:
            return  # only that will be reported
        mark = event.start_mark
        self.problems.append(DeckProblem(self.name, mark.line + 1, mark.column + 1, message, hint))
        if len(self.problems) >= MAX_PROBLEMS:  # a 16 MiB file can hold millions of them
            message = f"stopped after {MAX_PROBLEMS} problems"
            raise _Fatal(
                DeckProblem(self.name, mark.line + 1, mark.column + 1, message, "fix these first")
            )

    def next(self) -> Any:
        """The next event, after the checks every event must pass."""
        event = self._get()
        kind = type(event)
        if kind is _Scalar:
            if event.tag is not None or event.anchor is not None:
                self._odd(event, _SCALAR_TAGS)
        elif kind is _MapStart or kind is _SeqStart:
            self._depth += 1
            if self._depth > MAX_NESTING:
                mark = event.start_mark
                message = f"the file nests more than {MAX_NESTING} levels deep"
                raise _Fatal(DeckProblem(self.name, mark.line + 1, mark.column + 1, message))
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
            self.problem(event, f"the tag {tag} is not allowed in decks", "remove it")
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
            name = key.value if type(key) is _Scalar and key.tag in (None, "!", _STR) else None
            if name == "<<" and key.implicit[0]:
                self.problem(key, "YAML merge keys (<<) are not allowed in decks", "write it out")
                name = None
            elif name is None and not self.refused(key):
                self.problem(key, f"{what} has a key that is not a plain name")
            if name is None:
                self.skip(key)
                self.skip(self.next())
                continue
            value = self.next()
            if name in seen:
                self.problem(key, f"duplicate key '{name}' in {what}", "keep only one")
            elif name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = (
                    f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(allowed)
                )
                self.problem(key, f"unknown key '{name}' in {what}", hint)
            else:
                seen.add(name)
                yield name, value
                continue
            self.skip(value)

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
        bad = CONTROL.search(value)
        if bad is not None:
            code = f"U+{ord(bad.group()):04X}"
            message = f"'{field}' contains a control or bidirectional character ({code})"
            self.problem(event, message, "remove it")
            return None
        value = " ".join(value.split())
        if not low <= len(value) <= high:
            self.problem(event, f"'{field}' must be {low} to {high} characters, not {len(value)}")
            return None
        return value

    def integer(self, event: Any, field: str, low: int, high: int) -> int | None:
        value = self.scalar(event, field)
        if type(value) is float and value.is_integer():
            value = int(value)  # JSON Schema counts 2.0 as an integer; so do we
        if type(value) is not int or not low <= value <= high:
            self.wrong(
                event, value, field, f"'{field}' must be a whole number from {low} to {high}"
            )
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
            close = difflib.get_close_matches(str(shown), options, n=1)
            hint = (
                (f"did you mean '{close[0]}'? " if close else "") + "one of: " + ", ".join(options)
            )
            self.wrong(event, value, field, f"unknown {field} '{shown}'", hint)
            return None
        return str(value)

    def stages(self, event: Any) -> frozenset[Stage] | None:
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

    def read(self, source: Path, builtin: bool) -> Deck | None:
        self.next()  # stream start
        if type(self.next()) is yaml.StreamEndEvent:  # nothing but comments
            hint = "start from `closeness-cards decks new FILE`"
            raise _Fatal(DeckProblem(self.name, 0, 0, "the file is empty", hint))
        deck = self.deck(self.next(), source, builtin)
        self.next()  # document end
        extra = self.next()
        if type(extra) is not yaml.StreamEndEvent:
            message = "a deck file holds one YAML document; this is a second"
            self.problem(extra, message, "remove the '---' line")
        if self._newer is not None:  # the rest may well be right for that newer version
            self.problems[:] = [self._newer]
            return None
        return deck

    def deck(self, root: Any, source: Path, builtin: bool) -> Deck | None:
        message = "a deck must be a mapping with schema, id, title and cards"
        if not self.expect(root, _MapStart, message):
            return None
        seen: set[str] = set()
        deck_id: str | None = None
        title: str | None = None
        description, language = "", "en"
        audience, stages = Audience.ANYONE, ALL_STAGES
        cards: list[tuple[Any, ...]] = []
        for key, value in self.pairs("the deck", DECK_KEYS, seen):
            if key == "cards":
                cards = self.cards(value)
            elif key == "id":
                deck_id = self.slug(value, "id")
            elif key == "title":
                title = self.text(value, "title", 1, TITLE_MAX)
            elif key == "description":
                description = self.text(value, "description", 0, DESCRIPTION_MAX) or ""
            elif key == "language":
                language = self.text(value, "language", LANGUAGE_MIN, LANGUAGE_MAX) or language
            elif key == "audience":
                chosen = self.choice(value, "audience", tuple(_AUDIENCES))
                audience = _AUDIENCES.get(chosen or "", audience)
            elif key == "stages":
                stages = self.stages(value) or stages
            else:
                self.schema(value)
        for key in REQUIRED_DECK_KEYS:
            if key not in seen:
                self.problem(root, f"the deck has no '{key}'", "see `closeness-cards decks new`")
        if self.problems or self._newer or deck_id is None or title is None:
            return None
        return Deck(
            id=deck_id,
            title=title,
            cards=tuple(
                Card(deck_id, cid, text, depth, kind, own or stages, *rest)
                for cid, text, depth, kind, own, *rest in cards
            ),
            description=description,
            audience=audience,
            stages=stages,
            language=language,
            source=source,
            builtin=builtin,
        )

    def schema(self, event: Any) -> None:
        value = self.scalar(event, "schema")
        if type(value) is float and value.is_integer():
            value = int(value)
        if type(value) is int and value > SCHEMA_VERSION:
            mark = event.start_mark
            self._newer = DeckProblem(
                self.name,
                mark.line + 1,
                mark.column + 1,
                f"schema {value} is newer than this version of closeness-cards understands",
                "update closeness-cards, or write a schema 1 deck",
            )
        elif type(value) is not int or value != SCHEMA_VERSION:
            self.wrong(event, value, "schema", f"'schema' must be {SCHEMA_VERSION}")

    def cards(self, event: Any) -> list[tuple[Any, ...]]:
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
            card_id, line = card[0], card[-1]
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
        """One card's fields in ``Card`` order after the deck id, or None when it is wrong."""
        if not self.expect(start, _MapStart, "a card must be a mapping of keys to values"):
            return None
        before = len(self.problems)
        seen: set[str] = set()
        card_id: str | None = None
        text: str | None = None
        follow_up: str | None = None
        theme: str | None = None
        depth: int | None = None
        minutes: int | None = None
        stages: frozenset[Stage] | None = None
        kind, both, mature = Kind.QUESTION, False, False
        for key, value in self.pairs("a card", CARD_KEYS, seen):
            if key == "text":
                text = self.text(value, "text", TEXT_MIN, TEXT_MAX)
            elif key == "id":
                card_id = self.slug(value, "id")
            elif key == "depth":
                depth = self.integer(value, "depth", 1, 3)
            elif key == "theme":
                theme = self.choice(value, "theme", _THEMES)
            elif key == "follow_up":
                follow_up = self.text(value, "follow_up", TEXT_MIN, TEXT_MAX)
            elif key == "kind":
                kind = _KINDS.get(self.choice(value, "kind", tuple(_KINDS)) or "", kind)
            elif key == "stages":
                stages = self.stages(value)
            elif key == "minutes":
                minutes = self.integer(value, "minutes", 1, MINUTES_MAX)
            elif key == "both":
                both = self.flag(value, "both")
            else:
                mature = self.flag(value, "mature")
        for key in REQUIRED_CARD_KEYS:
            if key not in seen:
                self.problem(start, f"the card has no '{key}'")
        if len(self.problems) > before or depth is None:
            return None
        return (
            card_id, text, _DEPTHS[depth], kind, stages, theme, follow_up, both, minutes, mature,
            start.start_mark.line + 1,
        )  # fmt: skip
