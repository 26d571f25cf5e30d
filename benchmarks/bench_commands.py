"""Benchmark the commands without a screen: ``deal --json`` and ``history --json`` (empty).

Run from the repository root, with the project installed::

    .venv/bin/python benchmarks/bench_commands.py [--pairs N] [--quick]

Each command is a whole process, spawn to reaping, with its output thrown away, started as
a player starts it: the installed ``closeness-cards`` script (``python -m closeness_cards``
only where there is none; ``-m`` adds ``runpy`` and its imports, which no script pays). The
baseline is ``python -c "import json, sqlite3"``, the two modules any such command needs,
run with the same collector trick the command line uses (paused, then frozen and turned
back on). Runs alternate (ours, baseline, ours, baseline ...) after a warm-up that writes
the bytecode and the deck cache; the ratio is taken pair by pair. The history is empty: no
session was ever played in the temporary CLOSENESS_CARDS_HOME.

The "platform folders" rows run the same commands as a player who never set
CLOSENESS_CARDS_HOME: HOME is the temporary folder, no XDG variable is set, and the game
asks platformdirs where its files go.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

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
PLATFORM = ", platformdirs"
"""Added to a command's name for its run without CLOSENESS_CARDS_HOME."""
WIDTH = 52
"""Characters of a row's name."""


def ours(args: Sequence[str]) -> list[str]:
    """The command line that runs closeness-cards with ``args``, as a player would."""
    script = Path(sys.executable).with_name("closeness-cards")
    if script.is_file():
        return [sys.executable, str(script), *args]
    return [sys.executable, "-m", "closeness_cards", *args]


def platform_env(env: dict[str, str], home: Path) -> dict[str, str]:
    """``env`` without CLOSENESS_CARDS_HOME or XDG folders: platformdirs finds ``home``."""
    kept = {
        k: v for k, v in env.items() if k != "CLOSENESS_CARDS_HOME" and not k.startswith("XDG_")
    }
    return {**kept, "HOME": str(home)}


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
        runs = [(name, args, env) for name, args in COMMANDS.items()]
        runs += [
            (name + PLATFORM, args, platform_env(env, home)) for name, args in COMMANDS.items()
        ]
        started = "python -m closeness_cards" if "-m" in ours([]) else "the closeness-cards script"
        print(f"ours: {started}")
        print()
        for name, args, child in runs:
            ours_argv = ours(args)
            for _ in range(options.warmup):
                run_child(ours_argv, env=child, cwd=home)
                run_child(BASELINE, env=child, cwd=home)
            mine, base = [], []
            for _ in range(pairs):
                mine.append(run_child(ours_argv, env=child, cwd=home).seconds * 1000)
                base.append(run_child(BASELINE, env=child, cwd=home).seconds * 1000)
            ratios = [a / b for a, b in zip(mine, base, strict=True)]
            ratio = stats(ratios).median
            print(f"[{name}]")
            print(table_head("ms, spawn to exit", WIDTH))
            print(stats_row(f"ours: closeness-cards {' '.join(args)}"[:WIDTH], mine, width=WIDTH))
            print(stats_row("python -c 'import json, sqlite3'", base, width=WIDTH))
            note = f"target <= {TARGET:g}x  {verdict(ratio <= TARGET)}"
            print(stats_row(f"{name}: ours / baseline", ratios, note, WIDTH))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
