"""Benchmark start-up: process start to the play screen's first frame, then quit; and peak memory.

Run from the repository root, with the project installed::

    .venv/bin/python benchmarks/bench_startup.py [--pairs N] [--quick]

Each run is a fresh process on Textual's headless driver. The baseline is the bare Textual
app of ``bare_app.py`` (Header, Static, Footer) started the same way. Two ways of quitting
are measured, each as alternating pairs (ours, bare, ours, bare ...) after a warm-up, so
drift on a shared machine hits both alike; each pair gives a ratio:

* ``first-frame`` (the figure): a few lines run first in both processes (``python -c``)
  and quit the app right after the wanted screen's first frame is composed: the play
  screen for ours, the bare app's only screen for the baseline.
* ``press``: ``TEXTUAL_PRESS=ctrl+q``, Textual's own autopilot. It presses ctrl+q as soon
  as the app is ready, which for the bare app is before any frame is composed (it never
  paints), while ours paints the play screen first: shown for reference, it flatters the
  baseline.

Peak memory is each child's ``ru_maxrss`` (``os.wait4``). Everything is written under a
temporary CLOSENESS_CARDS_HOME, Python's bytecode included.
"""

from __future__ import annotations

import re
import statistics
import subprocess
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
FIRST_FRAME = """
import runpy, sys
from textual.screen import Screen
target, wanted, *rest = sys.argv[1:]
refresh = Screen._compositor_refresh
def first_frame(self):
    refresh(self)
    if self.is_current and type(self).__name__ == wanted and not self.app._exit:
        self.app.exit()
Screen._compositor_refresh = first_frame
sys.argv = [target, *rest]
if target.endswith(".py"):
    runpy.run_path(target, run_name="__main__")
else:
    runpy.run_module(target, run_name="__main__", alter_sys=True)
"""
"""Run a Textual program and quit it once a screen named ``wanted`` has composed a frame."""
MODES = ("first-frame", "press")
IMPORT_LINE = re.compile(
    r"import time:\s+(?P<self>\d+) \|\s+(?P<cumulative>\d+) \|\s*(?P<module>\S+)"
)


def command(mode: str, which: str) -> list[str]:
    """The command line of one run: ``which`` is "ours" or "bare"."""
    if which == "ours":
        target, screen, args = "closeness_cards", "PlayScreen", list(PLAY_ARGS)
    else:
        target, screen, args = str(_common.BENCHMARKS / "bare_app.py"), "Screen", []
    if mode == "first-frame":
        return [sys.executable, "-c", FIRST_FRAME, target, screen, *args]
    if which == "ours":
        return [sys.executable, "-m", target, *args]
    return [sys.executable, target]


@dataclass(frozen=True)
class Results:
    """Every measured pair of runs of one mode."""

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


def measure(pairs: int, warmup: int = 3) -> dict[str, Results]:
    """Per mode, run ``warmup`` unmeasured pairs, then ``pairs`` measured ones (A B A B)."""
    results: dict[str, Results] = {}
    with _common.temporary_home("cc-bench-startup-") as home:
        for mode in MODES:
            extra = dict(_common.HEADLESS_ENV)
            if mode != "press":
                del extra["TEXTUAL_PRESS"]
            env = _common.child_env(home, **extra)
            # The warm-up writes bytecode, the database and the deck cache, and fills the
            # OS file cache.
            for _ in range(warmup):
                run_child(command(mode, "ours"), env=env, cwd=home)
                run_child(command(mode, "bare"), env=env, cwd=home)
            ours: list[ChildRun] = []
            bare: list[ChildRun] = []
            for _ in range(pairs):
                ours.append(run_child(command(mode, "ours"), env=env, cwd=home))
                bare.append(run_child(command(mode, "bare"), env=env, cwd=home))
            results[mode] = Results(ours, bare)
    return results


