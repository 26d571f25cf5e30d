"""What a session starts from: default names, the range of passes, and the players' choices."""

from __future__ import annotations

from closeness_cards.core.cards import Stage
from closeness_cards.core.frozen import Frozen
from closeness_cards.core.game import (
    DEFAULT_PASSES,
    DepthPlan,
    GameError,
    Options,
    Problem,
    Shape,
    check_players,
    new_seed,
)

DEFAULT_PLAYERS = ("Player 1", "Player 2")
PASSES_MIN = 0
PASSES_MAX = 99

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final


class Choices(Frozen):
    """What setting up a session starts from, and what the players chose.

    Plain mode's questions, the TUI's setup screen and the command line all start here.
    ``seed``: a fixed seed for the deal (None deals a fresh one); ``touch``: deal cards that
    ask the players to touch or hold a gaze; ``opening``: begin with the opening ritual;
    ``check_in``: ask how close everyone feels, before and after.
    """

    __slots__ = FIELDS = (
        "players", "stage", "shape", "depth", "seed", "mature", "touch", "wildcards", "everyone",
        "passes", "opening", "check_in",
    )  # fmt: skip
    if TYPE_CHECKING:
        players: Final[tuple[str, ...]]
        stage: Final[Stage]
        shape: Final[Shape]
        depth: Final[DepthPlan]
        seed: Final[int | None]
        mature: Final[bool]
        touch: Final[bool]
        wildcards: Final[bool]
        everyone: Final[bool]
        passes: Final[int]
        opening: Final[bool]
        check_in: Final[bool]

    def __init__(
        self,
        players: tuple[str, ...] = DEFAULT_PLAYERS,
        stage: Stage = Stage.DATING,
        shape: Shape = Shape.QUICK,
        depth: DepthPlan = DepthPlan.RISE,
        seed: int | None = None,
        mature: bool = False,
        touch: bool = False,
        wildcards: bool = True,
        everyone: bool = False,
        passes: int = DEFAULT_PASSES,
        opening: bool = True,
        check_in: bool = True,
    ) -> None:
        self.players = players
        self.stage = stage
        self.shape = shape
        self.depth = depth
        self.seed = seed
        self.mature = mature
        self.touch = touch
        self.wildcards = wildcards
        self.everyone = everyone
        self.passes = passes
        self.opening = opening
        self.check_in = check_in


def options_from(choices: Choices) -> Options:
    """The deal's options from the players' choices; raises GameError for bad ones."""
    if not PASSES_MIN <= choices.passes <= PASSES_MAX:
        raise GameError(Problem.PASSES_RANGE, low=PASSES_MIN, high=PASSES_MAX)
    return Options(
        players=check_players(choices.players),
        stage=choices.stage,
        shape=choices.shape,
        depth=choices.depth,
        seed=choices.seed if choices.seed is not None else new_seed(),
        mature=choices.mature,
        touch=choices.touch,
        wildcards=choices.wildcards,
        everyone=choices.everyone,
        passes=choices.passes,
    )


def choices_from(options: Options, *, opening: bool, check_in: bool) -> Choices:
    """The choices a dealt session was made from (a fresh seed next time): setup shows
    them again after a resumed session, as it does after one dealt here."""
    return Choices(
        players=options.players,
        stage=options.stage,
        shape=options.shape,
        depth=options.depth,
        mature=options.mature,
        touch=options.touch,
        wildcards=options.wildcards,
        everyone=options.everyone,
        passes=options.passes,
        opening=opening,
        check_in=check_in,
    )


def with_remembered_names(given: Choices, remembered: tuple[str, ...]) -> Choices:
    """The names of last time, unless names were given (or what was kept is no table)."""
    if given.players != DEFAULT_PLAYERS or not remembered:
        return given
    try:
        players = check_players(remembered)
    except GameError:
        return given  # a kept value that is no longer a valid table of players
    return given.replace(players=players)
