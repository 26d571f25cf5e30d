"""The benchmark scripts still run: each in its smallest configuration, timing nothing."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], ModuleType]:
    """Import a benchmark script the way it imports ``_common``: from its own folder."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    return importlib.import_module


def test_stats_and_percentile(bench: Callable[[str], ModuleType]) -> None:
    common = bench("_common")
    s = common.stats([5.0, 1.0, 3.0, 2.0, 4.0])
    assert (s.median, s.low, s.high, s.count) == (3.0, 1.0, 5.0, 5)
    assert common.percentile(list(range(1, 101)), 0.95) == 95
    assert common.percentile([7.0], 0.95) == 7.0


def test_child_runs_are_timed_and_a_hung_one_is_killed(bench: Callable[[str], ModuleType]) -> None:
    common = bench("_common")
    run = common.run_child([sys.executable, "-c", "pass"])
    assert run.returncode == 0 and run.seconds > 0 and run.max_rss_kib > 1000
    with pytest.raises(common.ChildFailed, match="ran past"):
        common.run_child([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)


def test_startup_one_pair_of_each_figure(
    bench: Callable[[str], ModuleType], capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench("bench_startup").main(["--pairs", "1", "--warmup", "0"]) == 0
    out = capsys.readouterr().out
    for figure in bench("bench_startup").FIGURES:
        assert f"{figure.name}: ours / bare" in out
    assert "peak memory: ours / bare" in out


def test_commands_one_pair(
    bench: Callable[[str], ModuleType], capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench("bench_commands").main(["--pairs", "1", "--warmup", "0"]) == 0
    out = capsys.readouterr().out
    assert "deal --json: ours / baseline" in out and "history --json (empty): ours" in out


def test_history_small(
    bench: Callable[[str], ModuleType], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--sessions", "150", "--favourites", "120", "--rounds", "1"]
    assert bench("bench_history").main(args) == 0
    out = capsys.readouterr().out
    assert "HistoryScreen 150 / 100" in out and "FavouritesScreen 120 / 100" in out
    assert "history --json, peak RSS" in out


def test_keypress_two_presses(
    bench: Callable[[str], ModuleType], capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench("bench_keypress").main(["--presses", "2", "--warmup", "0", "--timeout", "30"]) == 0
    out = capsys.readouterr().out
    assert "2 presses: median" in out


def test_deal_small(bench: Callable[[str], ModuleType], capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--cards", "400", "--sessions", "30", "--rounds", "1"]
    assert bench("bench_deal").main(args) == 0
    out = capsys.readouterr().out
    assert "450 plays" in out and "together: last_seen + plan_deal" in out


def test_pipx_measures_pairs_and_skips_without_pipx(
    bench: Callable[[str], ModuleType],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    module = bench("bench_pipx")
    quick = [sys.executable, "-c", "pass"]
    first, second = module.measure_pairs(quick, quick, 1)
    module.report(first, second)
    assert "difference of medians" in capsys.readouterr().out
    monkeypatch.setattr(module, "pipx_command", lambda: None)
    assert module.main([]) == 0
    assert "SKIPPED: pipx is not installed" in capsys.readouterr().out


def test_run_all_knows_every_script(bench: Callable[[str], ModuleType]) -> None:
    run_all = bench("run_all")
    for name in run_all.SCRIPTS:
        script = BENCHMARKS / name
        assert script.exists(), f"{name} is listed but missing"
        assert run_all.quick_args(script), f"{name} has no quick configuration"
    mine = (
        "bench_startup.py",
        "bench_commands.py",
        "bench_history.py",
        "bench_keypress.py",
        "bench_deal.py",
        "bench_pipx.py",
    )
    assert all((BENCHMARKS / name).exists() for name in mine)
