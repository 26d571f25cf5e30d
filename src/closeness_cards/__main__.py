"""Run the game with ``python -m closeness_cards``."""

from closeness_cards.cli import main

raise SystemExit(main())
