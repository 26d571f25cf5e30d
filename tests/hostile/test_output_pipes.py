"""A reader that leaves early (`| head`) ends every command quietly, with exit 0."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from closeness_cards.store.db import open_database
from closeness_cards.store.favourites import add_favourite
from closeness_cards.store.history import start_session
from support.store import SRC

T0 = datetime(2026, 1, 1, 20, 0, tzinfo=timezone.utc)


def a_long_history() -> None:
    """More than a pipe's buffer of history and favourites, so the writer meets the EPIPE."""
    with open_database() as db:
        for n in range(400):
            start_session(
                db,
                players=["Ana", "Ben"],
                stage="dating",
                shape="quick",
                depth="rise",
                seed=n,
                decks=["dating"],
                options={},
                plan_json="{}",
                started_at=T0 + timedelta(days=n),
            )
            add_favourite(
                db,
                card_id=f"d/c{n}",
                deck_id="d",
                text=f"A favourite card number {n} with some words to fill the pipe up.",
                follow_up=None,
                stages=["dating"],
                depth=1,
                at=T0,
            )


@pytest.mark.parametrize(
    "command", [["history"], ["history", "--json"], ["favourites"], ["favourites", "--json"]]
)
def test_a_reader_that_leaves_early_ends_the_command_quietly(
    private_home: Path, command: list[str]
) -> None:
    a_long_history()
    child = subprocess.Popen(
        [sys.executable, "-m", "closeness_cards", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(10)  # as `head -c 10`: read a little, then go
    child.stdout.close()
    errors = child.stderr.read()
    assert child.wait(timeout=60) == 0
    assert errors == b""
