"""Touch, ideas and a card's own tip; optional decks with a note; a deck's share of a session."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeness_cards.core.cards import THEMES, Stage
from closeness_cards.core.deckfile import DeckError, parse_deck
from closeness_cards.core.library import Library, load_decks, switched_off
from support.decks import write

DECK = """\
schema: 1
id: situation
title: A situation deck
stages: [family-kids, friends]
optional: true
note: "For when you are apart. Switch it off again when you are not."
share: 25
cards:
  - id: hug
    kind: action
    text: "Share a slow hug for twenty seconds."
    depth: 1
    touch: true
  - id: heard
    text: "When did you last feel heard?"
    depth: 2
    theme: money
    idea: felt-heard
    tip: "Don't defend or explain. Just thank them."
  - id: plain
    text: "What is the best thing about where you live?"
    depth: 1
    theme: roots
"""


def parse(text: str) -> object:
    return parse_deck(text.encode(), "deck.yaml")


def refuse(text: str) -> list[str]:
    with pytest.raises(DeckError) as caught:
        parse_deck(text.encode(), "deck.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_the_new_keys_are_read() -> None:
    deck = parse_deck(DECK.encode(), "deck.yaml")
    assert (deck.optional, deck.note, deck.share) == (
        True,
        "For when you are apart. Switch it off again when you are not.",
        25,
    )
    assert deck.stages == {Stage.FAMILY_KIDS, Stage.FRIENDS}
    hug, heard, plain = deck.cards
    assert (hug.touch, hug.idea, hug.tip) == (True, None, None)
    assert (heard.touch, heard.idea, heard.tip) == (
        False,
        "felt-heard",
        "Don't defend or explain. Just thank them.",
    )
    assert (heard.idea_key, plain.idea_key) == ("idea:felt-heard", "situation/plain")
    assert {heard.theme, plain.theme} <= THEMES


def test_a_deck_without_them_is_on_by_default_with_no_note_and_no_share() -> None:
    bare = "schema: 1\nid: bare\ntitle: Bare\ncards:\n- {id: a, text: What is new?, depth: 1}\n"
    deck = parse_deck(bare.encode(), "bare.yaml")
    assert (deck.optional, deck.note, deck.share) == (False, "", None)
    assert (deck.cards[0].touch, deck.cards[0].idea, deck.cards[0].tip) == (False, None, None)


@pytest.mark.parametrize(
    ("old", "new", "where", "said"),
    [
        ("idea: felt-heard", "idea: Felt Heard", "18:11", "'idea'"),
        ("idea: felt-heard", "idea: [a, b]", "18:11", "'idea'"),
        ("share: 25", "share: 0", "7:8", "'share' must be a whole number from 1 to 100"),
        ("share: 25", "share: 101", "7:8", "'share' must be a whole number from 1 to 100"),
        ("share: 25", "share: 20%", "7:8", "'share'"),
        ("optional: true", "optional: sometimes", "5:11", "'optional'"),
        ("touch: true", "touch: 1", "13:12", "'touch'"),
        ('note: "For', 'note: "' + "x" * 300 + " For", "6:7", "'note' must be 1 to 280"),
        ('tip: "Don\'t defend or explain. Just thank them."', "tip: Nod.", "19:10", "'tip'"),
        ("theme: roots", "theme: root", "23:12", "unknown theme 'root'"),
    ],
)
def test_a_wrong_value_is_located(old: str, new: str, where: str, said: str) -> None:
    assert old in DECK
    problems = refuse(DECK.replace(old, new))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"deck.yaml:{where}: "), problems
    assert said in problems[0]


def test_an_optional_deck_is_off_until_switched_on_a_user_deck_too(tmp_path: Path) -> None:
    write(tmp_path / "situation.yaml", DECK)
    write(
        tmp_path / "always.yaml",
        DECK.replace("optional: true\n", "").replace("situation", "always"),
    )
    decks, problems = load_decks([tmp_path])
    assert problems == []
    assert switched_off(decks, {}) == {"situation"}
    assert switched_off(decks, {"situation": True, "always": False}) == {"always"}
    assert Library(tuple(decks)).shares == {"situation": 25, "always": 25}
