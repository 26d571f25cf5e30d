"""The command line: parses arguments, runs non-TUI commands, and starts the TUI lazily."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence

from closeness_cards import __version__
from closeness_cards.core.safe_text import for_terminal

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Each command imports what it runs, when it runs: `history` never loads the engine,
    # and --version and --help start without the decks.
    from pathlib import Path
    from typing import NoReturn

    from closeness_cards.cli.launch import Launch
    from closeness_cards.core.game import Options
    from closeness_cards.core.library import Library
    from closeness_cards.table.setup import Choices

PROG = "closeness-cards"
MESSAGE_MAX = 400
"""Characters of argparse's message kept: it quotes what was typed, which may be huge."""


class UsageError(Exception):
    """Bad input from the command line: exit 2 with one line."""


class _Parser(argparse.ArgumentParser):
    """argparse, saying what is wrong in one escaped line (every subcommand's parser too)."""

    def error(self, message: str) -> NoReturn:
        # One line, no usage block: the user sees what is wrong and where to look.
        if len(message) > MESSAGE_MAX:
            message = message[:MESSAGE_MAX] + "…"
        self.exit(2, f"{PROG}: {message} (see '{self.prog} --help')\n")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        # The one way argparse leaves with a message. The message quotes what was typed
        # (an unknown command, a choice, an argument), in words that differ between
        # Python versions: the whole of it is escaped, whatever it says.
        if message:
            message = for_terminal(message.rstrip("\n")) + "\n"
        super().exit(status, message)


SEED_LOW, SEED_HIGH = -(2**63), 2**63 - 1
"""The seeds a history can keep: SQLite's INTEGER is a signed 64-bit number."""
SHOWN_MAX = 24
"""Characters of a refused number quoted back."""


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` in the digits 0 to 9.

    ``int`` would also take " 7", "+7", "1_000" and "٣", and refuses more than 4,300
    digits with an error of its own; none of those reach it.
    """

    def number(text: str) -> int:
        digits = text[1:] if text.startswith("-") else text
        significant = digits.lstrip("0")
        widest = len(str(max(-low, high)))
        if digits.isascii() and digits.isdigit() and len(significant) <= widest:
            value = int(text)
            if low <= value <= high:
                return value
        shown = text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX] + "…"
        raise argparse.ArgumentTypeError(
            f"expected a whole number from {low} to {high}, not '{shown}'"
        )

    return number


def _session_options(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    from closeness_cards.core.cards import Stage
    from closeness_cards.core.game import DEFAULT_PASSES, DepthPlan, Shape
    from closeness_cards.table.setup import PASSES_MAX, PASSES_MIN

    stages = [stage.value for stage in Stage]
    parser.add_argument(
        "--stage", choices=stages, metavar="STAGE", help="relationship stage: " + ", ".join(stages)
    )
    parser.add_argument(
        "--players",
        nargs="+",
        metavar="NAME",
        help="2 to 8 player names (default: 'Player 1' 'Player 2')",
    )
    parser.add_argument(
        "--shape",
        choices=[s.value for s in Shape],
        default="quick",
        help="quick (6 cards), standard (12), three-sets (36), open (default: quick)",
    )
    parser.add_argument(
        "--depth",
        choices=[d.value for d in DepthPlan],
        default="rise",
        help="rise (1 then 2 then 3), gentle (never past 2), or 1, 2, 3 (default: rise)",
    )
    parser.add_argument(
        "--deck",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="play with this deck file or folder alone (repeatable)",
    )
    parser.add_argument(
        "--seed",
        type=whole_number(SEED_LOW, SEED_HIGH),
        metavar="N",
        help="make the deal reproducible",
    )
    parser.add_argument(
        "--mature",
        action="store_true",
        help="include cards about physical intimacy (romantic stages only)",
    )
    parser.add_argument(
        "--touch",
        action="store_true",
        help="include wildcards that ask you to touch or hold a gaze (a hug, eye contact)",
    )
    parser.add_argument(
        "--wildcards",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="mix in wildcards, things to do together (default: on)",
    )
    parser.add_argument("--everyone", action="store_true", help="everyone answers every card")
    parser.add_argument(
        "--passes",
        type=whole_number(PASSES_MIN, PASSES_MAX),
        default=DEFAULT_PASSES,
        metavar="N",
        help=f"passes per player (default: {DEFAULT_PASSES})",
    )
    parser.add_argument(
        "--no-history", action="store_true", help="a private session: nothing is written"
    )


COMMANDS = {
    "play": "play",
    "deal": "deal",
    "host": "host",
    "decks": "decks",
    **{name: "records" for name in ("history", "favourites", "favorites", "export")},
    "import": "records",
    "forget": "records",
}
"""Each command's name (an alias too), and where it is registered."""


def build_parser(*, everything: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The command line; without ``everything`` only `play` and `deal`; with ``only`` (a
    name in ``COMMANDS``) that command alone. Fewer commands start faster: each one built
    imports what its options need."""
    parser = _Parser(
        prog=PROG,
        description="A conversation-card game for two people or a few friends: take turns "
        "with questions that go from light to deep. Run with no command to open the game.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    where = None if only is None else COMMANDS[only]
    if where in (None, "play"):
        play = commands.add_parser(
            "play", help="play a session (straight to the cards with --stage)"
        )
        _session_options(play)
        play.add_argument(
            "--plain",
            action="store_true",
            help="line by line, for screen readers and terminals without full-screen support",
        )
        play.set_defaults(func=run_play)
    if where in (None, "deal"):
        deal = commands.add_parser("deal", help="print the deal 'play' would use, without the TUI")
        _session_options(deal)
        deal.add_argument("--json", action="store_true", help="print one JSON document")
        deal.set_defaults(func=run_deal)
    if not everything and only is None:
        return parser
    if where in (None, "host"):
        host = commands.add_parser(
            "host",
            help="the table on several screens: a link (and QR code) for each player's browser",
        )
        _session_options(host)
        host.add_argument(
            "--lan",
            action="store_true",
            help="let phones and laptops on this network join (default: this computer only)",
        )
        host.add_argument(
            "--port",
            type=whole_number(0, 65535),
            default=HOST_PORT,
            metavar="N",
            help=f"the port to listen on (default: {HOST_PORT}; 0 picks a free one)",
        )
        host.set_defaults(func=run_host)
    if where in (None, "decks"):
        from closeness_cards.cli import decks

        decks.register(commands)
    if where in (None, "records"):
        from closeness_cards.cli import records

        records.register(commands, only=only)
    return parser


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
    from dataclasses import replace

    from closeness_cards.cli.launch import Launch

    checked_players(args)
    defaults = choices_from_args(args)
    choices = replace(defaults, opening=False, check_in=False) if args.stage else None
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
    from dataclasses import replace

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
    choices = replace(defaults, opening=False, check_in=True) if args.stage else None
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
        stage=Stage(args.stage) if args.stage else Choices.stage,
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
    command = next((word for word in typed if not word.startswith("-")), None)
    parser = build_parser(only=command) if command in COMMANDS else build_parser()
    args = parser.parse_args(typed)
    if args.command is None:
        args = parser.parse_args(["play", *typed])
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
