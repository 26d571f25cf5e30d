"""The words for the engine's codes: every problem and refusal reads as a sentence."""

from __future__ import annotations

import pytest

from closeness_cards.core.game import GameError, Problem, check_players
from closeness_cards.table import Reason, Why
from closeness_cards.text import words


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Solo"], "a session needs 2 to 8 players, not 1"),
        (["Ana", " "], "a player name is empty"),
        (["Ana", "ana"], "two players have the same name"),
        (["Ana", "B\x07"], "a player name contains a control character"),
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
