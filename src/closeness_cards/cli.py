"""The command line: parses arguments, runs non-TUI commands, and starts the TUI lazily."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, cast

from closeness_cards import __version__
from closeness_cards.core.cards import Stage
from closeness_cards.core.deckfile import DeckError
from closeness_cards.core.game import (
    DEFAULT_PASSES,
    DepthPlan,
    GameError,
    Options,
    Shape,
    check_players,
    new_seed,
    plan_deal,
)
from closeness_cards.core.library import Library, load_library
from closeness_cards.core.plan import deal_document

PROG = "closeness-cards"
DEFAULT_PLAYERS = ("Player 1", "Player 2")


class UsageError(Exception):
    """Bad input from the command line: exit 2 with one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, no usage block: the user sees what is wrong and where to look.
        self.exit(2, f"{PROG}: {message} (see '{self.prog} --help')\n")


def _session_options(parser: argparse.ArgumentParser) -> None:
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
    parser.add_argument("--seed", type=int, help="make the deal reproducible")
    parser.add_argument(
        "--mature",
        action="store_true",
        help="include cards about physical intimacy (romantic stages only)",
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
        type=int,
        default=DEFAULT_PASSES,
        metavar="N",
        help=f"passes per player (default: {DEFAULT_PASSES})",
    )
    parser.add_argument(
        "--no-history", action="store_true", help="a private session: nothing is written"
    )


def build_parser(*, everything: bool = True) -> argparse.ArgumentParser:
    """The command line; without ``everything`` only `play` and `deal`, which start faster."""
    parser = _Parser(
        prog=PROG,
        description="A conversation-card game for two people or a few friends: take turns "
        "with questions that go from light to deep. Run with no command to open the game.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    play = commands.add_parser("play", help="play a session (straight to the cards with --stage)")
    _session_options(play)
    play.add_argument(
        "--plain",
        action="store_true",
        help="line by line, for screen readers and terminals without full-screen support",
    )
    play.set_defaults(func=run_play)
    deal = commands.add_parser("deal", help="print the deal 'play' would use, without the TUI")
    _session_options(deal)
    deal.add_argument("--json", action="store_true", help="print one JSON document")
    deal.set_defaults(func=run_deal)
    if not everything:
        return parser
    from closeness_cards import cli_decks, cli_store

    cli_decks.register(commands)
    cli_store.register(cast("argparse._SubParsersAction[argparse.ArgumentParser]", commands))
    return parser


def checked_players(args: argparse.Namespace) -> tuple[str, ...]:
    """The players and passes from the arguments, checked; raises UsageError."""
    if not 0 <= args.passes <= 99:
        raise UsageError("--passes must be from 0 to 99")
    try:
        return check_players(args.players or DEFAULT_PLAYERS)
    except GameError as error:
        raise UsageError(str(error)) from None


def session_options(args: argparse.Namespace) -> Options:
    """Options from parsed arguments; raises UsageError for bad values."""
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
        wildcards=args.wildcards,
        everyone=args.everyone,
        passes=args.passes,
    )


def session_library(args: argparse.Namespace) -> Library:
    """The decks a session uses; a broken --deck is bad input."""
    from closeness_cards.store.paths import deck_cache_dir, user_decks_dir

    paths: list[Path] = args.deck
    library = load_library(
        paths, user_dir=None if paths else user_decks_dir(), cache_dir=deck_cache_dir()
    )
    if paths and library.problems:
        raise UsageError(str(library.problems[0]))
    if not library.decks:
        raise UsageError("no decks could be loaded")
    return library


def run_deal(args: argparse.Namespace) -> int:
    """`deal`: print the plan `play` would deal with the same options, now."""
    from closeness_cards.journal import Journal

    options = session_options(args)
    library = session_library(args)
    with Journal.reading(enabled=not args.no_history) as journal:
        if not args.deck:
            library = journal.switched_on(library)
        seen, hidden = journal.seen(options.players), journal.hidden()
    try:
        deal = plan_deal(library.cards, options, seen=seen, hidden=hidden)
    except GameError as error:
        raise UsageError(str(error)) from None
    document = deal_document(deal)
    if args.json:
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    print(
        f"Seed {options.seed} - {options.stage.label}, {options.shape.value}, "
        f"depth {options.depth.value}"
    )
    for number, step in enumerate(document["steps"], 1):
        names = step["answerers"]
        who = f"{step['reader']} reads, {', '.join(names)} answer{'s' if len(names) == 1 else ''}"
        print(f"{number:>3}. [{step['kind']}, depth {step['depth']}] {step['text']}  ({who})")
    return 0


def run_play(args: argparse.Namespace) -> int:
    """`play`: start the TUI, on the play screen when a stage is given."""
    checked_players(args)
    options = session_options(args) if args.stage else None
    library = session_library(args)
    if args.plain:
        from closeness_cards.journal import Journal
        from closeness_cards.plain import defaults_from_args, run_plain

        journal = Journal.open(enabled=not args.no_history)
        try:
            return run_plain(
                library=library if args.deck else journal.switched_on(library),
                options=options,
                journal=journal,
                stdin=sys.stdin,
                stdout=sys.stdout,
                defaults=defaults_from_args(args),
            )
        finally:
            journal.close()
    if not (sys.stdin.isatty() and sys.stdout.isatty()) and "TEXTUAL_DRIVER" not in os.environ:
        raise UsageError(
            "the game needs a terminal; 'play --plain' plays line by line, and 'deal' prints a deal"
        )
    from closeness_cards.tui.app import run_app

    return run_app(
        library=library,
        options=options,
        defaults=args,
        history=not args.no_history,
        deck_paths=tuple(args.deck),
    )


def restart_collector() -> None:
    """Turn the garbage collector back on, keeping what start-up made out of its way."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 failure, 2 bad input)."""
    words = list(sys.argv[1:] if argv is None else argv)
    command = next((word for word in words if not word.startswith("-")), None)
    parser = build_parser(everything=command not in ("play", "deal"))
    args = parser.parse_args(words)
    if args.command is None:
        args = parser.parse_args(["play", *words])
    if args.command != "play" or args.plain:
        restart_collector()  # the full-screen game does this after its first frame
    try:
        code: int = args.func(args)
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except DeckError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return code
