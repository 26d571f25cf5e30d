"""Deck problems are safe lines: no value or file name of a deck reaches the terminal raw."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_cards.core.deckfile import DeckError, DeckProblem, parse_deck, read_deck_file
from closeness_cards.core.library import load_library
from support.decks import VALID_DECK, one_safe_line, run_cli, write

HOSTILE = {
    "ESC": ("\\e[31m", "\x1b[31m"),
    "OSC 52": ("\\e]52;c;aGVsbG8=\\a", "\x1b]52;c;aGVsbG8=\x07"),
    "clear screen": ("\\e[2J\\e[H", "\x1b[2J\x1b[H"),
    "C1 CSI": ("\\x9b2J", "\x9b2J"),
    "newline": ("x\\ndeck.yaml:1:1: forged", "x\ndeck.yaml:1:1: forged"),
    "carriage return": ("x\\rdeck.yaml:1:1: forged", "x\rdeck.yaml:1:1: forged"),
    "line separator": ("x\\Ldeck.yaml:1:1: forged", "x\u2028deck.yaml:1:1: forged"),
    "bidi override": ("\\u202elmay.txt", "\u202elmay.txt"),
    "bidi isolate": ("\\u2067x\\u2069", "\u2067x\u2069"),
}
"""Hostile text by name: as a YAML double-quoted escape, and as the text itself."""

PLACES = {
    "deck key": ("title: A sample deck", 'title: A sample deck\n"{}": 1'),
    "card key": ("depth: 1", 'depth: 1\n    "{}": 1'),
    "stage": ("stages: [dating, early]", 'stages: [dating, "{}"]'),
    "audience": ("audience: couples", 'audience: "{}"'),
    "theme": ("theme: appreciation", 'theme: "{}"'),
    "kind": ("kind: action", 'kind: "{}"'),
    "table": ("table: pair", 'table: "{}"'),
    "card text": ('text: "What is a small', 'text: "{} What is a small'),
    "title": ("title: A sample deck", 'title: "{}"'),
}
"""Where a deck can put text that a message may quote: the line changed, and its new form."""


def problems_of(document: str, name: str = "deck.yaml") -> list[str]:
    with pytest.raises(DeckError) as caught:
        parse_deck(document.encode("utf-8"), name)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("hostile", list(HOSTILE))
def test_a_value_from_the_file_is_shown_escaped(place: str, hostile: str) -> None:
    line, changed = PLACES[place]
    escape, _ = HOSTILE[hostile]
    assert line in VALID_DECK
    # depth 9: a problem to report even where the hostile text is allowed (line breaks).
    document = VALID_DECK.replace("depth: 3", "depth: 9").replace(line, changed.format(escape), 1)
    problems = problems_of(document)
    assert len(problems) >= 1
    assert all(one_safe_line(problem) for problem in problems), problems
    assert all(problem.startswith("deck.yaml:") for problem in problems)


@pytest.mark.parametrize("hostile", list(HOSTILE))
def test_an_unknown_key_is_quoted_with_its_escapes_visible(hostile: str) -> None:
    escape, raw = HOSTILE[hostile]
    [problem] = problems_of(VALID_DECK.replace("title: A sample deck", f'title: x\n"{escape}": 1'))
    shown = raw.encode("unicode_escape").decode("ascii")  # only ASCII and escaped characters
    assert f"unknown key '{shown}' in the deck" in problem


def test_a_newline_in_a_key_cannot_forge_a_second_problem_line(tmp_path: Path) -> None:
    forged = "x\\nFORGED.yaml:1:1: everything is fine"
    path = write(
        tmp_path / "deck.yaml", VALID_DECK.replace("depth: 3", f'depth: 3\n    "{forged}": 1')
    )
    result = run_cli("decks", "validate", str(path), home=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:23:5: unknown key 'x\\nFORGED.yaml:1:1:")


def test_a_tag_is_quoted_escaped_and_short() -> None:
    [problem] = problems_of(
        VALID_DECK.replace("title: A sample deck", "title: !<%1B[2J" + "x" * 500 + "> t")
    )
    assert one_safe_line(problem)
    assert "\\x1b[2J" in problem
    assert len(problem) < 200


def test_a_huge_unknown_value_is_cut_short_in_its_message() -> None:
    [problem] = problems_of(VALID_DECK.replace("audience: couples", "audience: " + "q" * 1_000_000))
    assert "unknown audience 'qqqq" in problem
    assert len(problem) < 300


FILE_NAMES = {
    "ESC": "deck\x1b[2J.yaml",
    "OSC 52": "deck\x1b]52;c;aGk=\x07.yaml",
    "newline": "deck\nforged.yaml:1:1: fine.yaml",
    "C1 CSI": "deck\x9b2J.yaml",
    "bidi override": "deck\u202elmay.yaml",
    "not UTF-8": os.fsdecode(b"caf\xe9.yaml"),
}


@pytest.mark.parametrize("name", list(FILE_NAMES))
def test_a_file_name_is_shown_escaped(name: str, tmp_path: Path) -> None:
    path = write(tmp_path / FILE_NAMES[name], VALID_DECK.replace("depth: 3", "depth: 9"))
    with pytest.raises(DeckError) as caught:
        read_deck_file(path)
    [problem] = caught.value.problems
    assert problem.path == str(path)  # the path itself stays the file's true name
    assert one_safe_line(str(problem))
    assert one_safe_line(str(caught.value))
    assert "'depth' must be a whole number from 1 to 3" in str(problem)


@pytest.mark.parametrize("name", [name for name in FILE_NAMES if name != "not UTF-8"])
def test_a_taken_deck_id_names_both_files_escaped(name: str, tmp_path: Path) -> None:
    first = write(tmp_path / FILE_NAMES[name], VALID_DECK)
    second = write(tmp_path / f"second {FILE_NAMES[name]}", VALID_DECK)
    library = load_library([first, second])
    [error] = library.problems
    assert "deck id 'sample' is already used by" in str(error)
    assert one_safe_line(str(error.problems[0]))


@pytest.mark.parametrize("name", ["ESC", "newline", "C1 CSI", "not UTF-8"])
def test_decks_validate_prints_one_escaped_line_per_problem(name: str, tmp_path: Path) -> None:
    path = write(tmp_path / FILE_NAMES[name], VALID_DECK.replace("depth: 3", "depth: 9"))
    result = run_cli("decks", "validate", str(path), home=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert one_safe_line(line)
    assert line.endswith("'depth' must be a whole number from 1 to 3")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=30))
def test_any_problem_is_one_safe_line(path: str, message: str, hint: str) -> None:
    assert one_safe_line(str(DeckProblem(path, 3, 4, message, hint)))
    assert one_safe_line(str(DeckError([DeckProblem(path, 0, 0, message)])))


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20))
def test_any_key_or_value_gives_safe_lines(text: str) -> None:
    quoted = '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    document = VALID_DECK.replace("title: A sample deck", f"title: A sample deck\n{quoted}: 1")
    document = document.replace("audience: couples", f"audience: {quoted}")
    for problem in problems_of(document):
        assert one_safe_line(problem), problem
