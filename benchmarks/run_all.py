"""Run every benchmark script, one after another, and sum up their verdicts.

Run from the repository root, with the project installed::

    .venv/bin/python benchmarks/run_all.py [--quick] [--only NAME ...]

Each script runs in its own process with this Python, printing as it goes; the lines that
state a target are gathered again at the end. A script that fails or runs past its time
limit is reported and the others still run; the exit code is 1 when any script failed.
Nothing here is a test: a missed target is printed, not failed on.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = (
    "bench_startup.py",
    "bench_commands.py",
    "bench_history.py",
    "bench_keypress.py",
    "bench_deal.py",
    "bench_pipx.py",
    "bench_store.py",
    "bench_decks.py",
)
"""In this order; scripts not (yet) in the folder are skipped."""
QUICK_FALLBACK = {
    "bench_store.py": ["--rounds", "2", "--plays", "50"],
    "bench_decks.py": ["--rounds", "3"],
}
"""Fewer rounds for the scripts that have no ``--quick`` flag of their own."""
TIME_LIMIT = 900.0
"""Seconds one script may run before it is stopped."""
VERDICT_WORDS = ("target", "pass", "MISS", "SKIPPED", "<=")


@dataclass
class Outcome:
    """What one script did."""

    name: str
    returncode: int = 0
    seconds: float = 0.0
    verdicts: list[str] = field(default_factory=list)


def quick_args(script: Path) -> list[str]:
    """The arguments that make ``script`` quick."""
    if "--quick" in script.read_text(encoding="utf-8"):
        return ["--quick"]
    return QUICK_FALLBACK.get(script.name, [])


def run_script(script: Path, args: Sequence[str]) -> Outcome:
    """Run one script, echoing its output, and keep the lines that state a target."""
    outcome = Outcome(script.name)
    command = [sys.executable, str(script), *args]
    print(f"\n=== {' '.join([Path(sys.executable).name, *command[1:]])}", flush=True)
    began = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=HERE.parent,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    killer = threading.Timer(TIME_LIMIT, process.kill)
    killer.start()
    try:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            if any(word in line for word in VERDICT_WORDS) and not line.startswith("measure ("):
                outcome.verdicts.append(line.strip())
        outcome.returncode = process.wait()
    finally:
        killer.cancel()
    outcome.seconds = time.perf_counter() - began
    return outcome


def main(argv: Sequence[str] | None = None) -> int:
    """Run the scripts and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds in every script")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="e.g. startup deal")
    options = parser.parse_args(argv)
    chosen = [HERE / name for name in SCRIPTS if (HERE / name).exists()]
    if options.only:
        chosen = [s for s in chosen if any(word in s.stem for word in options.only)]
    outcomes = [run_script(s, quick_args(s) if options.quick else []) for s in chosen]
    print("\n=== summary")
    for outcome in outcomes:
        state = "ran" if outcome.returncode == 0 else f"exit {outcome.returncode}"
        print(f"{outcome.name:<20} {state:<8} {outcome.seconds:7.1f} s")
        for line in outcome.verdicts:
            print(f"    {line}")
    missing = [name for name in SCRIPTS if not (HERE / name).exists()]
    if missing:
        print(f"not present: {', '.join(missing)}")
    return 0 if all(o.returncode == 0 for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
