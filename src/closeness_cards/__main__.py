"""Run the game with ``python -m closeness_cards``."""

from closeness_cards._entry import run

raise SystemExit(run())
