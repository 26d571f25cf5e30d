"""The built-in deck files: well-formed, loaded without a problem, open-ended and inclusive.

The JSON Schema and the loader check every field (tests/unit/decks/test_deck_schema.py);
these checks are the ones only the shipped content needs.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from closeness_cards.core.library import load_library
from support.content import DECKS_DIR, STAGES, read_deck, texts

DECK_FILES: list[Path] = sorted(DECKS_DIR.glob("*.yaml"))
EXPECTED = (
    *STAGES,
    "knowing-yourself",
    "long-distance",
    "rebuilding-trust",
    "wildcards",
    "listening-tips",
)
deck_params = pytest.mark.parametrize("path", DECK_FILES, ids=[path.stem for path in DECK_FILES])

YES_NO_OPENER = re.compile(
    r"""^[\s"'“‘(]*(?:
        do\ you | does | did\ you | are\ you | is | was | were | have\ you | has | had
        | can\ you | could\ you | will\ you | would\ you(?!\ rather)(?:\ ever)? | should | shall
        | am\ i | do\ we | are\ we | have\ we | is\ there
        | isn['’]t | aren['’]t | wasn['’]t | weren['’]t | doesn['’]t | hasn['’]t | hadn['’]t
        | shouldn['’]t | don['’]t\ you | didn['’]t\ you | haven['’]t\ you | can['’]t\ you
        | couldn['’]t\ you | won['’]t\ you | wouldn['’]t\ you
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
"""A question that can be answered yes or no; "Would you rather ..." offers a choice."""
GENDERED_WORD = re.compile(
    r"""\b(?:
        he | she | him | her | his | hers | himself | herself
        | husbands? | wife | wives | boyfriends? | girlfriends?
        | (?:grand)?mothers? | (?:grand)?fathers? | moms? | mums? | dads?
        | (?:grand)?sons? | (?:grand)?daughters? | brothers? | sisters?
        | man | woman | men | women | gentleman | gentlemen | lady | ladies
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


def problems_message(title: str, problems: list[str]) -> str:
    return f"{title} ({len(problems)}):\n  " + "\n  ".join(problems)


def test_every_expected_deck_file_is_there() -> None:
    missing = [name for name in EXPECTED if not (DECKS_DIR / f"{name}.yaml").is_file()]
    assert missing == []


def test_the_builtin_decks_load_without_a_problem() -> None:
    library = load_library()
    assert [str(problem) for problem in library.problems] == []
    assert {deck.id for deck in library.decks} == set(EXPECTED)


@deck_params
def test_no_yaml_anchors_or_aliases(path: Path) -> None:
    found = [
        f"line {event.start_mark.line + 1 if event.start_mark else 0}: {type(event).__name__}"
        for event in yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        if isinstance(event, yaml.AliasEvent)
        or (isinstance(event, yaml.NodeEvent) and event.anchor is not None)
    ]
    assert found == []


@deck_params
def test_card_ids_are_unique_in_their_deck(path: Path) -> None:
    counts = Counter(card.id for card in read_deck(path))
    assert [card_id for card_id, count in counts.items() if count > 1] == []


@deck_params
def test_questions_are_open_ended(path: Path) -> None:
    closed = [
        f"{card.label}: {text!r}"
        for card in read_deck(path)
        if card.is_question
        for text in texts(card)
        if YES_NO_OPENER.match(text)
    ]
    assert not closed, problems_message(f"{path.name}: yes/no questions", closed)


@deck_params
def test_no_gendered_words(path: Path) -> None:
    found = [
        f"{card.label}: {match.group(0)!r} in {text!r}"
        for card in read_deck(path)
        for text in (*texts(card), *([card.tip] if card.tip else []))
        for match in GENDERED_WORD.finditer(text)
    ]
    assert not found, problems_message(f"{path.name}: gendered words", found)


def test_the_yes_no_check_catches_closed_questions_and_lets_a_choice_through() -> None:
    assert YES_NO_OPENER.match("Would you ever move abroad?")
    assert YES_NO_OPENER.match("Do you like mornings?")
    assert not YES_NO_OPENER.match("Would you rather sing or dance? Say why.")
    assert not YES_NO_OPENER.match("What do you like about mornings?")
