"""The built-in decks at a table of two and at a table of four: only words that fit it.

Wildcards and closing cards speak to the whole table, so their words fit two players
("the other person"), three or more ("the others"), or both; ``table`` says which, and the
dealer keeps each table to its own.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

import pytest

from closeness_cards.core.cards import Card, Fits, Kind, Stage
from closeness_cards.core.game import DepthPlan, Options, Shape, plan_deal
from closeness_cards.core.library import load_library

SESSIONS = 200
"""Sessions dealt for each table, spread over every stage."""
ENOUGH = {Kind.CLOSING: 3, Kind.ACTION: 20}
"""Closing cards and wildcards each stage needs for each table, among the decks on by default."""

FOR_TWO = re.compile(
    r"\bthe other person\b|\byour partner\b|\bthe two of you\b|\bthe other\b(?!s)", re.IGNORECASE
)
FOR_A_GROUP = re.compile(
    r"\bthe others\b|\beveryone else\b|\bgo around:|\bnext to you\b|\bbeside you\b"
    r"|\baround the table\b",
    re.IGNORECASE,
)
"""Words that only fit two players, and words that only fit three or more."""


@functools.cache
def builtin_cards() -> tuple[Card, ...]:
    library = load_library()
    assert not library.problems
    return tuple(library.cards)


@functools.cache
def optional_decks() -> frozenset[str]:
    """The decks that are off until switched on, as their files say."""
    return frozenset(deck.id for deck in load_library().decks if deck.optional)


def players(count: int) -> tuple[str, ...]:
    return tuple(f"Player {n + 1}" for n in range(count))


def tables_of(count: int) -> dict[Fits | None, int]:
    """How many of the cards dealt to ``SESSIONS`` sessions of ``count`` players had each table.

    Fails the calling test if any dealt card, tip or spare card does not fit the table.
    """
    shapes, plans, stages = list(Shape), list(DepthPlan), list(Stage)
    seen: Counter[Fits | None] = Counter()
    misfits: list[str] = []
    for n in range(SESSIONS):
        options = Options(
            players(count),
            stages[n % len(stages)],
            shapes[n // len(stages) % len(shapes)],
            plans[n % len(plans)],
            seed=n,
            mature=n % 3 == 0,
        )
        deal = plan_deal(builtin_cards(), options)
        assert deal.steps[-1].card.kind is Kind.CLOSING, f"{options}: no closing card"
        tips = [step.tip for step in deal.steps if step.tip is not None]
        for card in (*(step.card for step in deal.steps), *tips, *deal.reserve):
            seen[card.table] += 1
            if not card.fits_table(count):
                misfits.append(f"{card.global_id} ({card.table}) at {options.stage.value}")
    assert misfits == []
    return seen


def test_two_players_are_dealt_cards_for_two_and_never_cards_for_a_group() -> None:
    seen = tables_of(2)
    assert seen[Fits.GROUP] == 0
    assert seen[Fits.PAIR] > 0 and seen[None] > 0


def test_four_players_are_dealt_cards_for_a_group_and_never_cards_for_two() -> None:
    seen = tables_of(4)
    assert seen[Fits.PAIR] == 0
    assert seen[Fits.GROUP] > 0 and seen[None] > 0


@pytest.mark.parametrize("kind", [Kind.ACTION, Kind.CLOSING])
def test_cards_for_the_whole_table_say_which_table_their_words_fit(kind: Kind) -> None:
    # Words that give the table away need the tag; others may still need it ("take each
    # other's hands"), which only reading them can tell.
    wrong = [
        f"{card.global_id} ({card.table}): {card.text}"
        for card in builtin_cards()
        if card.kind is kind
        and (
            (FOR_TWO.search(card.text) is not None and card.table is not Fits.PAIR)
            or (FOR_A_GROUP.search(card.text) is not None and card.table is not Fits.GROUP)
        )
    ]
    assert wrong == []


@pytest.mark.parametrize("count", [2, 3])
@pytest.mark.parametrize("kind", list(ENOUGH))
@pytest.mark.parametrize("stage", list(Stage))
def test_every_stage_has_enough_cards_for_the_whole_table_at_each_table(
    stage: Stage, kind: Kind, count: int
) -> None:
    fitting = [
        card
        for card in builtin_cards()
        if card.deck_id not in optional_decks()
        and card.kind is kind
        and card.fits(stage)
        and card.fits_table(count)
        and not card.mature
    ]
    assert len(fitting) >= ENOUGH[kind]
