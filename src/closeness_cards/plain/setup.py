"""Plain mode's setup questions: who plays, which stage, shape and depth, asked line by line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import DepthPlan, GameError, Shape, check_players
from closeness_cards.plain.answers import number_from, other_digits
from closeness_cards.table import Choices
from closeness_cards.text import words
from closeness_cards.text.labels import PLAN_LABELS, SHAPE_LABELS, STAGE_LABELS

T = TypeVar("T")


class Asker(Protocol):
    """Where the questions are put: the plain game's line-by-line talk with the players."""

    def say(self, *lines: str) -> None:
        """Print lines, one idea per line."""

    def ask(self, prompt: str) -> str:
        """Print a prompt and read one line (without its newline)."""


def folded(text: str) -> str:
    """An answer reduced to what it means: case, hyphens, underscores and spacing ignored."""
    # "Long-term", "long term" and "LONG_TERM" all name the same choice.
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


HELP_WORDS = ("?", "help")
"""What asks for help at any question."""
NAMES_HELP = (
    "Type the names of everyone playing, 2 to 8 of them, separated by commas, "
    "then Enter: for example  Ana, Ben.",
    "Press Enter alone to keep the names in brackets.",
)
CHOICE_HELP = (
    "Type the number of a choice, or its name, then Enter.",
    "Press Enter alone to keep the choice in brackets.",
)


def ask_options(game: Asker, defaults: Choices) -> Choices:
    """Ask the setup questions, re-asking with a reason after a bad answer."""
    while True:
        shown = ", ".join(defaults.players)
        answer = game.ask(f"Player names, separated by commas [{shown}]: ").strip()
        if answer.casefold() in HELP_WORDS:
            game.say(*NAMES_HELP)
            continue
        try:
            players = check_players(answer.split(",") if answer else defaults.players)
            break
        except GameError as error:
            game.say(f"Sorry, {words.game_error(error)}. Please try again.")
    stage = choose(game, "Stage", [(s, STAGE_LABELS[s], (s.value,)) for s in Stage], defaults.stage)
    crowded = words.crowded_stage(stage.value, len(players))
    if crowded is not None:
        game.say(crowded)
    shapes = [(s, SHAPE_LABELS[s], (s.value, SHAPE_LABELS[s].split(" (")[0])) for s in Shape]
    shape = choose(game, "Shape", shapes, defaults.shape)
    plans = [(d, PLAN_LABELS[d], (PLAN_LABELS[d].split(":")[0],)) for d in DepthPlan]
    depth = choose(game, "Depth", plans, defaults.depth)
    return defaults.replace(players=players, stage=stage, shape=shape, depth=depth)


def choose(
    game: Asker, question: str, choices: Sequence[tuple[T, str, tuple[str, ...]]], default: T
) -> T:
    """Ask for one of a numbered list, by number or by name; Enter takes the default."""
    game.say(f"{question}:")
    game.say(*(f"{n}. {label}" for n, (_, label, _) in enumerate(choices, 1)))
    number = next(n for n, (value, _, _) in enumerate(choices, 1) if value == default)
    while True:
        answer = folded(game.ask(f"{question}, by number or name [{number}]: "))
        if not answer:
            return default
        if answer in HELP_WORDS:
            game.say(*CHOICE_HELP)
            game.say(*(f"{n}. {label}" for n, (_, label, _) in enumerate(choices, 1)))
            continue
        typed = number_from(answer, len(choices))
        if typed is not None:
            return choices[typed - 1][0]
        for value, label, names in choices:
            if answer in {folded(label), *(folded(name) for name in names)}:
                return value
        if other_digits(answer):
            game.say("Please write the number in the digits 0 to 9, or answer with a name.")
            continue
        game.say(f"Please answer with a number from 1 to {len(choices)} or a name above.")
