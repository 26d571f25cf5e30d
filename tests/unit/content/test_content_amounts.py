"""Enough cards for every stage and every table: the amounts a full game needs."""

from __future__ import annotations

from collections import Counter

import pytest

from support.content import (
    COUPLE_STAGES,
    DECKS_DIR,
    OPTIONAL_DECKS,
    STAGES,
    all_cards,
    form_of,
    optional_decks,
    read_deck,
    stage_pool,
)

IDEAS_PER_DEPTH = 45
"""Distinct questions (by idea) each stage deals at each depth, mature cards and optional
decks left out."""
IDEAS_PER_STAGE = 150
CARDS_IN_ALL = 1500
TIPS = 50
SITUATION_PER_DEPTH = 12
FOLLOW_UP_SHARE = 0.60
MATURE_PER_ROMANTIC_STAGE = 8


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_deals_enough_distinct_questions_at_every_depth(stage: str) -> None:
    ideas = {
        depth: {c.idea_key for c in stage_pool(stage) if c.depth == depth} for depth in (1, 2, 3)
    }
    counts = {depth: len(keys) for depth, keys in ideas.items()}
    print(f"{stage}: distinct questions by depth {counts}, {sum(counts.values())} in all")
    assert min(counts.values()) >= IDEAS_PER_DEPTH, counts
    assert sum(counts.values()) >= IDEAS_PER_STAGE, counts


def test_the_library_holds_enough_cards() -> None:
    kinds = Counter(card.kind for card in all_cards())
    print(f"{len(all_cards())} cards: {dict(kinds)}")
    assert len(all_cards()) >= CARDS_IN_ALL
    assert kinds["tip"] >= TIPS


@pytest.mark.parametrize("name", OPTIONAL_DECKS)
def test_situation_decks_are_optional_with_a_note_and_enough_at_every_depth(name: str) -> None:
    cards = read_deck(DECKS_DIR / f"{name}.yaml")
    depths = Counter(card.depth for card in cards if card.is_question)
    assert name in optional_decks()
    assert min(depths[depth] for depth in (1, 2, 3)) >= SITUATION_PER_DEPTH, depths


def test_rebuilding_trust_says_what_it_is_not_for() -> None:
    import yaml

    document = yaml.safe_load((DECKS_DIR / "rebuilding-trust.yaml").read_text(encoding="utf-8"))
    note = document["note"].lower()
    assert all(word in note for word in ("fear", "coercion", "violence")), note


@pytest.mark.parametrize("stage", STAGES)
def test_most_questions_of_each_stage_deck_have_a_follow_up(stage: str) -> None:
    form = form_of(read_deck(DECKS_DIR / f"{stage}.yaml"))
    assert form.follow_up_share >= FOLLOW_UP_SHARE, f"{form.follow_up_share:.0%}"


def test_mature_cards_fit_only_couples() -> None:
    wrong = [
        card.label for card in all_cards() if card.mature and not card.stages <= set(COUPLE_STAGES)
    ]
    assert wrong == []


@pytest.mark.parametrize("stage", COUPLE_STAGES)
def test_every_couple_stage_has_mature_cards_for_those_who_want_them(stage: str) -> None:
    mature = [card for card in all_cards() if card.mature and card.fits(stage)]
    assert len(mature) >= MATURE_PER_ROMANTIC_STAGE
