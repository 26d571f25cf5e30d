"""Which decks are loaded: the built-in ones and the players' own, or those given by path."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from closeness_cards.core.library import Library, load_library
from closeness_cards.store.paths import deck_cache_dir, ensure_private_dir, user_decks_dir


def load_decks(paths: Sequence[Path] = (), *, history: bool = True) -> Library:
    """The decks given by path alone, or else the built-in decks and the user's folder.

    Args:
        paths: Deck files or folders to play with alone (``--deck``).
        history: False for a private session (``--no-history``): the decks are read
            without the cache, so nothing at all is written. Otherwise parsed decks are
            cached in a folder made private (0700) before anything goes into it.
    """
    user_dir = None if paths else user_decks_dir()
    return load_library(list(paths), user_dir=user_dir, cache_dir=_cache() if history else None)


def _cache() -> Path | None:
    """The deck cache folder, made private; None (no cache) when it cannot be made."""
    try:
        return ensure_private_dir(deck_cache_dir())
    except OSError:
        return None  # a cache only saves time; the decks are read without it


def decks_folder() -> Path:
    """Where players put their own decks."""
    return user_decks_dir()
