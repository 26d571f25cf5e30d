"""Plain mode's setup questions: who plays, which stage, shape and depth, asked line by line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import (
    DEFAULT_PASSES,
    DepthPlan,
    GameError,
    Options,
    Shape,
    check_players,
    new_seed,
)

T = TypeVar("T")


class Asker(Protocol):
    """Where the questions are put: the plain game's line-by-line talk with the players."""

    def say(self, *lines: str) -> None:
        """Print lines, one idea per line."""

    def ask(self, prompt: str) -> str:
        """Print a prompt and read one line (without its newline)."""


@dataclass(frozen=True)
class SetupDefaults:
    """What setting up a session starts from: the answers offered when players press Enter.

    Plain mode's questions and the TUI's setup screen both start from these.
    """

    players: tuple[str, ...] = ("Player 1", "Player 2")
    stage: Stage = Stage.DATING
    shape: Shape = Shape.QUICK
    depth: DepthPlan = DepthPlan.RISE
    seed: int | None = None
    """A fixed seed for the deal; None deals a fresh one."""
    mature: bool = False
    wildcards: bool = True
    everyone: bool = False
    passes: int = DEFAULT_PASSES
    opening: bool = True
    """Begin with the opening ritual (the TUI's setup screen offers it)."""


def defaults_from_args(args: argparse.Namespace) -> SetupDefaults:
    """Setup defaults from the `play` command line (used when no --stage was given)."""
    return SetupDefaults(
        players=tuple(args.players) if args.players else SetupDefaults.players,
        stage=Stage(args.stage) if args.stage else Stage.DATING,
        shape=Shape(args.shape),
        depth=DepthPlan(args.depth),
        seed=args.seed,
        mature=args.mature,
        wildcards=args.wildcards,
        everyone=args.everyone,
        passes=args.passes,
    )


def folded(text: str) -> str:
    """An answer reduced to what it means: case, hyphens, underscores and spacing ignored."""
    # "Long-term", "long term" and "LONG_TERM" all name the same choice.
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


def ask_options(game: Asker, defaults: SetupDefaults) -> Options:
    """Ask the setup questions, re-asking with a reason after a bad answer."""
    while True:
        shown = ", ".join(defaults.players)
        answer = game.ask(f"Player names, separated by commas [{shown}]: ").strip()
        try:
            players = check_players(answer.split(",") if answer else defaults.players)
            break
        except GameError as error:
            game.say(f"Sorry, {error}. Please try again.")
    stage = choose(game, "Stage", [(s, s.label, (s.value,)) for s in Stage], defaults.stage)
    shape = choose(
        game,
        "Shape",
        [(s, s.label, (s.value, s.label.split(" (")[0])) for s in Shape],
        defaults.shape,
    )
    depth = choose(
        game,
        "Depth",
        [(d, d.label, (d.label.split(":")[0],)) for d in DepthPlan],
        defaults.depth,
    )
    return Options(
        players=players,
        stage=stage,
        shape=shape,
        depth=depth,
        seed=defaults.seed if defaults.seed is not None else new_seed(),
        mature=defaults.mature,
        wildcards=defaults.wildcards,
        everyone=defaults.everyone,
        passes=defaults.passes,
    )


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
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1][0]
        for value, label, names in choices:
            if answer in {folded(label), *(folded(name) for name in names)}:
                return value
        game.say(f"Please answer with a number from 1 to {len(choices)} or a name above.")
