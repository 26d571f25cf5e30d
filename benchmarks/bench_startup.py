"""Benchmark start-up: spawn to the first frame of the play and setup screens, and a first run.

Run from the repository root, with the project installed::

    .venv/bin/python benchmarks/bench_startup.py [--pairs N] [--quick] [--imports]

Every figure is a ratio against the bare Textual app of ``bare_app.py`` (Header, Static,
Footer), taken pair by pair (ours, bare, ours, bare ...) after a warm-up, so drift on a
shared machine hits both alike. Both sides run under the same few lines (``_frames.SHIM``):
the collector paused from the first line, frozen and turned back on after the first frame,
as the game does; the moment the wanted screen composes its first frame is the end, and
leaving is never timed.

* ``inside``: Textual's headless driver; the program writes down the moment itself.
* ``terminal``: the real driver in a pseudo-terminal (100x30); the end is the moment this
  script reads the frame's last byte (a marker written right after the frame).
* ``first run``: the setup screen with no database and no deck cache (a new data folder
  each run; Python's bytecode is kept, as an installed copy has it).

Peak memory is each child's ``ru_maxrss`` (``os.wait4``). Everything is written under a
temporary CLOSENESS_CARDS_HOME, Python's bytecode included.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import _common
import _frames
from _common import print_header, stats, stats_row, table_head, verdict

PLAY_ARGS = ("play", "--stage", "dating", "--players", "Ana", "Ben", "--seed", "1")
SETUP_ARGS = ("play", "--players", "Ana", "Ben")
BARE = (str(_common.BENCHMARKS / "bare_app.py"), "Screen", ())
IMPORT_LINE = re.compile(
    r"import time:\s+(?P<self>\d+) \|\s+(?P<cumulative>\d+) \|\s*(?P<module>\S+)"
)


@dataclass(frozen=True)
class Figure:
    """One comparison: our program to a screen, the bare app, how, and the target."""

    name: str
    screen: str
    args: tuple[str, ...]
    how: str
    """"inside" or "terminal"."""
    target: float
    fresh: bool = False
    """A new data folder for every run of ours (no database, no deck cache)."""
    memory_target: float | None = None


FIGURES = (
    Figure("play screen, inside", "PlayScreen", PLAY_ARGS, "inside", 1.15, memory_target=1.25),
    Figure("play screen, in a terminal", "PlayScreen", PLAY_ARGS, "terminal", 1.30),
    Figure("setup screen, inside", "SetupScreen", SETUP_ARGS, "inside", 1.25),
    Figure("setup screen, in a terminal", "SetupScreen", SETUP_ARGS, "terminal", 1.40),
    Figure("first run: setup, no cache or database", "SetupScreen", SETUP_ARGS, "inside",
           1.30, fresh=True),
)  # fmt: skip


@dataclass(frozen=True)
class Result:
    """Every measured pair of one figure."""

    figure: Figure
    ours: list[_frames.FrameRun]
    bare: list[_frames.FrameRun]

    @property
    def ratios(self) -> list[float]:
        """Ours / bare time, pair by pair."""
        return [a.ms / b.ms for a, b in zip(self.ours, self.bare, strict=True)]

    @property
    def rss_ratios(self) -> list[float]:
        """Ours / bare peak RSS, pair by pair."""
        return [a.max_rss_kib / b.max_rss_kib for a, b in zip(self.ours, self.bare, strict=True)]


def measure(figure: Figure, home: Path, pairs: int, warmup: int) -> Result:
    """``warmup`` unmeasured pairs, then ``pairs`` measured ones (A B A B)."""
    env = _common.child_env(home, TEXTUAL_DRIVER=_common.HEADLESS_ENV["TEXTUAL_DRIVER"])
    run: Callable[..., _frames.FrameRun] = (
        _frames.inside if figure.how == "inside" else _frames.in_terminal
    )
    ours_argv = _frames.shim_command("closeness_cards", figure.screen, figure.args)
    bare_argv = _frames.shim_command(BARE[0], BARE[1])

    def ours_once() -> _frames.FrameRun:
        if not figure.fresh:
            return run(ours_argv, env, home)
        data = home / "first-run"
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir()
        return run(ours_argv, {**env, "CLOSENESS_CARDS_HOME": str(data)}, home)

    for _ in range(warmup):  # bytecode, the database and the deck cache; the OS file cache
        ours_once()
        run(bare_argv, env, home)
    ours, bare = [], []
    for _ in range(pairs):
        ours.append(ours_once())
        bare.append(run(bare_argv, env, home))
    return Result(figure, ours, bare)


def report(results: Sequence[Result]) -> bool:
    """Print one table a figure; return whether every target was met."""
    met = True
    for result in results:
        figure = result.figure
        ratio = stats(result.ratios).median
        ok = ratio <= figure.target
        print(f"[{figure.name}]")
        print(table_head("ms, spawn to first frame"))
        print(stats_row("ours", [r.ms for r in result.ours]))
        print(stats_row("bare Textual app, same way", [r.ms for r in result.bare]))
        note = f"target <= {figure.target:g}x  {verdict(ok)}"
        print(stats_row(f"{figure.name}: ours / bare", result.ratios, note))
        if figure.memory_target is not None:
            rss = stats(result.rss_ratios).median
            rss_ok = rss <= figure.memory_target
            print(stats_row("ours, peak RSS (MiB)", [r.max_rss_kib / 1024 for r in result.ours]))
            print(stats_row("bare, peak RSS (MiB)", [r.max_rss_kib / 1024 for r in result.bare]))
            rss_note = f"target <= {figure.memory_target:g}x  {verdict(rss_ok)}"
            print(stats_row("peak memory: ours / bare", result.rss_ratios, rss_note))
            ok = ok and rss_ok
        print()
        met = met and ok
    return met


def import_times(argv: list[str], env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """One run under ``-X importtime``: module to (self, cumulative) microseconds."""
    argv = [argv[0], "-X", "importtime", *argv[1:]]
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
    ours_argv = _frames.shim_command("closeness_cards", "PlayScreen", PLAY_ARGS)
    bare_argv = _frames.shim_command(BARE[0], BARE[1])
    with _common.temporary_home("cc-bench-imports-") as home:
        env = _common.child_env(home, TEXTUAL_DRIVER=_common.HEADLESS_ENV["TEXTUAL_DRIVER"])
        _frames.inside(ours_argv, env, home)  # bytecode, cache
        _frames.inside(bare_argv, env, home)
        runs = [(import_times(ours_argv, env), import_times(bare_argv, env)) for _ in range(5)]
    bare_modules = set(runs[0][1])
    only = sorted(set(runs[0][0]) - bare_modules)
    own = {m: statistics.median(r[0].get(m, (0, 0))[0] for r in runs) / 1000 for m in only}
    groups: dict[str, float] = {}
    for module, ms in own.items():
        top_name = module.split(".")[0]
        group = ".".join(module.split(".")[:2]) if top_name == "closeness_cards" else top_name
        groups[group] = groups.get(group, 0.0) + ms
    totals = [sum(t[0] for t in r[0].values()) / 1000 for r in runs]
    bare_totals = [sum(t[0] for t in r[1].values()) / 1000 for r in runs]
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
    parser.add_argument("--pairs", type=int, help="measured A/B pairs (default 15, quick 5)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured pairs first")
    parser.add_argument("--only", nargs="+", metavar="WORD", help="figures whose name has WORD")
    parser.add_argument(
        "--imports", action="store_true", help="also list the imports ours adds (-X importtime)"
    )
    options = parser.parse_args(argv)
    pairs = options.pairs or (5 if options.quick else 15)
    chosen = [f for f in FIGURES if not options.only or any(w in f.name for w in options.only)]
    print_header(
        "closeness-cards start-up benchmark: spawn -> a screen's first frame (leaving not timed)",
        f"ours: python -m closeness_cards {' '.join(PLAY_ARGS)} (play) or "
        f"{' '.join(SETUP_ARGS)} (setup); bare: benchmarks/bare_app.py; both under the same "
        f"collector trick; per figure {options.warmup} warm-up + {pairs} pairs (A B)",
    )
    with _common.temporary_home("cc-bench-startup-") as home:
        results = [measure(figure, home, pairs, options.warmup) for figure in chosen]
    report(results)
    if options.imports:
        report_imports()
    return 0


if __name__ == "__main__":
    sys.exit(main())
