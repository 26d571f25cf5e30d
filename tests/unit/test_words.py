"""The words for the engine's codes: every problem and refusal reads as a sentence."""

from __future__ import annotations

import pytest

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import GameError, Problem, check_players
from closeness_cards.table import Reason, Why
from closeness_cards.text import words


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Solo"], "a session needs 2 to 8 players, not 1"),
        (["Ana", " "], "a player name is empty"),
        (["Ana", "ana"], "two players have the same name"),
        (["Ana", "B\x07"], "a player name holds a control character (U+0007)"),
    ],
)
def test_player_problems_are_worded(names: list[str], expected: str) -> None:
    with pytest.raises(GameError) as refused:
        check_players(names)
    assert words.game_error(refused.value) == expected


def test_every_problem_and_reason_has_its_own_words() -> None:
    samples = {
        Problem.PLAYER_COUNT: {"count": 9},
        Problem.LONG_NAME: {"name": "x" * 40},
        Problem.NO_QUESTIONS: {"stage": "family"},
        Problem.PASSES_RANGE: {"low": 0, "high": 99},
    }
    worded = {words.game_error(GameError(p, **samples.get(p, {}))) for p in Problem}
    assert len(worded) == len(Problem)
    assert len({words.refusal(r, "Ana") for r in Reason}) == len(Reason)
    assert len({words.cannot_resume(w, "here", ("d",)) for w in Why}) == len(Why)


def test_history_says_who_passed_and_who_answered() -> None:
    assert words.who_played("Ana", ("Ben",), "answered") == "Ana read, Ben answered"
    assert words.who_played("Ana", ("Ben",), "passed") == "Ana read, Ben passed"
    assert words.who_played("Ana", ("Ben", "Cy"), "answered") == "Ana read, Ben and Cy answered"
    assert "answered" not in words.who_played("Ana", ("Ben",), "hidden")


@pytest.mark.parametrize("name", ["Ana 🏳️‍🌈", "👩‍❤️‍👨", "Zoë", "Łukasz", "李雷", "José ❤️"])
def test_names_with_emoji_and_accents_are_names(name: str) -> None:
    assert check_players(["Ben", name])[1] == name


@pytest.mark.parametrize("name", ["\u200b", "x\u202ey", "a\x1b[2J", "\U000e0041hidden", "\u2028"])
def test_names_that_hide_or_move_text_are_refused_and_say_why(name: str) -> None:
    with pytest.raises(GameError) as refused:
        check_players(["Ben", name])
    said = words.game_error(refused.value)
    assert refused.value.problem in (Problem.CONTROL_IN_NAME, Problem.EMPTY_NAME)
    assert "U+" in said or "shows nothing" in said or "empty" in said  # it says which


@pytest.mark.parametrize("stage", list(Stage))
@pytest.mark.parametrize("players", [2, 3, 8])
def test_a_couples_stage_is_named_crowded_only_past_two(stage: Stage, players: int) -> None:
    said = words.crowded_stage(stage.value, players)
    assert (said is not None) == (stage.romantic and players > 2)
    if said is not None:
        assert f"with {players} of you" in said


@pytest.mark.parametrize(("closing", "said"), [(True, "done"), (False, "not done")])
def test_the_summary_says_whether_the_closing_card_was_done(closing: bool, said: str) -> None:
    from closeness_cards.core.cards import Depth
    from closeness_cards.core.summary import WholeSummary

    summary = WholeSummary(
        questions_by_depth=dict.fromkeys(Depth, 0),
        questions=0,
        wildcards=0,
        closing=closing,
        passed=0,
        hidden=0,
        seconds=0.0,
        finished=False,
    )
    # "not done", not "not reached": a closing card shown and then ended with q was reached.
    assert f"Closing card: {said}" in words.summary_lines(summary)
