"""Benchmark start-up: process start to the play screen's first frame, then quit; and peak memory.

Run from the repository root, with the project installed::

    .venv/bin/python benchmarks/bench_startup.py [--pairs N] [--quick]

Each run is a fresh process on Textual's headless driver that quits (ctrl+q) as soon as the
app is ready, which is after the play screen's first frame is composed. The baseline is the
bare Textual app of ``bare_app.py`` started the same way. Runs alternate (ours, bare, ours,
bare ...) after a warm-up, so drift on a shared machine hits both alike; each pair gives a
ratio. Everything is written under a temporary CLOSENESS_CARDS_HOME.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

import _common
from _common import ChildRun, print_header, run_child, stats, stats_row, table_head, verdict

WALL_TARGET = 1.10
"""Our wall time / the bare app's, at most (median of pair ratios)."""
RSS_TARGET = 1.25
"""Our peak RSS / the bare app's, at most (median of pair ratios)."""
PLAY_ARGS = ("play", "--stage", "dating", "--players", "Ana", "Ben", "--seed", "1")


def ours_command() -> list[str]:
    """The game, straight to the play screen."""
    return [sys.executable, "-m", "closeness_cards", *PLAY_ARGS]


def bare_command() -> list[str]:
    """The baseline: a bare Textual app with a Header, a Static and a Footer."""
    return [sys.executable, str(_common.BENCHMARKS / "bare_app.py")]


@dataclass(frozen=True)
class Results:
    """Every measured pair of runs."""

    ours: list[ChildRun]
    bare: list[ChildRun]

    @property
    def wall_ratios(self) -> list[float]:
        """Ours / bare wall time, pair by pair."""
        return [a.seconds / b.seconds for a, b in zip(self.ours, self.bare, strict=True)]

    @property
    def rss_ratios(self) -> list[float]:
        """Ours / bare peak RSS, pair by pair."""
        return [a.max_rss_kib / b.max_rss_kib for a, b in zip(self.ours, self.bare, strict=True)]


def measure(pairs: int, warmup: int = 3) -> Results:
    """Run ``warmup`` unmeasured pairs, then ``pairs`` measured ones, alternating A and B."""
    with _common.temporary_home("cc-bench-startup-") as home:
        env = _common.child_env(home, **_common.HEADLESS_ENV)
        # The warm-up writes bytecode, the database and the deck cache, and fills the OS
        # file cache.
        for _ in range(warmup):
            run_child(ours_command(), env=env, cwd=home)
            run_child(bare_command(), env=env, cwd=home)
        ours: list[ChildRun] = []
        bare: list[ChildRun] = []
        for _ in range(pairs):
            ours.append(run_child(ours_command(), env=env, cwd=home))
            bare.append(run_child(bare_command(), env=env, cwd=home))
    return Results(ours, bare)


def report(results: Results) -> bool:
    """Print the table; return whether both targets were met."""
    wall = stats(results.wall_ratios)
    rss = stats(results.rss_ratios)
    print(table_head("ms"))
    print(
        stats_row("ours: play screen, first frame, quit", [r.seconds * 1000 for r in results.ours])
    )
    print(stats_row("bare Textual app, same way", [r.seconds * 1000 for r in results.bare]))
    print(
        stats_row(
            "ratio ours / bare (per pair)",
            results.wall_ratios,
            f"target <= {WALL_TARGET:g}x  {verdict(wall.median <= WALL_TARGET)}",
        )
    )
    print()
    print(table_head("MiB, peak RSS"))
    print(stats_row("ours", [r.max_rss_kib / 1024 for r in results.ours]))
    print(stats_row("bare Textual app", [r.max_rss_kib / 1024 for r in results.bare]))
    print(
        stats_row(
            "ratio ours / bare (per pair)",
            results.rss_ratios,
            f"target <= {RSS_TARGET:g}x  {verdict(rss.median <= RSS_TARGET)}",
        )
    )
    return wall.median <= WALL_TARGET and rss.median <= RSS_TARGET


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print; exit 0 when the runs completed (a missed target is printed)."""
    parser = _common.parser(__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, help="measured A/B pairs (default 20, quick 5)")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured pairs first")
    options = parser.parse_args(argv)
    pairs = options.pairs or (5 if options.quick else 20)
    print_header(
        "closeness-cards start-up benchmark: process start -> play screen -> quit",
        f"ours: python -m closeness_cards {' '.join(PLAY_ARGS)}; bare: benchmarks/bare_app.py; "
        f"headless driver, TEXTUAL_PRESS=ctrl+q; {options.warmup} warm-up + {pairs} pairs (A B)",
    )
    results = measure(pairs, options.warmup)
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
