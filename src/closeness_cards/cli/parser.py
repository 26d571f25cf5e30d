"""The whole command line, read by argparse: every command, its help and its errors."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from closeness_cards import __version__
from closeness_cards.cli.commands import HOST_PORT, PROG, run_deal, run_host, run_play
from closeness_cards.cli.quick import SEED_HIGH, SEED_LOW, read_whole_number
from closeness_cards.core.safe_text import for_terminal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

MESSAGE_MAX = 400
"""Characters of argparse's message kept: it quotes what was typed, which may be huge."""
SHOWN_MAX = 24
"""Characters of a refused number quoted back."""


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


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (see ``read_whole_number``)."""

    def number(text: str) -> int:
        value = read_whole_number(text, low, high)
        if value is not None:
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


def parse(typed: list[str]) -> argparse.Namespace:
    """Read any command line with argparse: its help, its errors (exit 2), and a bare
    option list read as `play`'s. Builds only the command typed, where one is."""
    command = next((word for word in typed if not word.startswith("-")), None)
    parser = build_parser(only=command) if command in COMMANDS else build_parser()
    args = parser.parse_args(typed)
    if args.command is None:
        args = parser.parse_args(["play", *typed])
    return args
