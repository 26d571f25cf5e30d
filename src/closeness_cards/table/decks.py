"""Which decks are loaded: the built-in ones and the players' own, or those given by path."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from closeness_cards.core.library import Library, load_library
from closeness_cards.store.paths import deck_cache_dir, user_decks_dir


def load_decks(paths: Sequence[Path] = ()) -> Library:
    """The decks given by path alone, or else the built-in decks and the user's folder."""
    return load_library(
        list(paths), user_dir=None if paths else user_decks_dir(), cache_dir=deck_cache_dir()
    )


def decks_folder() -> Path:
    """Where players put their own decks."""
    return user_decks_dir()
