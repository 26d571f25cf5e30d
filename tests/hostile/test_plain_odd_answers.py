"""Odd answers in plain mode: Unicode digits, huge numbers, bytes that are not UTF-8, NUL
and very long lines are asked again with a reason; nothing crashes and nothing hangs."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from closeness_cards.core.cards import Deck, Stage
from closeness_cards.core.library import Library
from closeness_cards.plain import run_plain
from closeness_cards.plain.setup import choose
from closeness_cards.table import Choices, Table
from closeness_cards.table.memory import memory_ports
from support import REPO, make_cards

ODD = ["²", "٣", "9" * 5000, "\udcff", "\x00", "x" * 1_000_000, "0", "+1", "1.0"]
"""Answers a number question must ask again: a superscript and an Arabic-Indic digit
(``str.isdigit`` says yes to both), 5,000 digits, a byte that was not UTF-8 (read with
surrogateescape), NUL, a line of a million characters, and numbers out of range."""


def play(lines: list[str], choices: Choices | None = None) -> str:
    """Run plain mode on these lines (then end of input); what it printed."""
    library = Library((Deck("test", "Test deck", tuple(make_cards(10))),))
    table = Table(library, memory_ports(notice=None))
    out = io.StringIO()
    stdin = io.StringIO("".join(line + "\n" for line in lines))
    code = run_plain(table, choices=choices, stdin=stdin, stdout=out, defaults=Choices(seed=3))
    assert code == 0
    return out.getvalue()


class Script:
    """An asker that answers from a list and keeps what was said."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.said: list[str] = []

    def say(self, *lines: str) -> None:
        self.said.extend(lines)

    def ask(self, prompt: str) -> str:
        return self.answers.pop(0)


def test_choose_asks_again_after_every_odd_number() -> None:
    script = Script([*ODD, "2"])
    chosen = choose(script, "Stage", [(stage, stage.value, ()) for stage in Stage], Stage.DATING)
    assert chosen is Stage.EARLY
    reasons = [line for line in script.said if line.startswith("Please")]
    assert len(reasons) == len(ODD)


def test_setup_and_check_in_ask_again_with_a_reason() -> None:
    names = ["\udcffAna, Ben", "Ana\x00, Ben", "x" * 1_000_000, "Ana, Ben"]
    stage = [*ODD, "1"]
    check_in = [*ODD, "5", "٧", "7"]
    out = play([*names, *stage, "", "", *check_in, "q", "q", "", ""])
    assert out.count("Player names") == 4
    assert "Sorry, that line was not readable text" in out
    assert "a player name holds a control character" in out
    assert "too long" in out
    assert out.count("Stage, by number or name") == len(ODD) + 1
    assert "Please write the number in the digits 0 to 9" in out
    assert out.count("Ana, how close do you feel (1-7)? ") == len(ODD) + 2  # and after
    assert out.count("Ben, how close do you feel (1-7)? ") == 3
    assert "Card 1 of 6" in out and "Session ended." in out
    assert "Closeness (1–7): Ana 5 before · Ben 7 before" in out


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_line_ends_the_game_instead_of_filling_memory(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "CLOSENESS_CARDS_HOME": str(tmp_path),
        "PYTHONPATH": str(REPO / "src"),
    }
    with open("/dev/zero", "rb") as zeros:  # NUL after NUL, and never a line end
        result = subprocess.run(
            [sys.executable, "-m", "closeness_cards", "play", "--plain"],
            stdin=zeros,
            capture_output=True,
            env=environment,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").rstrip().endswith("Stopped.")


def test_raw_bytes_on_stdin_are_asked_again(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "CLOSENESS_CARDS_HOME": str(tmp_path),
        "PYTHONPATH": str(REPO / "src"),
        "PYTHONIOENCODING": "utf-8",  # strict, as under most UTF-8 locales
    }
    names = b"Ana\xff, Ben\n\xc3\n\x00\n" + b"9" * 5000 + b"\nAna, Ben\n"
    answers = names + b"\n" * 5 + b"q\nq\n" + b"\n" * 2  # setup, check-ins, quit
    result = subprocess.run(
        [sys.executable, "-m", "closeness_cards", "play", "--plain", "--seed", "1"],
        input=answers,
        capture_output=True,
        env=environment,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    out = result.stdout.decode("utf-8")
    assert out.count("Sorry, that line was not readable text") == 2  # 0xFF, and a lone 0xC3
    assert "Please" in out and "Session ended." in out
