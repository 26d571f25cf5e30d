"""No two cards of one stage ask the same thing, by our own measure of alike.

Each stage's pool is every non-mature question a session at that stage can deal, the
situation decks switched on. ``support.content`` explains the measure; cards that share an
idea key are never dealt together, so they may be alike. Run with ``-s`` to see each
stage's most alike pairs and their scores.
"""

from __future__ import annotations

import pytest

from support.content import (
    NEAR_DUPLICATE,
    STAGES,
    alike_pairs,
    repeated_phrases,
    stage_pool,
)

PHRASE_IDEAS_MOST = 5
"""Distinct questions of one stage that may share a phrase ("truly heard", "never said")."""
SHOWN = 5


@pytest.mark.parametrize("stage", STAGES)
def test_no_two_questions_of_a_stage_ask_the_same_thing(stage: str) -> None:
    pairs = alike_pairs(stage_pool(stage, situations=True), above=0.3)
    print(
        f"\n{stage}: near-duplicate above {NEAR_DUPLICATE} with 3+ shared stems or a shared "
        "phrase; the most alike pairs:"
    )
    for pair in pairs[:SHOWN]:
        print("  " + pair.line())
    near = [pair.line() for pair in pairs if pair.near_duplicate]
    assert not near, "\n".join(near)


@pytest.mark.parametrize("stage", STAGES)
def test_no_phrase_runs_through_a_stage(stage: str) -> None:
    phrases = repeated_phrases(stage_pool(stage, situations=True), least=PHRASE_IDEAS_MOST + 1)
    assert [(phrase, len(ideas)) for phrase, ideas in phrases] == []
