"""Shared helpers for the benchmark scripts: timing, statistics, child processes, the machine."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = REPO / "benchmarks"
HEADLESS_ENV = {
    "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    "TEXTUAL_PRESS": "ctrl+q",
}
"""Run a Textual app without a terminal and quit it as soon as it is ready."""


@dataclass(frozen=True)
class Stats:
    """The spread of a set of samples."""

    median: float
    low: float
    high: float
    p95: float
    count: int


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest sample with ``fraction`` of them at or below."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil without importing math
    return ordered[int(rank) - 1]


def stats(samples: Sequence[float]) -> Stats:
    """Median, min, max and 95th percentile of ``samples`` (at least one)."""
    if not samples:
        raise ValueError("no samples")
    return Stats(
        statistics.median(samples),
        min(samples),
        max(samples),
        percentile(samples, 0.95),
        len(samples),
    )


def timed_ms(action: Callable[[], T]) -> tuple[float, T]:
    """Run ``action``; return how long it took in milliseconds, and its result."""
    began = time.perf_counter()
    result = action()
    return (time.perf_counter() - began) * 1000, result


def verdict(met: bool) -> str:
    """The word printed after a figure and its target."""
    return "pass" if met else "MISS"


def table_head(unit: str, width: int = 46) -> str:
    """The header of a results table."""
    head = f"{'measure (' + unit + ')':<{width}} {'median':>10} {'min':>10} {'max':>10}"
    return f"{head}\n{'-' * (width + 33)}"


def stats_row(name: str, samples: Sequence[float], note: str = "", width: int = 46) -> str:
    """One line of a results table: median, min and max of ``samples``."""
    s = stats(samples)
    return f"{name:<{width}} {s.median:>10.3f} {s.low:>10.3f} {s.high:>10.3f}  {note}".rstrip()


def machine_line() -> str:
    """Python, Textual, CPU and memory of this machine, on one line."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                ram = f", {int(line.split()[1]) / 1024**2:.0f} GiB RAM"
                break
    except OSError:
        pass
    try:
        textual = metadata.version("textual")
    except metadata.PackageNotFoundError:
        textual = "not installed"
    return (
        f"Python {platform.python_version()}, Textual {textual}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs ({cpu}){ram}"
    )


def print_header(title: str, detail: str = "") -> None:
    """Print what is measured and on what machine."""
    print(title)
    print(machine_line())
    if detail:
        print(detail)
    print()


def parser(description: str) -> argparse.ArgumentParser:
    """An argument parser with the ``--quick`` flag every script takes."""
    made = argparse.ArgumentParser(description=description)
    made.add_argument("--quick", action="store_true", help="fewer rounds, for a fast check")
    return made


@contextmanager
def temporary_home(prefix: str) -> Iterator[Path]:
    """Point CLOSENESS_CARDS_HOME at a new temporary folder for the duration; then remove it."""
    before = os.environ.get("CLOSENESS_CARDS_HOME")
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        os.environ["CLOSENESS_CARDS_HOME"] = folder
        try:
            yield Path(folder)
        finally:
            if before is None:
                os.environ.pop("CLOSENESS_CARDS_HOME", None)
            else:
                os.environ["CLOSENESS_CARDS_HOME"] = before


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a measured child process: this one, with data and bytecode in ``home``.

    Bytecode is written (and read back) under ``home`` even when PYTHONDONTWRITEBYTECODE is
    set here: without it every run would compile the project from source, which no
    installed copy does, and the comparison with a baseline read from bytecode would be
    unfair. The warm-up runs write it.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["CLOSENESS_CARDS_HOME"] = str(home)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    env.update(extra)
    return env


@dataclass(frozen=True)
class ChildRun:
    """One finished child process: wall time, peak memory and exit code."""

    seconds: float
    max_rss_kib: int
    returncode: int


class ChildFailed(RuntimeError):
    """A measured command exited non-zero or ran past its time limit."""


def run_child(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60.0,
) -> ChildRun:
    """Run ``argv`` to the end; time it from spawn to reaping and read its peak RSS.

    ``env`` is the child's whole environment (by default this process's).

    ``os.wait4`` reaps the child itself, so the rusage is that one process's (not the
    sum of every child this benchmark has waited for, as ``RUSAGE_CHILDREN`` would be).

    Raises:
        ChildFailed: The command failed or took longer than ``timeout`` seconds.
    """
    with tempfile.TemporaryFile() as errors:
        began = time.perf_counter()
        process = subprocess.Popen(
            list(argv),
            env=dict(os.environ if env is None else env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        # A hung child is killed, so a benchmark (or the smoke test) can never hang.
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: tell Popen
        if process.returncode != 0:
            errors.seek(0)
            tail = errors.read()[-2000:].decode("utf-8", "replace")
            why = f"ran past {timeout:g} s" if seconds >= timeout else "failed"
            raise ChildFailed(
                f"{' '.join(argv)} {why} (exit {process.returncode}):\n{tail}".rstrip()
            )
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return ChildRun(seconds, rss, process.returncode)
