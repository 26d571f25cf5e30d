"""Cards reach only the tables their words fit: touch when switched on, pair or group words
at their table, no shared past on a first date, one card of an idea in a session."""

from __future__ import annotations

import re
from collections import defaultdict

from support.content import (
    DECKS_DIR,
    all_cards,
    read_deck,
    table_mismatches,
    texts,
    untagged_touch,
)

SHARED_PAST = re.compile(
    r"\b(?:memor(?:y|ies) you share|shared memor\w*|you have shared|long ago|showed up for you"
    r"|never mentioned|first met|next time you(?:'ll| will) see|plan (?:a|the next) date"
    r"|from now on|inside jokes?|lately|a habit of the other|quietly love)\b",
    re.IGNORECASE,
)
"""Words of a wildcard that assumes the players share a past, or pushes toward a next date."""
PRESSING = re.compile(
    r"\b(?:secrets?|never told anyone|really feel about|ashamed|what would (?:the|your) family"
    r"|think if they knew|crush|boyfriend|girlfriend|dating)\b",
    re.IGNORECASE,
)
"""Words that could press a child to disclose something in front of the family."""


def problems_message(title: str, problems: list[str]) -> str:
    return f"{title} ({len(problems)}):\n  " + "\n  ".join(problems)


def test_every_card_that_asks_for_touch_says_so() -> None:
    found = [f"{card.label}: {card.text}" for card in untagged_touch(all_cards())]
    assert not found, problems_message("touch, not marked touch: true", found)


def test_touch_cards_are_things_to_do_not_questions_about_touch() -> None:
    questions = [card.label for card in all_cards() if card.touch and card.is_question]
    assert questions == []


def test_words_for_two_or_for_a_group_are_marked_with_their_table() -> None:
    found = table_mismatches(all_cards())
    assert not found, problems_message("table words without their mark", found)


def test_no_wildcard_on_a_first_date_assumes_a_shared_past() -> None:
    found = [
        f"{card.label}: {card.text}"
        for card in all_cards()
        if card.kind == "action" and card.fits("dating") and SHARED_PAST.search(card.text)
    ]
    assert not found, problems_message("dating wildcards that assume a shared past", found)


def test_every_idea_is_shared_by_cards_of_different_decks() -> None:
    # An idea key says: these cards ask the same thing, so a session deals one of them. On
    # one card it says nothing; two of one deck would be the same card written twice.
    decks: dict[str, list[str]] = defaultdict(list)
    for card in all_cards():
        if card.idea is not None:
            decks[card.idea].append(card.deck)
    alone = sorted(idea for idea, owners in decks.items() if len(owners) < 2)
    twice = sorted(idea for idea, owners in decks.items() if len(set(owners)) < len(owners))
    assert alone == [], "ideas on one card only"
    assert twice == [], "ideas twice in one deck"


def test_family_kids_is_safe_with_a_parent_in_the_room() -> None:
    cards = read_deck(DECKS_DIR / "family-kids.yaml")
    assert not any(card.mature or card.touch for card in cards)
    found = [
        f"{card.label}: {text}" for card in cards for text in texts(card) if PRESSING.search(text)
    ]
    assert not found, problems_message("cards that could press a child to disclose", found)
