"""The README's picture of the play screen: the script still draws it, and it is up to date."""

from __future__ import annotations

import importlib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from closeness_cards.core.library import load_library
from support import REPO
from support.contrast import is_decoration, read_runs, screen_text
from support.table import memory_table

PICTURE = REPO / "docs" / "play-screen.svg"


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The screenshot script, imported from its folder."""
    monkeypatch.syspath_prepend(str(REPO / "scripts"))
    return importlib.import_module("readme_screenshot")


def words_in(svg: str) -> str:
    """The words on a screenshot, in reading order, without borders or line breaks."""
    text = "".join(" " if is_decoration(char) else char for char in screen_text(read_runs(svg)))
    return " ".join(text.split())


def test_the_script_draws_the_card_it_deals_and_the_readme_shows_the_same(
    script: ModuleType, tmp_path: Path
) -> None:
    table = memory_table(load_library())
    table.start(script.OPTIONS)
    card = " ".join(table.view().card.text.split())
    drawn = tmp_path / "play-screen.svg"
    assert script.main(["--output", str(drawn)]) == 0
    svg = drawn.read_text(encoding="utf-8")
    assert ET.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"
    assert card in words_in(svg)
    assert card in words_in(PICTURE.read_text(encoding="utf-8")), "run scripts/readme_screenshot.py"


def test_the_readme_opens_with_the_picture() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.splitlines()[2] == "![The play screen](docs/play-screen.svg)"
