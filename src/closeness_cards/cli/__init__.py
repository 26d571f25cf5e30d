"""The command line: argument parsing and the commands that need no full screen."""

from __future__ import annotations

from closeness_cards.cli.commands import Launch, UsageError, build_parser, main, restart_collector

__all__ = ["Launch", "UsageError", "build_parser", "main", "restart_collector"]
