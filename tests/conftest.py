"""Shared fixtures: every test runs with its data, config and cache in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Nothing a test does may touch the real home: data, config and cache go here."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CLOSENESS_CARDS_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield home
