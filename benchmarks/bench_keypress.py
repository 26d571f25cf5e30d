"""Benchmark a keypress: from pressing space to the next card (or turn) painted, per press.

Run from the repository root, with the project installed::

    .venv/bin/python benchmarks/bench_keypress.py [--presses N] [--rounds N] [--quick]

The real app is driven by Pilot (``App.run_test``) on an open-ended session of the built-in
dating cards, with history on (every card is committed to a temporary CLOSENESS_CARDS_HOME,
as in a real game). A press is timed from just before the key is sent until the screen's
compositor hands over the first frame that shows the new state; that frame is also turned
into the bytes a terminal would get (the headless driver skips that step), so its cost is
counted. The session is re-dealt each round, so every press stays on the play screen.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Sequence

import _common
from _common import print_header, stats, stats_row, table_head, verdict
from textual.screen import Screen

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import DepthPlan, Options, Shape
from closeness_cards.core.library import Library, load_library
from closeness_cards.journal import Journal
from closeness_cards.tui.app import CardsApp
from closeness_cards.tui.screens.play import PlayScreen

MEDIAN_TARGET_MS = 16.0
P95_TARGET_MS = 33.0
SIZE = (100, 30)
PAINT_TIMEOUT = 5.0
"""Seconds to wait for a frame before giving up (the benchmark must never hang)."""


class PaintWatch:
    """Wraps the app's display hook to note when the first frame after a change is painted."""

    def __init__(self, app: CardsApp) -> None:
        self.app = app
        self._original = app._display
        self._changed: Callable[[], bool] | None = None
        self._painted = asyncio.Event()
        self.painted_at = 0.0
        app._display = self._display  # type: ignore[method-assign]

    def expect(self, changed: Callable[[], bool]) -> None:
        """Wait for the first frame painted while ``changed()`` is true."""
        self._changed = changed
        self._painted.clear()

    async def wait(self) -> float:
        """The ``perf_counter`` time the expected frame was painted."""
        await asyncio.wait_for(self._painted.wait(), PAINT_TIMEOUT)
        return self.painted_at

    def _display(self, screen: Screen[object], renderable: object) -> None:
        self._original(screen, renderable)  # type: ignore[arg-type]
        changed = self._changed
        if renderable is None or changed is None or screen is not self.app.screen:
            return
        if not changed():
            return
        # Headless, Textual skips turning the frame into terminal bytes: do it here, so
        # the figure holds everything but the write itself.
        render = getattr(renderable, "render_segments", None)
        if render is not None:
            render(self.app.console)
        self.painted_at = time.perf_counter()
        self._changed = None
        self._painted.set()


async def one_round(library: Library, presses: int, seed: int) -> list[float]:
    """Deal an open-ended session and time up to ``presses`` presses of space, in ms."""
    options = Options(("Ana", "Ben"), Stage.DATING, Shape.OPEN, DepthPlan.RISE, seed=seed)
    journal = Journal.open(enabled=True)
    app = CardsApp(library, journal=journal, options=options)
    samples: list[float] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if not isinstance(app.screen, PlayScreen):
                raise RuntimeError(f"expected the play screen, got {app.screen!r}")
            watch = PaintWatch(app)
            session = app.session
            assert session is not None
            for _ in range(presses):
                # Space on the closing card would end the session: stop before it.
                if session.current is None or session.is_closing:
                    break
                before = (session.position, session.turn)
                watch.expect(lambda before=before: (session.position, session.turn) != before)
                began = time.perf_counter()
                await pilot.press("space")
                painted = await watch.wait()
                samples.append((painted - began) * 1000)
            await pilot.pause()
    finally:
        journal.close()
    return samples


async def measure(presses: int, per_round: int, warmup: int = 10) -> tuple[list[float], int]:
    """Time ``presses`` presses over as many rounds as needed; return them and the rounds."""
    library = load_library()
    await one_round(library, warmup, seed=0)  # imports, CSS and SQLite first-use costs
    samples: list[float] = []
    rounds = 0
    while len(samples) < presses:
        rounds += 1
        got = await one_round(library, min(per_round, presses - len(samples)), seed=rounds)
        if not got:
            raise RuntimeError("a round timed no press")
        samples += got
    return samples, rounds


def report(samples: list[float], per_round: int) -> bool:
    """Print the table; return whether both targets were met."""
    s = stats(samples)
    print(table_head("ms"))
    print(stats_row(f"space -> next card painted ({s.count} presses)", samples))
    print(f"{'p95':<46} {s.p95:>10.3f}")
    rounds = [samples[i : i + per_round] for i in range(0, len(samples), per_round)]
    medians = [stats(chunk).median for chunk in rounds]
    print(stats_row(f"median of each round ({len(rounds)} rounds)", medians))
    median_ok = s.median <= MEDIAN_TARGET_MS
    p95_ok = s.p95 <= P95_TARGET_MS
    print(f"median {s.median:.2f} ms  target <= {MEDIAN_TARGET_MS:g} ms  {verdict(median_ok)}")
    print(f"p95    {s.p95:.2f} ms  target <= {P95_TARGET_MS:g} ms  {verdict(p95_ok)}")
    return median_ok and p95_ok


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print; exit 0 when the runs completed (a missed target is printed)."""
    parser = _common.parser(__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, help="presses timed (default 200, quick 40)")
    parser.add_argument("--per-round", type=int, default=50, help="presses per dealt session")
    parser.add_argument("--warmup", type=int, default=10, help="unmeasured presses first")
    options = parser.parse_args(argv)
    presses = options.presses or (40 if options.quick else 200)
    print_header(
        "closeness-cards keypress benchmark: space -> next card painted",
        f"Pilot, headless {SIZE[0]}x{SIZE[1]}, open-ended dating session, history on; "
        f"{options.warmup} warm-up presses, then {presses} presses, "
        f"{options.per_round} per session",
    )
    with _common.temporary_home("cc-bench-keypress-"):
        samples, _ = asyncio.run(measure(presses, options.per_round, options.warmup))
    report(samples, options.per_round)
    return 0


if __name__ == "__main__":
    sys.exit(main())
