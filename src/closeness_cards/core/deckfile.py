"""Reading one deck file: hostile-input safe YAML in, a validated Deck or precise errors out."""

from __future__ import annotations

import difflib
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from closeness_cards.core.cards import (
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
"""libyaml's composer recurses in C; a deeply nested file would crash the process."""

DECK_KEYS = ("schema", "id", "title", "description", "audience", "stages", "language", "cards")
CARD_KEYS = (
    "id",
    "text",
    "depth",
    "kind",
    "stages",
    "theme",
    "follow_up",
    "both",
    "minutes",
    "mature",
)
REQUIRED_DECK_KEYS = ("schema", "id", "title", "cards")
REQUIRED_CARD_KEYS = ("id", "text", "depth")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TITLE_MAX = 80
DESCRIPTION_MAX = 600

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "bool", "null", "float")}
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}
_INDENT = re.compile(r"^[ \-?]{%d,}" % MAX_NESTING, re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


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
    data = read_deck_bytes(path)
    return parse_deck(data, path, builtin=builtin)


def read_deck_bytes(path: Path) -> bytes:
    """Read a deck file's bytes, refusing anything that is not a small regular file."""
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _whole(name, "no such file") from None
    except OSError as error:
        raise _whole(name, f"cannot read it: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise _whole(name, "this is a folder, not a deck file", "pass the folder to --deck")
    if not stat.S_ISREG(info.st_mode):
        raise _whole(name, "not a regular file")
    if info.st_size > MAX_DECK_BYTES:
        size = info.st_size / (1024 * 1024)
        raise _whole(name, f"the file is too large ({size:.0f} MiB; the limit is 16 MiB)")
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_DECK_BYTES + 1)
    except OSError as error:
        raise _whole(name, f"cannot read it: {error.strerror or error}") from None


def parse_deck(data: bytes, path: Path | str, *, builtin: bool = False) -> Deck:
    """Parse deck YAML from bytes; ``path`` names the source in messages."""
    name = str(path)
    text = _decode(data, name)
    root = _compose(text, name)
    reader = _DeckReader(name)
    deck = reader.read(root, source=Path(path), builtin=builtin)
    if reader.problems or deck is None:
        raise DeckError(reader.problems or [DeckProblem(name, 0, 0, "not a valid deck")])
    return deck


def _whole(name: str, message: str, hint: str = "") -> DeckError:
    return DeckError([DeckProblem(name, 0, 0, message, hint)])


def _at(name: str, line: int, column: int, message: str, hint: str = "") -> DeckError:
    return DeckError([DeckProblem(name, line, column, message, hint)])


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_DECK_BYTES:
        raise _whole(name, "the file is too large (the limit is 16 MiB)")
    if not data.strip():
        raise _whole(name, "the file is empty", "start from `closeness-cards decks new FILE`")
    if b"\x00" in data:
        raise _whole(name, "this is a binary file, not a YAML deck")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise _at(name, line, column, "the file is not UTF-8 text", "save it as UTF-8") from None


def _check_nesting(text: str, name: str) -> None:
    deep = _INDENT.search(text)
    depth = 0
    if deep is None:
        for match in _BRACKETS.finditer(text):
            depth += 1 if match.group() in "[{" else -1
            if depth > MAX_NESTING:
                deep = match
                break
    if deep is not None:
        line = text.count("\n", 0, deep.start()) + 1
        raise _at(name, line, 1, f"the file nests more than {MAX_NESTING} levels deep")


def _refuse_anchors(text: str, name: str) -> None:
    # An alias needs '*' and an anchor '&': only files with either pay for the event scan.
    if "&" not in text and "*" not in text:
        return
    loader = _Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line, column = event.start_mark.line + 1, event.start_mark.column + 1
                raise _at(
                    name, line, column, "YAML anchors and aliases are not allowed in decks",
                    "write each value out in full",
                )
    except yaml.YAMLError:
        return  # composing reports the syntax error with its position
    finally:
        loader.dispose()


def _compose(text: str, name: str) -> yaml.Node:
    _check_nesting(text, name)
    _refuse_anchors(text, name)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = (error.problem or error.context or "malformed YAML").strip()
        hint = "use spaces, not tabs, to indent" if mark and _char_at(text, mark) == "\t" else ""
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise _at(name, line, column, f"malformed YAML: {message}", hint) from None
    except yaml.YAMLError as error:
        raise _whole(name, f"malformed YAML: {error}") from None
    finally:
        loader.dispose()
    if node is None:
        raise _whole(name, "the file is empty", "start from `closeness-cards decks new FILE`")
    return node


def _char_at(text: str, mark: yaml.Mark) -> str:
    lines = text.splitlines()
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _DeckReader:
    """Walks the composed YAML tree, checking every field and collecting every problem."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[DeckProblem] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, message: str, hint: str = "") -> None:
        line, column = _pos(node)
        self.problems.append(DeckProblem(self.name, line, column, message, hint))

    def mapping(self, node: yaml.Node, what: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        """The key -> value-node pairs of a mapping, refusing unknown and duplicate keys."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values")
            return {}
        pairs: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key_node.tag == _TAG + "merge" or key == "<<":
                self.problem(key_node, f"{what} has a key that is not a plain name")
                continue
            if key in pairs:
                self.problem(key_node, f"duplicate key '{key}' in {what}", "keep only one")
                continue
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(allowed)
                self.problem(key_node, f"unknown key '{key}' in {what}", hint)
                continue
            pairs[key] = value_node
        return pairs

    def scalar(self, node: yaml.Node, field: str) -> Any:
        """A plain value, or a recorded problem and None for collections and foreign tags."""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"'{field}' must be a single value, not a list or mapping")
            return None
        if node.tag not in _SCALAR_TAGS:
            self.problem(node, f"'{field}' has a tag that is not allowed: {node.tag}")
            return None
        if node.tag == _TAG + "str":
            return node.value
        try:
            kind = node.tag[len(_TAG) :]
            return getattr(self._constructor, f"construct_yaml_{kind}")(node)
        except (yaml.YAMLError, ValueError):
            self.problem(node, f"'{field}' has a value that cannot be read")
            return None

    def text(self, node: yaml.Node, field: str, low: int, high: int) -> str | None:
        value = self.scalar(node, field)
        if value is None:
            if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null":
                self.problem(node, f"'{field}' is empty")
            return None
        if not isinstance(value, str):
            self.problem(node, f"'{field}' must be text", "put it in quotes")
            return None
        bad = next((c for c in value if _is_control(c)), None)
        if bad is not None:
            code = f"U+{ord(bad):04X}"
            self.problem(node, f"'{field}' contains a control character ({code})", "remove it")
            return None
        value = " ".join(value.split())
        if not low <= len(value) <= high:
            self.problem(node, f"'{field}' must be {low} to {high} characters, not {len(value)}")
            return None
        return value

    def integer(self, node: yaml.Node, field: str, low: int, high: int) -> int | None:
        value = self.scalar(node, field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(node, f"'{field}' must be a whole number from {low} to {high}")
            return None
        return value

    def flag(self, node: yaml.Node, field: str) -> bool:
        value = self.scalar(node, field)
        if not isinstance(value, bool):
            if value is not None:
                self.problem(node, f"'{field}' must be true or false")
            return False
        return value

    def slug(self, node: yaml.Node, field: str) -> str | None:
        value = self.scalar(node, field)
        if not isinstance(value, str) or not SLUG.match(value) or len(value) > 64:
            if value is not None:
                self.problem(
                    node,
                    f"'{field}' must be a short slug",
                    "lowercase letters, digits and single hyphens, like 'first-dates'",
                )
            return None
        return value

    def choice(self, node: yaml.Node, field: str, options: tuple[str, ...]) -> str | None:
        value = self.scalar(node, field)
        if value is None:
            return None
        if value not in options:
            close = difflib.get_close_matches(str(value), options, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.problem(node, f"unknown {field} '{value}'", hint + "one of: " + ", ".join(options))
            return None
        return str(value)

    def stages(self, node: yaml.Node) -> frozenset[Stage] | None:
        names = tuple(stage.value for stage in Stage) + ("any",)
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if not items:
            self.problem(node, "'stages' is empty", "list at least one stage, or 'any'")
            return None
        found: set[Stage] = set()
        for item in items:
            name = self.choice(item, "stage", names)
            if name == "any":
                found.update(Stage)
            elif name is not None:
                found.add(Stage(name))
        return frozenset(found) if found else None

    def read(self, root: yaml.Node, source: Path, builtin: bool) -> Deck | None:
        if not isinstance(root, yaml.MappingNode):
            self.problem(root, "a deck must be a mapping with schema, id, title and cards")
            return None
        fields = self.mapping(root, "the deck", DECK_KEYS)
        for key in REQUIRED_DECK_KEYS:
            if key not in fields:
                self.problem(root, f"the deck has no '{key}'", "see `closeness-cards decks new`")
        if "schema" in fields:
            schema = self.scalar(fields["schema"], "schema")
            if isinstance(schema, int) and not isinstance(schema, bool) and schema > 1:
                self.problem(
                    fields["schema"],
                    f"schema {schema} is newer than this version understands",
                    "update closeness-cards, or write a schema 1 deck",
                )
                return None
            if schema != SCHEMA_VERSION:
                self.problem(fields["schema"], "'schema' must be 1")
        deck_id = self.slug(fields["id"], "id") if "id" in fields else None
        title = self.text(fields["title"], "title", 1, TITLE_MAX) if "title" in fields else None
        description = ""
        if "description" in fields:
            description = self.text(fields["description"], "description", 0, DESCRIPTION_MAX) or ""
        audience = Audience.ANYONE
        if "audience" in fields:
            chosen = self.choice(fields["audience"], "audience", tuple(a.value for a in Audience))
            audience = Audience(chosen) if chosen else audience
        stages = frozenset(Stage)
        if "stages" in fields:
            stages = self.stages(fields["stages"]) or stages
        language = "en"
        if "language" in fields:
            language = self.text(fields["language"], "language", 2, 16) or language
        cards = tuple(self.cards(fields["cards"], deck_id or "deck", stages)) if "cards" in fields else ()
        if deck_id is None or title is None:
            return None
        return Deck(
            id=deck_id,
            title=title,
            cards=cards,
            description=description,
            audience=audience,
            stages=stages,
            language=language,
            source=source,
            builtin=builtin,
        )

    def cards(self, node: yaml.Node, deck_id: str, stages: frozenset[Stage]) -> Iterator[Card]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "'cards' must be a list of cards")
            return
        if not node.value:
            self.problem(node, "the deck has no cards")
        ids: dict[str, int] = {}
        for item in node.value:
            card = self.card(item, deck_id, stages)
            if card is None:
                continue
            if card.id in ids:
                self.problem(item, f"duplicate card id '{card.id}'", f"first used on line {ids[card.id]}")
                continue
            ids[card.id] = card.line
            yield card

    def card(self, node: yaml.Node, deck_id: str, stages: frozenset[Stage]) -> Card | None:
        fields = self.mapping(node, "a card", CARD_KEYS)
        if not fields:
            return None
        before = len(self.problems)
        for key in REQUIRED_CARD_KEYS:
            if key not in fields:
                self.problem(node, f"the card has no '{key}'")
        card_id = self.slug(fields["id"], "id") if "id" in fields else None
        text = self.text(fields["text"], "text", TEXT_MIN, TEXT_MAX) if "text" in fields else None
        depth = self.integer(fields["depth"], "depth", 1, 3) if "depth" in fields else None
        kind = Kind.QUESTION
        if "kind" in fields:
            chosen = self.choice(fields["kind"], "kind", tuple(k.value for k in Kind))
            kind = Kind(chosen) if chosen else kind
        card_stages = self.stages(fields["stages"]) if "stages" in fields else stages
        theme = None
        if "theme" in fields:
            theme = self.choice(fields["theme"], "theme", tuple(sorted(THEMES)))
        follow_up = None
        if "follow_up" in fields:
            follow_up = self.text(fields["follow_up"], "follow_up", TEXT_MIN, TEXT_MAX)
        minutes = None
        if "minutes" in fields:
            minutes = self.integer(fields["minutes"], "minutes", 1, MINUTES_MAX)
        both = self.flag(fields["both"], "both") if "both" in fields else False
        mature = self.flag(fields["mature"], "mature") if "mature" in fields else False
        if len(self.problems) > before or card_id is None or text is None or depth is None:
            return None
        return Card(
            deck_id=deck_id,
            id=card_id,
            text=text,
            depth=Depth(depth),
            kind=kind,
            stages=card_stages or stages,
            theme=theme,
            follow_up=follow_up,
            both=both,
            minutes=minutes,
            mature=mature,
            line=node.start_mark.line + 1,
        )


def _is_control(char: str) -> bool:
    """Characters that could move the cursor, recolour the terminal or reorder text."""
    if char in "\n\t\r ":
        return False
    return char in _BIDI or unicodedata.category(char) in ("Cc", "Cs", "Co")
