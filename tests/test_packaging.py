"""The wheel: it carries the decks and the schema, and its installed command starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("closeness_cards-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def test_the_wheel_carries_every_deck_and_the_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    decks = sorted(p.name for p in (REPO / "decks").glob("*.yaml"))
    assert decks, "the repository has decks"
    for deck in decks:
        assert f"closeness_cards/decks/{deck}" in names
    assert "closeness_cards/tui/app.tcss" in names
    assert "closeness_cards/deck.schema.json" in names
    assert "closeness_cards/tui/screens/decks.tcss" in names


def _run(installed: Path, home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    command = installed / "bin" / "closeness-cards"
    return subprocess.run(
        [str(command), *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(installed), "CLOSENESS_CARDS_HOME": str(home), **env},
    )


def test_the_installed_command_uses_the_decks_inside_the_package(
    installed: Path, tmp_path: Path
) -> None:
    version = _run(installed, tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.startswith("closeness-cards ")
    listing = _run(installed, tmp_path, "decks", "list", "--json")
    assert listing.returncode == 0, listing.stderr
    sources = {deck["source"] for deck in json.loads(listing.stdout)["decks"]}
    assert sources and all(s.startswith(str(installed)) for s in sources)
    deal = _run(installed, tmp_path, "deal", "--stage", "dating", "--seed", "3", "--json")
    assert deal.returncode == 0 and json.loads(deal.stdout)["steps"]


def test_the_installed_command_starts_the_game(installed: Path, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    shots.mkdir()
    started = _run(
        installed,
        tmp_path,
        "play",
        "--stage",
        "friends",
        "--seed",
        "1",
        TEXTUAL_DRIVER="textual.drivers.headless_driver:HeadlessDriver",
        TEXTUAL_PRESS="space",
        TEXTUAL_SCREENSHOT="1",
        TEXTUAL_SCREENSHOT_LOCATION=str(shots),
        TEXTUAL_SCREENSHOT_FILENAME="first.svg",
    )
    assert started.returncode == 0, started.stderr
    assert "Traceback" not in started.stderr
    assert "reads" in (shots / "first.svg").read_text(encoding="utf-8")
