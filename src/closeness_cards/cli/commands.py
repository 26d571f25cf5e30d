"""The commands that need no full screen, and the way to `play`: what the command line runs.

No argparse here: `deal` and `history` as scripts type them are read by ``cli.quick``, and
argparse (``cli.parser``, with gettext, locale and shutil) loads only for anything else.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence

from closeness_cards.core.safe_text import for_terminal

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Each command imports what it runs, when it runs: `history` never loads the engine,
    # and --version and --help start without the decks.
    import argparse
    from pathlib import Path

    from closeness_cards.cli.launch import Launch
    from closeness_cards.core.game import Options
    from closeness_cards.core.library import Library
    from closeness_cards.table.setup import Choices

PROG = "closeness-cards"


class UsageError(Exception):
    """Bad input from the command line: exit 2 with one line."""


def checked_players(args: argparse.Namespace) -> tuple[str, ...]:
    """The players and passes from the arguments, checked; raises UsageError."""
    from closeness_cards.core.game import GameError, check_players
    from closeness_cards.table.setup import DEFAULT_PLAYERS, PASSES_MAX, PASSES_MIN

    if not PASSES_MIN <= args.passes <= PASSES_MAX:
        raise UsageError(f"--passes must be from {PASSES_MIN} to {PASSES_MAX}")
    try:
        return check_players(args.players or DEFAULT_PLAYERS)
    except GameError as error:
        from closeness_cards.text import words

        raise UsageError(words.game_error(error)) from None


def session_options(args: argparse.Namespace) -> Options:
    """Options from parsed arguments; raises UsageError for bad values."""
    from closeness_cards.core.cards import Stage
    from closeness_cards.core.game import DepthPlan, Options, Shape, new_seed

    players = checked_players(args)
    if args.stage is None:
        raise UsageError("--stage is required: " + ", ".join(s.value for s in Stage))
    chosen = Stage(args.stage)
    seed = args.seed if args.seed is not None else new_seed()
    return Options(
        players=players,
        stage=chosen,
        shape=Shape(args.shape),
        depth=DepthPlan(args.depth),
        seed=seed,
        mature=args.mature,
        touch=args.touch,
        wildcards=args.wildcards,
        everyone=args.everyone,
        passes=args.passes,
    )


def session_library(args: argparse.Namespace) -> Library:
    """The decks a session uses; a broken --deck is bad input."""
    from closeness_cards.table.decks import load_decks

    paths: list[Path] = args.deck
    given_twice(paths)
    # A private session keeps no copy of the decks either (no cache files).
    library = load_decks(paths, history=not args.no_history)
    if paths and library.problems:
        raise UsageError(str(library.problems[0]))
    if not library.decks:
        raise UsageError("no decks could be loaded")
    return library


def given_twice(paths: Sequence[Path]) -> None:
    """Refuse a deck file that the --deck options name twice; raises UsageError.

    Loading it twice would only say that its id is already used, by itself. The same file
    may be named twice as the same path, spelled otherwise (``./a.yaml``, a link), or as a
    file of a folder also given.
    """
    from closeness_cards.core.library import deck_files

    first: dict[str, Path] = {}
    for path in paths:
        for file in deck_files(path):
            key = _same_file(file)
            if key not in first:
                first[key] = path
                continue
            earlier = first[key]
            if _same_file(earlier) == _same_file(path):
                raise UsageError(f"--deck {path} is given twice")
            raise UsageError(f"the deck file {file} is given twice: by --deck {earlier} and {path}")


def _same_file(path: Path) -> str:
    """A key equal for paths that name the same file (never an error: the loader says)."""
    try:
        return os.path.normcase(os.path.realpath(path))
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(path))


def run_deal(args: argparse.Namespace) -> int:
    """`deal`: print the plan `play` would deal with the same options, now."""
    from closeness_cards.core.game import GameError
    from closeness_cards.core.plan import deal_document
    from closeness_cards.table.dealing import deal_now

    options = session_options(args)
    library = session_library(args)
    try:
        deal = deal_now(library, options, history=not args.no_history, switchable=not args.deck)
    except GameError as error:
        from closeness_cards.text import words

        raise UsageError(words.game_error(error)) from None
    document = deal_document(deal)
    if args.json:
        from closeness_cards.text.terminal import json_document

        print(json_document(document))
        return 0
    from closeness_cards.text.labels import stage_label

    print(
        f"Seed {options.seed} - {stage_label(options.stage)}, {options.shape.value}, "
        f"depth {options.depth.value}"
    )
    for number, step in enumerate(document["steps"], 1):
        names = step["answerers"]
        who = f"{step['reader']} reads, {', '.join(names)} answer{'s' if len(names) == 1 else ''}"
        # Card text and names are the players' and the decks': one escaped line each.
        line = f"{number:>3}. [{step['kind']}, depth {step['depth']}] {step['text']}  ({who})"
        print(for_terminal(line))
    return 0


HOST_PORT = 8642
WEB_EXTRA = "pip install 'closeness-cards[web]'"
WEB_MODULES = ("textual_serve", "segno")

Launcher = Callable[["Launch"], int]


def run_play(args: argparse.Namespace, launch: Launcher) -> int:
    """`play`: open the game (the TUI, or plain mode), on the cards when a stage is given."""
    from closeness_cards.cli.launch import Launch

    checked_players(args)
    defaults = choices_from_args(args)
    choices = defaults.replace(opening=False, check_in=False) if args.stage else None
    library: Library | Callable[[], Library]
    if args.stage or args.plain or args.deck:
        library = session_library(args)
    else:  # the built-in and the players' decks load after the setup screen's first frame
        library = lambda: session_library(args)  # noqa: E731
    terminal = sys.stdin.isatty() and sys.stdout.isatty()
    if not args.plain and not terminal and "TEXTUAL_DRIVER" not in os.environ:
        raise UsageError(
            "the game needs a terminal; 'play --plain' plays line by line, and 'deal' prints a deal"
        )
    return launch(
        Launch(
            library=library,
            choices=choices,
            defaults=defaults,
            history=not args.no_history,
            plain=args.plain,
            switchable=not args.deck,
        )
    )


def run_host(args: argparse.Namespace, launch: Launcher) -> int:
    """`host`: the table on several screens; a new session with --stage, else the last one."""
    import importlib.util

    from closeness_cards.cli.launch import Hosting, Launch

    missing = [name for name in WEB_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(f"host needs the web extra ({', '.join(missing)} missing): {WEB_EXTRA}")
    if args.no_history:
        raise UsageError(
            "host cannot play a private session: the seats share the table through the history"
        )
    checked_players(args)
    defaults = choices_from_args(args)
    choices = defaults.replace(opening=False, check_in=True) if args.stage else None
    library = session_library(args)
    return launch(
        Launch(
            library=library,
            choices=choices,
            defaults=defaults,
            history=True,
            plain=False,
            switchable=not args.deck,
            hosting=Hosting(lan=args.lan, port=args.port, decks=tuple(args.deck)),
        )
    )


def choices_from_args(args: argparse.Namespace) -> Choices:
    """Setup's starting choices from the `play` command line."""
    from closeness_cards.core.cards import Stage
    from closeness_cards.core.game import DepthPlan, Shape
    from closeness_cards.table.setup import DEFAULT_PLAYERS, Choices

    return Choices(
        players=tuple(args.players) if args.players else DEFAULT_PLAYERS,
        stage=Stage(args.stage) if args.stage else Stage.DATING,
        shape=Shape(args.shape),
        depth=DepthPlan(args.depth),
        seed=args.seed,
        mature=args.mature,
        touch=args.touch,
        wildcards=args.wildcards,
        everyone=args.everyone,
        passes=args.passes,
    )


def restart_collector() -> None:
    """Turn the garbage collector back on, keeping what start-up made out of its way."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None, launch: Launcher | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 failure, 2 bad input).

    ``launch`` opens the game for `play` (the entry point passes it: the command line
    never imports a front end of its own).
    """
    typed = list(sys.argv[1:] if argv is None else argv)
    from closeness_cards.cli import quick

    args = quick.parse(typed)
    if args is None:  # anything but `deal` or `history` in their plain spellings
        from closeness_cards.cli import parser

        args = parser.parse(typed)
    if args.command != "play" or args.plain:
        restart_collector()  # the full-screen game does this after its first frame
    try:
        if args.func in (run_play, run_host):
            if launch is None:
                raise UsageError("this entry point cannot open the game")
            code: int = args.func(args, launch)
        else:
            code = args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:
        # DeckError is looked up only now: the commands that never read a deck skip its module.
        from closeness_cards.core.deckfile import DeckError

        if not isinstance(error, (UsageError, DeckError)):
            raise
        print(f"{PROG}: {for_terminal(str(error))}", file=sys.stderr)
        return 2
    return code
