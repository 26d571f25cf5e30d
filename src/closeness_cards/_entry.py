"""The console entry point: starts the command line with the garbage collector paused.

Start-up allocates many long-lived objects (Textual's widgets, styles, the decks) and the
collector would walk them over and over before the first frame; the game turns it back on
(after freezing what start-up made) once the first frame is drawn, and every other command
turns it back on before it runs.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from closeness_cards.cli import Launch


def run() -> int:
    """Run closeness-cards; return its exit code."""
    gc.disable()
    from closeness_cards.cli import main

    return main(launch=launch)


def launch(request: Launch) -> int:
    """Open the game `play` asked for: plain mode, or the TUI (each imported only then)."""
    import sys

    from closeness_cards.table import Table
    from closeness_cards.table.sqlite import open_ports

    table = Table(
        request.library, open_ports(history=request.history), switchable=request.switchable
    )
    try:
        if request.plain:
            from closeness_cards.plain import run_plain

            return run_plain(
                table,
                choices=request.choices,
                stdin=sys.stdin,
                stdout=sys.stdout,
                defaults=request.defaults,
            )
        from closeness_cards.tui.app import run_app

        return run_app(table, choices=request.choices, defaults=request.defaults)
    finally:
        table.close()