def report(results: dict[str, Results]) -> bool:
    """Print the tables; return whether both targets were met (first-frame mode)."""
    met = True
    for mode, runs in results.items():
        figure = mode == "first-frame"
        wall = stats(runs.wall_ratios).median
        rss = stats(runs.rss_ratios).median
        wall_note = f"target <= {WALL_TARGET:g}x  {verdict(wall <= WALL_TARGET)}"
        rss_note = f"target <= {RSS_TARGET:g}x  {verdict(rss <= RSS_TARGET)}"
        print(f"[{mode}]{'' if figure else ' for reference: the bare app quits unpainted'}")
        ours_name = "ours: play screen, first frame, quit" if figure else "ours: ctrl+q when ready"
        print(table_head("ms"))
        print(stats_row(ours_name, [r.seconds * 1000 for r in runs.ours]))
        print(stats_row("bare Textual app, same way", [r.seconds * 1000 for r in runs.bare]))
        print(stats_row("ratio ours / bare (per pair)", runs.wall_ratios, wall_note * figure))
        print(table_head("MiB, peak RSS"))
        print(stats_row("ours", [r.max_rss_kib / 1024 for r in runs.ours]))
        print(stats_row("bare Textual app", [r.max_rss_kib / 1024 for r in runs.bare]))
        print(stats_row("ratio ours / bare (per pair)", runs.rss_ratios, rss_note * figure))
        print()
        if figure:
            met = wall <= WALL_TARGET and rss <= RSS_TARGET
    return met


def import_times(which: str, env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """One first-frame run under ``-X importtime``: module to (self, cumulative) microseconds."""
    argv = command("first-frame", which)
    argv[1:1] = ["-X", "importtime"]
    done = subprocess.run(
        argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60
    )
    times: dict[str, tuple[int, int]] = {}
    for line in done.stderr.splitlines():
        found = IMPORT_LINE.match(line)
        if found:
            times[found["module"]] = (int(found["self"]), int(found["cumulative"]))
    return times


def report_imports(top: int = 25) -> None:
    """Print the modules only ours imports, by their own import time (median of 5 runs)."""
    with _common.temporary_home("cc-bench-imports-") as home:
        env = _common.child_env(home, TEXTUAL_DRIVER=_common.HEADLESS_ENV["TEXTUAL_DRIVER"])
        for which in ("ours", "bare"):
            run_child(command("first-frame", which), env=env, cwd=home)  # bytecode, cache
        runs = [(import_times("ours", env), import_times("bare", env)) for _ in range(5)]
    bare_modules = set(runs[0][1])
    only = sorted(set(runs[0][0]) - bare_modules)
    own = {m: statistics.median(r[0].get(m, (0, 0))[0] for r in runs) / 1000 for m in only}
    groups: dict[str, float] = {}
    for module, ms in own.items():
        top_name = module.split(".")[0]
        group = ".".join(module.split(".")[:2]) if top_name == "closeness_cards" else top_name
        groups[group] = groups.get(group, 0.0) + ms
    totals = [sum(r[0][m][0] for m in r[0]) / 1000 for r in runs]
    bare_totals = [sum(r[1][m][0] for m in r[1]) / 1000 for r in runs]
    print(
        f"imports (-X importtime, median of 5): ours {statistics.median(totals):.1f} ms, "
        f"bare {statistics.median(bare_totals):.1f} ms; {len(only)} modules only in ours, "
        f"{sum(own.values()):.1f} ms of their own"
    )
    print("by package (ms):")
    for group, ms in sorted(groups.items(), key=lambda item: -item[1]):
        print(f"  {ms:7.2f}  {group}")
    print(f"slowest {top} modules only ours imports (ms, own time):")
    for module, ms in sorted(own.items(), key=lambda item: -item[1])[:top]:
        print(f"  {ms:7.2f}  {module}")


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print; exit 0 when the runs completed (a missed target is printed)."""
    parser = _common.parser(__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, help="measured A/B pairs (default 20, quick 5)")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured pairs first")
    parser.add_argument(
        "--imports", action="store_true", help="also list the imports ours adds (-X importtime)"
    )
    options = parser.parse_args(argv)
    pairs = options.pairs or (5 if options.quick else 20)
    print_header(
        "closeness-cards start-up benchmark: process start -> play screen's first frame -> quit",
        f"ours: python -m closeness_cards {' '.join(PLAY_ARGS)}; bare: benchmarks/bare_app.py; "
        f"headless driver; per mode {options.warmup} warm-up + {pairs} pairs (A B)",
    )
    report(measure(pairs, options.warmup))
    if options.imports:
        report_imports()
    return 0


if __name__ == "__main__":
    sys.exit(main())
