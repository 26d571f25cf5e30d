"""Draw the play screen for the top of the README: the real app, headless, at 80x24.

Run from the repository: ``.venv/bin/python scripts/readme_screenshot.py`` writes
``docs/play-screen.svg``. The picture is the same on every run: the built-in decks, a fixed
seed, two players, a clock that never moves, the default theme, and a temporary home, so
nothing is read from or written to the real one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from textual.pilot import Pilot

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.core.library import load_library
from closeness_cards.store.paths import HOME_ENV
from closeness_cards.table import Choices, Table
from closeness_cards.table.sqlite import open_ports
from closeness_cards.tui.app import CardsApp

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "docs" / "play-screen.svg"
SIZE = (80, 24)
OPTIONS = Options(("Ana", "Ben"), Stage.LONG_TERM, Shape.STANDARD, seed=7, wildcards=False)
"""The deal shown: two players, long-term, a standard session, seed 7."""
MOMENT = datetime(2026, 2, 14, 19, 30, tzinfo=timezone.utc)
"""The time the clock always says."""


@contextmanager
def temporary_home() -> Iterator[None]:
    """A fresh home for the game's files, in colour whatever the terminal asked, then undone."""
    saved = {name: os.environ.get(name) for name in (HOME_ENV, "NO_COLOR")}
    with tempfile.TemporaryDirectory(prefix="closeness-cards-screenshot-") as home:
        os.environ[HOME_ENV] = home
        os.environ.pop("NO_COLOR", None)
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


async def draw(options: Options = OPTIONS) -> str:
    """Deal ``options`` in the real app, headless, and return the play screen as an SVG."""
    table = Table(load_library(), open_ports(), clock=lambda: MOMENT)
    first = Choices(
        players=options.players,
        stage=options.stage,
        shape=options.shape,
        seed=options.seed,
        wildcards=options.wildcards,
        opening=False,
        check_in=False,
    )
    app = CardsApp(table, choices=first)
    app.animation_level = "none"  # the card is drawn at once, not faded in
    shot: list[str] = []

    async def take(pilot: Pilot[object]) -> None:
        await pilot.pause()
        shot.append(pilot.app.export_screenshot())
        pilot.app.exit(0)

    await app.run_async(headless=True, size=SIZE, auto_pilot=take)
    table.close()
    return shot[0]


def main(argv: Sequence[str] | None = None) -> int:
    """Write the screenshot; the exit code for the shell."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT}")
    args = parser.parse_args(argv)
    with temporary_home():
        svg = asyncio.run(draw())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(svg, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
