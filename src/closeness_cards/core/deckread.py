"""Reading a deck file's fields off its YAML events into a validated Deck."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from closeness_cards.core.cardread import CardReader
from closeness_cards.core.cards import (
    ALL_STAGES,
    Audience,
    Card,
    Deck,
    Fits,
    Stage,
    cards_from_columns,
)
from closeness_cards.core.deckfile import (
    DECK_KEYS,
    DESCRIPTION_MAX,
    LANGUAGE_MAX,
    LANGUAGE_MIN,
    NOTE_MAX,
    REQUIRED_DECK_KEYS,
    SCHEMA_VERSION,
    TITLE_MAX,
    DeckProblem,
    line_column,
)
from closeness_cards.core.deckwalk import Fatal

_AUDIENCES = {audience.value: audience for audience in Audience}
_MapStart = yaml.MappingStartEvent


def read_deck_text(
    text: str, name: str, source: Path, builtin: bool
) -> tuple[Deck | None, list[DeckProblem]]:
    """Read a deck's decoded text: the deck, or None, and every problem found (unsorted)."""
    reader = _DeckReader(name, text)
    try:
        deck = reader.read(source, builtin)
    except Fatal as fatal:
        reader.problems.append(fatal.problem)
        deck = None
    except yaml.YAMLError as error:
        reader.problems.append(_syntax_problem(error, name, text))
        deck = None
    finally:
        reader.parser.dispose()
    return deck, reader.problems


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
        line, column = line_column(raw, min(max(error.position, 0), len(raw)))
        char = error.character
        code = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        hint = "write it as an escape inside double quotes, or remove it"
        return DeckProblem(
            name, line, column, f"the file contains a character YAML does not allow ({code})", hint
        )
    return DeckProblem(name, 0, 0, f"malformed YAML: {error}")


def _cards(
    deck_id: str, rows: list[tuple[Any, ...]], stages: frozenset[Stage], table: Fits | None
) -> tuple[Card, ...]:
    """The cards of ``_DeckReader.card``'s rows: their own stages and table where they name
    them, else the deck's."""
    if not rows:
        return ()
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    columns[4] = [own or stages for own in columns[4]]
    columns[10] = [fits or table for fits in columns[10]]
    return cards_from_columns(deck_id, columns)


class _DeckReader(CardReader):
    """Reads the deck and its cards, field by field, in one pass over the events."""

    def read(self, source: Path, builtin: bool) -> Deck | None:
        self.next()  # stream start
        if type(self.next()) is yaml.StreamEndEvent:  # nothing but comments
            hint = "start from `closeness-cards decks new FILE`"
            raise Fatal(DeckProblem(self.name, 0, 0, "the file is empty", hint))
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
        table: Fits | None = None
        optional, note, share = False, "", None
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
            elif key == "table":
                table = self.table(value)
            elif key == "optional":
                optional = self.flag(value, "optional")
            elif key == "note":
                note = self.text(value, "note", 1, NOTE_MAX) or ""
            elif key == "share":
                share = self.integer(value, "share", 1, 100)
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
            cards=_cards(deck_id, cards, stages, table),
            description=description,
            audience=audience,
            stages=stages,
            language=language,
            source=source,
            builtin=builtin,
            optional=optional,
            note=note,
            share=share,
        )

    def schema(self, event: Any) -> None:
        value = self.scalar(event, "schema")
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
