"""One seat's process: textual-serve starts it for each browser that opens the room."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Join the shared table of ``--session`` and run the seat until its browser goes."""
    parser = argparse.ArgumentParser(prog="closeness-cards seat")
    parser.add_argument("--session", type=int, required=True)
    parser.add_argument("--deck", type=Path, action="append", default=[])
    args = parser.parse_args(argv)
    from closeness_cards.table.decks import load_decks
    from closeness_cards.table.shared import NotShared, SharedTable
    from closeness_cards.tui.seat import run_seat

    library = load_decks(args.deck, history=True)
    try:
        shared = SharedTable.join(library, args.session, switchable=not args.deck)
    except NotShared as error:
        print(f"closeness-cards: {error}", file=sys.stderr)
        return 1
    return run_seat(shared)


if __name__ == "__main__":
    sys.exit(main())
