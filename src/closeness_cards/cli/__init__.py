"""The command line: argument parsing and the commands that need no full screen."""

from __future__ import annotations

from closeness_cards.cli.commands import UsageError, build_parser, main, restart_collector

TYPE_CHECKING = False
if TYPE_CHECKING:
    from closeness_cards.cli.launch import Hosting, Launch


def __getattr__(name: str) -> object:
    if name in ("Launch", "Hosting"):  # imported only by `play` and `host`, which need them
        from closeness_cards.cli import launch

        return getattr(launch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Hosting", "Launch", "UsageError", "build_parser", "main", "restart_collector"]
