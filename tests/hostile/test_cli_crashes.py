"""A crash is never exit 0 and, outside the full-screen game, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import REPO

CRASHING = """
import sys
from closeness_cards.tui.app import CardsApp

def crash(self):
    raise RuntimeError("a bug in a screen")

CardsApp.on_mount = crash
sys.argv = ["closeness-cards", *sys.argv[1:]]
from closeness_cards._entry import run

raise SystemExit(run())
"""


def game(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "CLOSENESS_CARDS_HOME": str(tmp_path),
        "PYTHONPATH": str(REPO / "src"),
        "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    }
    return subprocess.run(
        [sys.executable, "-c", script, "play", "--stage", "friends", "--seed", "1"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_a_crash_in_the_tui_exits_1(tmp_path: Path) -> None:
    result = game(CRASHING, tmp_path)
    assert result.returncode == 1, result.stderr
    assert "a bug in a screen" in result.stdout + result.stderr


BUGGY = """
import sys
import closeness_cards.cli.commands as commands

def bug(args):
    raise OverflowError("a bug with \\x1b[2J in its message")

commands.run_deal = bug
sys.argv = ["closeness-cards", "deal", "--stage", "dating"]
from closeness_cards._entry import run

raise SystemExit(run())
"""


def test_a_bug_anywhere_else_is_one_line_and_exit_1(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "CLOSENESS_CARDS_HOME": str(tmp_path),
        "PYTHONPATH": str(REPO / "src"),
    }
    result = subprocess.run(
        [sys.executable, "-c", BUGGY], capture_output=True, text=True, env=environment, timeout=60
    )
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "OverflowError" in result.stderr and "\x1b" not in result.stderr
    developing = subprocess.run(
        [sys.executable, "-X", "dev", "-c", BUGGY],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert developing.returncode == 1
    assert "Traceback" in developing.stderr  # python -X dev shows where the bug is
