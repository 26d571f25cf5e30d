"""The command line: argument parsing and the commands that need no full screen."""

from __future__ import annotations

from closeness_cards.cli.commands import UsageError, build_parser, main, restart_collector

TYPE_CHECKING = False
if TYPE_CHECKING:
    from closeness_cards.cli.launch import Launch


def __getattr__(name: str) -> object:
    if name == "Launch":  # imported only by `play`, which needs it
        from closeness_cards.cli.launch import Launch

        return Launch
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Launch", "UsageError", "build_parser", "main", "restart_collector"]
