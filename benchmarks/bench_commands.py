"""Benchmark the commands without a screen: ``deal --json`` and ``history --json`` (empty).

Run from the repository root, with the project installed::

    .venv/bin/python benchmarks/bench_commands.py [--pairs N] [--quick]

Each command is a whole process, spawn to reaping, with its output thrown away. The
baseline is ``python -c "import json, sqlite3"``, the two modules any such command needs,
run with the same collector trick the command line uses (paused, then frozen and turned
back on). Runs alternate (ours, baseline, ours, baseline ...) after a warm-up that writes
the bytecode and the deck cache; the ratio is taken pair by pair. The history is empty: no
session was ever played in the temporary CLOSENESS_CARDS_HOME.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import _common
from _common import print_header, run_child, stats, stats_row, table_head, verdict

TARGET = 1.5
"""Our wall time / the baseline's, at most (median of pair ratios)."""
BASELINE = [
    sys.executable,
    "-c",
    "import gc; gc.disable(); import json, sqlite3; gc.freeze(); gc.enable()",
]
COMMANDS = {
    "deal --json": [
        "deal",
        "--stage",
        "dating",
        "--players",
        "Ana",
        "Ben",
        "--seed",
        "1",
        "--json",
    ],
    "history --json (empty)": ["history", "--json"],
}


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print; exit 0 when the runs completed (a missed target is printed)."""
    parser = _common.parser(__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, help="measured pairs (default 20, quick 6)")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured pairs first")
    options = parser.parse_args(argv)
    pairs = options.pairs or (6 if options.quick else 20)
    print_header(
        "closeness-cards commands benchmark: spawn -> exit, against python -c 'import json, "
        "sqlite3'",
        f"{options.warmup} warm-up + {pairs} pairs (A B) per command",
    )
    with _common.temporary_home("cc-bench-commands-") as home:
        env = _common.child_env(home)
        for name, args in COMMANDS.items():
            ours_argv = [sys.executable, "-m", "closeness_cards", *args]
            for _ in range(options.warmup):
                run_child(ours_argv, env=env, cwd=home)
                run_child(BASELINE, env=env, cwd=home)
            ours, base = [], []
            for _ in range(pairs):
                ours.append(run_child(ours_argv, env=env, cwd=home).seconds * 1000)
                base.append(run_child(BASELINE, env=env, cwd=home).seconds * 1000)
            ratios = [a / b for a, b in zip(ours, base, strict=True)]
            ratio = stats(ratios).median
            print(f"[{name}]")
            print(table_head("ms, spawn to exit"))
            print(stats_row(f"ours: closeness-cards {' '.join(args)}"[:46], ours))
            print(stats_row("python -c 'import json, sqlite3'", base))
            note = f"target <= {TARGET:g}x  {verdict(ratio <= TARGET)}"
            print(stats_row(f"{name}: ours / baseline", ratios, note))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
