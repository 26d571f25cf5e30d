"""The command line: argument parsing and the commands that need no full screen."""

from __future__ import annotations

from closeness_cards.cli.commands import UsageError, main, restart_collector

TYPE_CHECKING = False
if TYPE_CHECKING:
    from closeness_cards.cli.launch import Hosting, Launch
    from closeness_cards.cli.parser import build_parser


def __getattr__(name: str) -> object:
    # Each loaded on first use: only `play` and `host` need a launch, and argparse (the
    # parser) is skipped by the commands `cli.quick` reads.
    if name in ("Launch", "Hosting"):
        from closeness_cards.cli import launch

        return getattr(launch, name)
    if name == "build_parser":
        from closeness_cards.cli import parser

        return parser.build_parser
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Hosting", "Launch", "UsageError", "build_parser", "main", "restart_collector"]
