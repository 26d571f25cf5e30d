"""Fixtures for the Pilot tests: the built-in decks, loaded once."""

from __future__ import annotations

import pytest

from closeness_cards.core.library import Library, load_library


@pytest.fixture(scope="session")
def builtin_library() -> Library:
    return load_library()
