"""The content measures catch what they are for, and let the rest through."""

from __future__ import annotations

from dataclasses import replace

import pytest

from support.content import (
    Card,
    alike_pairs,
    american_words,
    form_of,
    is_two_part,
    repeated_phrases,
    table_mismatches,
    untagged_touch,
)


def card(text: str, card_id: str = "c", **values: object) -> Card:
    fields: dict[str, object] = {
        "deck": "t", "id": card_id, "text": text, "depth": 1, "kind": "question",
        "stages": frozenset({"dating"}),
    }  # fmt: skip
    fields.update(values)
    return Card(**fields)  # type: ignore[arg-type]


FILLER = [
    card("Which song takes you straight back to a summer?", "f1"),
    card("Tell me about the best meal you have eaten abroad.", "f2"),
    card("How did your family celebrate birthdays when you were small?", "f3"),
    card("What would you do with a free Saturday in a strange city?", "f4"),
    card("Who taught you to ride a bike, and how did it go?", "f5"),
    card("What is a smell that reminds you of school?", "f6"),
]


def test_the_same_question_in_other_words_is_a_near_duplicate() -> None:
    same = [
        card("When you're upset, what's your first instinct: talk it out or go quiet?", "a"),
        card("When upset, is your first instinct to talk it out, go quiet, or keep busy?", "b"),
    ]
    [pair] = [pair for pair in alike_pairs([*same, *FILLER]) if pair.near_duplicate]
    assert {pair.first.id, pair.second.id} == {"a", "b"}


def test_different_questions_are_not_near_duplicates() -> None:
    assert [pair for pair in alike_pairs(FILLER) if pair.near_duplicate] == []


def test_cards_of_one_idea_are_not_counted_as_alike() -> None:
    same = [
        card("When did you last feel truly heard by me?", "a", idea="heard"),
        card("When did a call with me leave you feeling truly heard?", "b", idea="heard"),
    ]
    assert all({pair.first.id, pair.second.id} != {"a", "b"} for pair in alike_pairs(same))
    apart = [replace(one, idea=None) for one in same]
    assert [pair.near_duplicate for pair in alike_pairs([*apart, *FILLER])][:1] == [True]


def test_a_phrase_shared_by_many_questions_is_found() -> None:
    cards = [card(f"When did you feel truly heard by {who}?", who) for who in "abcd"]
    assert [phrase for phrase, _ in repeated_phrases([*cards, *FILLER], least=4)] == ["tru heard"]


@pytest.mark.parametrize(
    ("text", "two"),
    [
        ("What's the best meal you've eaten, and where were you?", True),
        ("Which place do you love? What does it give you?", True),
        ("Would you rather sing or dance? Say why.", False),
        ("What is your favourite season, and why?", False),
        ("Tell me about a time you were brave.", False),
    ],
)
def test_two_questions_in_one_card_are_found(text: str, two: bool) -> None:
    assert is_two_part(text) is two


def test_homework_follow_ups_jargon_and_american_spelling_are_counted() -> None:
    cards = [
        card("What do you carry from home?", "a", follow_up="What small step this week?"),
        card("What is your favorite color?", "b", follow_up="Where did that come from?"),
    ]
    form = form_of(cards)
    assert (form.questions, form.follow_ups, form.homework, form.what_which) == (2, 2, 1, 2)
    assert [line.split(": ")[1] for line in form.jargon] == ["'carry'"]
    assert american_words("My favorite color; I realize it; a prize of a certain size") == [
        "favorite",
        "color",
        "realize",
    ]


def test_touch_and_table_words_need_their_marks() -> None:
    hug = card("Share a slow hug for twenty seconds.", "hug", kind="action")
    marked = card("Share a slow hug for twenty seconds.", "ok", kind="action", touch=True)
    moved = card("Tell everyone a moment tonight that touched you.", "moved", kind="closing")
    assert untagged_touch([hug, marked, moved]) == [hug]
    pair = card("What does the other person not see?", "p")
    group = card("Tell the others one good thing.", "g", table="group")
    assert [line.split(":")[0] for line in table_mismatches([pair, group])] == ["t/p"]
