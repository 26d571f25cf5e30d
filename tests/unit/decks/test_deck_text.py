"""A deck's text shows what it says: no hidden characters, and never nothing at all."""

from __future__ import annotations

import itertools

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_cards.core import deckwalk
from closeness_cards.core.deckfile import DeckError, parse_deck
from closeness_cards.core.decktext import HIDDEN, INVISIBLE, shows_nothing
from support.decks import VALID_DECK

FIELDS = {
    "text": 'text: "What is a small thing that made you smile this week?"',
    "follow_up": 'follow_up: "What made it land the way it did?"',
    "title": "title: A sample deck",
    "description": 'description: "A small deck that uses every field."',
}
"""Each free-text field of the sample deck, as its line reads."""


def with_field(field: str, value: str) -> str:
    escaped = value.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    key = FIELDS[field].split(":")[0]
    return VALID_DECK.replace(FIELDS[field], f'{key}: "{escaped}"')


def problems(document: str) -> list[str]:
    try:
        parse_deck(document.encode("utf-8"), "deck.yaml")
    except DeckError as error:
        return [str(problem) for problem in error.problems]
    return []


HIDING = {
    "tag characters": ("Say hi\U000e0069\U000e0067\U000e006e to me", "tag character (U+E0069)"),
    "a lone cancel tag": ("Who are you\U000e007f today?", "tag character (U+E007F)"),
    "private use": ("Look \ue000 at this", "private-use character (U+E000)"),
    "private use, plane 16": ("Look \U00100000 at this", "private-use character (U+100000)"),
    "invisible times": ("Who is a\u2062b here?", "invisible formatting character (U+2062)"),
    "annotation": ("Who\ufff9 is\ufffa here\ufffb?", "invisible formatting character (U+FFF9)"),
    "inhibit swapping": ("Who is\u206a here?", "invisible formatting character (U+206A)"),
    "musical format": ("Who is\U0001d173 here?", "invisible formatting character (U+1D173)"),
    "byte-order mark": ("Who is\ufeff here?", "invisible formatting character (U+FEFF)"),
    "escape": ("Who is\x1b[2J here?", "control character (U+001B)"),
    "bidi": ("Who is\u202e here?", "bidirectional control character (U+202E)"),
}

BLANK = {
    "zero-width spaces": "\u200b" * 12,
    "joiners and word joiners": "\u200c\u200d\u2060" * 4,
    "whitespace and zero-width": " \u200b \u3000 \u200b\xa0\u200b\u2028\u200b ",
    "fillers": "\u3164\u115f\u1160\uffa0" * 3,
    "blank Braille": "\u2800" * 9,
    "variation selectors": "\ufe0f\ufe0e" * 5 + "\U000e0100",
    "generic combining marks": "\u0301\u0336\u20dd\u1dc0\ufe20\u0489" * 2,
    "script combining marks": "\u05b4\u093f\u0e31\u0f71" * 3,  # the game counts them too
    "soft hyphens": "\xad" * 9,
    "grapheme joiners": "\u034f" * 9,
}

KEPT = {
    "couple with heart": "Who do you love? 👩‍❤️‍👨",
    "family": "Tell me about 👨‍👩‍👧‍👦 dinners",
    "variation selector": "What makes ❤️ and ☺️ different?",
    "keycap": "Pick 1️⃣ or 2️⃣ and say why",
    "skin tone": "A wave 👋🏽 for the one you miss",
    "flags": "🇫🇷 or 🏴󠁧󠁢󠁳󠁣󠁴󠁿 or 🏴󠁧󠁢󠁷󠁬󠁳󠁿 or 🏴󠁧󠁢󠁥󠁮󠁧󠁿: where next?",
    "zero-width inside": "What\u200b is this\u200d for?",
    "accents": "Qu'est-ce qui t'a fait sourire, Zoë? 字",
    "combining accent": "Cafe\u0301 or te\u0301?",
    "markup is just text": "[bold]What[/bold] would you [link=x]say[/link]?",
}


@pytest.mark.parametrize("field", list(FIELDS))
@pytest.mark.parametrize("case", list(HIDING))
def test_a_character_that_hides_text_is_refused_and_named(field: str, case: str) -> None:
    value, named = HIDING[case]
    [problem] = problems(with_field(field, value))
    assert problem.startswith("deck.yaml:")
    assert f"'{field}' contains " in problem and named in problem
    assert problem.endswith("(remove it)")


@pytest.mark.parametrize("field", list(FIELDS))
@pytest.mark.parametrize("case", list(BLANK))
def test_text_that_shows_nothing_is_refused(field: str, case: str) -> None:
    [problem] = problems(with_field(field, BLANK[case]))
    assert problem.startswith("deck.yaml:")
    assert f"'{field}' shows nothing" in problem


@pytest.mark.parametrize("field", ["text", "follow_up", "title"])
@pytest.mark.parametrize("case", list(KEPT))
def test_emoji_sequences_and_accents_are_kept(field: str, case: str) -> None:
    document = with_field(field, KEPT[case])
    assert problems(document) == []
    deck = parse_deck(document.encode("utf-8"), "deck.yaml")
    values = {"text": deck.cards[0].text, "follow_up": deck.cards[0].follow_up}
    assert values.get(field, deck.title) == KEPT[case]


def test_an_emoji_escaped_as_a_surrogate_pair_is_the_emoji(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # libyaml refuses "\ud83d\ude00"; PyYAML without libyaml reads it as two halves.
    monkeypatch.setattr(deckwalk, "_Loader", yaml.SafeLoader)
    document = VALID_DECK.replace('"What is a small', '"\\ud83d\\ude00 What is a small')
    deck = parse_deck(document.encode("utf-8"), "deck.yaml")
    assert deck.cards[0].text.startswith("\U0001f600 What")
    lone = VALID_DECK.replace('"What is a small', '"\\ud83d What is a small')
    [problem] = problems(lone)
    assert "half of a UTF-16 surrogate pair (U+D83D)" in problem
    assert "control" not in problem


def test_every_hidden_class_is_named_and_none_overlap() -> None:
    spans = sorted(span for _, group in HIDDEN for span in group)
    assert all(a <= b for a, b in spans)
    assert all(one[1] < two[0] for one, two in itertools.pairwise(spans))


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.sampled_from([chr(a) for a, _ in INVISIBLE] + [chr(b) for _, b in INVISIBLE]),
        min_size=1,
        max_size=20,
    )
)
def test_text_made_of_invisible_characters_shows_nothing(text: str) -> None:
    assert shows_nothing(text)
    assert not shows_nothing(text + "x")
