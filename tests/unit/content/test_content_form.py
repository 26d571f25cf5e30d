"""How the cards are written: varied openers, one question a card, follow-ups that go deeper,
appreciation given rather than asked for, plain words and British spelling."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.content import DECKS_DIR, HOMEWORK, all_cards, form_of, is_two_part, read_deck, texts

WRITTEN = [
    path
    for path in sorted(DECKS_DIR.glob("*.yaml"))
    if path.stem not in ("wildcards", "listening-tips")
]
written_params = pytest.mark.parametrize("path", WRITTEN, ids=[path.stem for path in WRITTEN])

OPENERS_MOST = 0.45
"""Questions opening with What or Which, at most, in a deck."""
TWO_PART_MOST = 0.10
HOMEWORK_MOST = 0.10
"""Follow-ups that turn an answer into a plan or a task, at most."""
FISHING = re.compile(
    r"\b(?:like|love|appreciate|admire|value)s?\b(?! to know)[^.?!]{0,30}\babout me\b"
    r"|\bwhat (?:do|did) you (?:first )?(?:notice|see) in me\b",
    re.IGNORECASE,
)
"""A reader asking to be praised: appreciation is given by the answerer, not asked for."""


def problems_message(title: str, problems: list[str]) -> str:
    return f"{title} ({len(problems)}):\n  " + "\n  ".join(problems)


@written_params
def test_at_most_a_share_of_questions_open_with_what_or_which(path: Path) -> None:
    form = form_of(read_deck(path))
    assert form.opener_share <= OPENERS_MOST, f"{form.opener_share:.0%} open with What/Which"


@written_params
def test_one_question_a_card(path: Path) -> None:
    cards = read_deck(path)
    form = form_of(cards)
    two_part = [f"{c.label}: {c.text}" for c in cards if c.is_question and is_two_part(c.text)]
    assert form.two_part_share <= TWO_PART_MOST, problems_message("two-part questions", two_part)


@written_params
def test_follow_ups_go_deeper_rather_than_into_homework(path: Path) -> None:
    cards = read_deck(path)
    form = form_of(cards)
    homework = [
        f"{c.label}: {c.follow_up}"
        for c in cards
        if c.is_question and c.follow_up and HOMEWORK.search(c.follow_up)
    ]
    assert form.homework_share <= HOMEWORK_MOST, problems_message("homework", homework)


def test_plain_words_and_british_spelling_everywhere() -> None:
    form = form_of(all_cards())
    assert not form.jargon, problems_message("jargon", form.jargon)
    assert not form.american, problems_message("American spelling", form.american)


def test_appreciation_is_given_not_asked_for() -> None:
    fishing = [
        f"{card.label}: {text}"
        for card in all_cards()
        for text in texts(card)
        if FISHING.search(text)
    ]
    assert not fishing, problems_message("readers asking to be praised", fishing)


def test_parenthood_speaks_to_every_kind_of_family() -> None:
    # "our child" assumes one child, and young: the deck is for expecting, step, blended
    # and adoptive families, one child or several, toddlers or teenagers.
    found = [
        card.label
        for card in read_deck(DECKS_DIR / "parenthood.yaml")
        for text in texts(card)
        if re.search(r"\bour (?:child|baby)\b", text, re.IGNORECASE)
    ]
    assert found == []
