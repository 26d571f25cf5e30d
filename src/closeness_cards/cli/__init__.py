"""The command line: argument parsing and the commands that need no full screen."""

from __future__ import annotations

from closeness_cards.cli.commands import (
    Hosting,
    Launch,
    UsageError,
    build_parser,
    main,
    restart_collector,
)

__all__ = ["Hosting", "Launch", "UsageError", "build_parser", "main", "restart_collector"]
