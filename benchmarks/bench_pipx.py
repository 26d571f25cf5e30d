"""Benchmark ``pipx run --spec . closeness-cards --version`` with its environment cached.

Run from the repository root, with the project installed (and pipx, for this one)::

    .venv/bin/python benchmarks/bench_pipx.py [--pairs N] [--pipx-home DIR] [--quick]

The baseline is the installed command called directly (``closeness-cards --version`` next
to this Python). The first ``pipx run`` builds pipx's cached environment for the spec (it
installs the project and its dependencies: seconds to a minute), so it is a warm-up and not
measured. Runs then alternate (pipx, direct, pipx, direct ...). pipx keeps its
environments under PIPX_HOME, by default a folder inside the temporary CLOSENESS_CARDS_HOME,
so the real ~/.local/pipx is never touched; ``--pipx-home`` reuses one across runs. The
script says so and stops when pipx is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import _common
from _common import ChildRun, print_header, run_child, stats, stats_row, table_head, verdict

TARGET_SECONDS = 0.25
"""Median of pipx runs minus median of direct runs, at most."""
BUILD_TIMEOUT = 600.0
"""Seconds the first (building) pipx run may take."""


def pipx_command() -> list[str] | None:
    """How to call pipx (``python -m pipx``), or None when it is not installed."""
    command = [sys.executable, "-m", "pipx"]
    try:
        subprocess.run(
            [*command, "--version"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=True,
            timeout=60,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
        return None
    return command


def direct_command() -> list[str]:
    """The installed console script, next to this interpreter (else on PATH)."""
    beside = Path(sys.executable).with_name("closeness-cards")
    found = str(beside) if beside.exists() else shutil.which("closeness-cards")
    if found is None:
        raise SystemExit("closeness-cards is not installed: pip install -e . first")
    return [found, "--version"]


def measure_pairs(
    first: Sequence[str],
    second: Sequence[str],
    pairs: int,
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> tuple[list[ChildRun], list[ChildRun]]:
    """Run the two commands alternately ``pairs`` times (first, second, first, ...)."""
    a: list[ChildRun] = []
    b: list[ChildRun] = []
    for _ in range(pairs):
        a.append(run_child(first, env=env, cwd=cwd))
        b.append(run_child(second, env=env, cwd=cwd))
    return a, b


def report(pipx_runs: list[ChildRun], direct_runs: list[ChildRun]) -> bool:
    """Print the table; return whether the target was met."""
    pipx_ms = [r.seconds * 1000 for r in pipx_runs]
    direct_ms = [r.seconds * 1000 for r in direct_runs]
    difference = (stats(pipx_ms).median - stats(direct_ms).median) / 1000
    met = difference <= TARGET_SECONDS
    print(table_head("ms"))
    print(stats_row("pipx run --spec . (environment cached)", pipx_ms))
    print(stats_row("closeness-cards --version (direct)", direct_ms))
    print(
        stats_row(
            "difference, pair by pair", [a - b for a, b in zip(pipx_ms, direct_ms, strict=True)]
        )
    )
    print(
        stats_row(
            "ratio pipx / direct, pair by pair",
            [a / b for a, b in zip(pipx_ms, direct_ms, strict=True)],
        )
    )
    print(
        f"difference of medians: +{difference:.3f} s  target <= +{TARGET_SECONDS:g} s  "
        f"{verdict(met)}"
    )
    return met


def main(argv: Sequence[str] | None = None) -> int:
    """Warm pipx's cache, measure and print; exit 0 when measured or skipped."""
    parser = _common.parser(__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, help="measured pairs (default 10, quick 3)")
    parser.add_argument("--pipx-home", type=Path, help="keep pipx's environments here")
    options = parser.parse_args(argv)
    pairs = options.pairs or (3 if options.quick else 10)
    pipx = pipx_command()
    if pipx is None:
        print(f"SKIPPED: pipx is not installed ('{sys.executable} -m pipx --version' failed).")
        print("Install it (pip install pipx) to measure this figure.")
        return 0
    version = subprocess.run(
        [*pipx, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    ours = [*pipx, "run", "--spec", ".", "closeness-cards", "--version"]
    with _common.temporary_home("cc-bench-pipx-") as home:
        pipx_home = options.pipx_home or home / "pipx"
        env = _common.child_env(home, PIPX_HOME=str(pipx_home))
        print_header(
            "closeness-cards pipx benchmark: pipx run --spec . closeness-cards --version",
            f"pipx {version}, PIPX_HOME={pipx_home}; {pairs} pairs after the warm-up",
        )
        print("warm-up: the first pipx run builds the cached environment ...", flush=True)
        build = run_child(ours, env=env, cwd=_common.REPO, timeout=BUILD_TIMEOUT)
        print(f"warm-up took {build.seconds:.1f} s\n", flush=True)
        said = subprocess.run(
            ours,
            env=env,
            cwd=_common.REPO,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout.strip()
        if not said.startswith("closeness-cards "):
            raise SystemExit(f"pipx run printed {said!r}, not the version")
        run_child(direct_command(), env=env, cwd=_common.REPO)  # writes its bytecode
        pipx_runs, direct_runs = measure_pairs(
            ours, direct_command(), pairs, env=env, cwd=_common.REPO
        )
    report(pipx_runs, direct_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
