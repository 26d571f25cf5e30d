"""The console entry point: starts the command line with the garbage collector paused.

Start-up allocates many long-lived objects (Textual's widgets, styles, the decks) and the
collector would walk them over and over before the first frame; the game turns it back on
(after freezing what start-up made) once the first frame is drawn, and every other command
turns it back on before it runs.
"""

from __future__ import annotations

import gc


def run() -> int:
    """Run closeness-cards; return its exit code."""
    gc.disable()
    from closeness_cards.cli import main

    return main()
