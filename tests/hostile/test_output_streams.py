"""Output never crashes: encodings that cannot show a card, broken pipes, full disks, closed
streams. Each ends in output with replacements, a quiet exit, or one line and exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO

EMOJI_DECK = """\
schema: 1
id: smiles
title: Smiles 😀 and cafés
stages: [any]
cards:
  - {id: q1, text: "What made you smile 😀 today, and why?", depth: 1}
  - {id: q2, text: "Which café would you take me to, and why?", depth: 2}
  - {id: q3, text: "What are you still learning to forgive? 🌱", depth: 3}
  - {id: c1, kind: closing, text: "Each say one thing you will keep 💛.", depth: 1}
"""

PLAY = ["play", "--plain", "--stage", "dating", "--seed", "2", "--no-wildcards"]


def program(
    *args: str,
    home: Path,
    stdin: str | None = None,
    shell: str = "",
    stdout: int | None = subprocess.PIPE,
    **env: str,
) -> subprocess.CompletedProcess[bytes]:
    """Run closeness-cards in a child process; ``shell`` redirects its streams (``>&-``)."""
    environment = {
        **os.environ,
        "CLOSENESS_CARDS_HOME": str(home),
        "PYTHONPATH": str(REPO / "src"),
        **env,
    }
    command = [sys.executable, "-m", "closeness_cards", *args]
    if shell:
        command = ["sh", "-c", f'exec "$@" {shell}', "sh", *command]
    return subprocess.run(
        command,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment,
        timeout=60,
        input=None if stdin is None else stdin.encode(),
        stdin=subprocess.DEVNULL if stdin is None else None,
    )


def one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    """The one line on stderr (asserted so), as text."""
    error = result.stderr.decode("utf-8", "replace")
    assert len(error.splitlines()) == 1, error
    assert error.startswith("closeness-cards: ") and "Traceback" not in error
    return error


@pytest.fixture
def emoji_deck(tmp_path: Path) -> Path:
    deck = tmp_path / "data" / "decks" / "smiles.yaml"
    deck.parent.mkdir(parents=True)
    deck.write_text(EMOJI_DECK, encoding="utf-8")
    return deck


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_encoding_without_emoji_prints_replacements(
    encoding: str, emoji_deck: Path, tmp_path: Path
) -> None:
    narrow = {"PYTHONIOENCODING": encoding}
    deck = ["--deck", str(emoji_deck)]
    runs = [
        program("deal", "--stage", "dating", *deck, home=tmp_path, **narrow),
        program("decks", "show", "smiles", home=tmp_path, **narrow),
        program("decks", "list", home=tmp_path, **narrow),
        program(
            *PLAY, *deck, "--players", "Zoë 😀", "Ben", home=tmp_path, stdin="f\n" * 9, **narrow
        ),
        program("history", home=tmp_path, **narrow),
        program("favourites", home=tmp_path, **narrow),
    ]
    for result in runs:
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr
        out = result.stdout.decode(encoding)
        assert "\\U0001f600" in out or "\\U0001f49b" in out, out


def test_a_broken_pipe_ends_quietly(emoji_deck: Path, tmp_path: Path) -> None:
    reading, writing = os.pipe()
    os.close(reading)  # the reader left before the first line, as `| head -0` does
    try:
        for args in (
            ["deal", "--stage", "dating", "--shape", "three-sets"],
            ["decks", "show", "dating"],
            ["decks", "list", "--json"],
            ["--help"],
        ):
            result = program(*args, home=tmp_path, stdout=writing)
            assert result.returncode == 0, args
            assert result.stderr == b"", args
    finally:
        os.close(writing)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["deal", "--stage", "dating"],
        ["deal", "--stage", "dating", "--json"],
        ["decks", "show", "dating"],
        ["decks", "validate", str(REPO / "decks" / "dating.yaml")],
        ["history"],
        ["--version"],
    ],
)
def test_a_full_disk_is_one_line_and_exit_1(args: list[str], tmp_path: Path) -> None:
    result = program(*args, home=tmp_path, shell=">/dev/full")
    assert result.returncode == 1
    one_line(result)


def test_a_closed_stdout_is_one_line_and_exit_1(tmp_path: Path) -> None:
    for args in (["deal", "--stage", "dating"], ["decks", "list"], ["history"]):
        result = program(*args, home=tmp_path, shell=">&-")
        assert result.returncode == 1, args
        one_line(result)
    plain = program(*PLAY, home=tmp_path, stdin="\n" * 9, shell=">&-")
    assert plain.returncode == 1
    one_line(plain)
    # The history opened while stdout was closed did not take its place: it is intact.
    history = program("history", "--json", home=tmp_path)
    assert history.returncode == 0 and history.stderr == b""


def test_a_closed_stdin_is_one_line_for_plain_mode_and_no_matter_elsewhere(
    tmp_path: Path,
) -> None:
    plain = program(*PLAY, home=tmp_path, shell="<&-")
    assert plain.returncode == 1
    one_line(plain)
    assert plain.stdout == b""
    deal = program("deal", "--stage", "dating", home=tmp_path, shell="<&-")
    assert deal.returncode == 0 and b"Seed" in deal.stdout
    forget = program("forget", "--all", home=tmp_path, shell="<&-")
    assert forget.returncode in (0, 2)
    assert b"Traceback" not in forget.stderr


def test_a_closed_stderr_changes_no_exit_code(tmp_path: Path) -> None:
    bad = program("deal", "--stage", "dreaming", home=tmp_path, shell="2>&-")
    assert bad.returncode == 2 and bad.stdout == b""
    good = program("deal", "--stage", "dating", home=tmp_path, shell="2>&-")
    assert good.returncode == 0 and b"Seed" in good.stdout
