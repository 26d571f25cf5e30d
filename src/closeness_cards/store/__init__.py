"""Local storage that never loses a card: history, favourites, settings; never Textual."""

from __future__ import annotations

from closeness_cards.store.db import (
    Database,
    DatabaseTooNew,
    StoreError,
    open_database,
    open_memory_database,
)
from closeness_cards.store.records import SessionNotFound

__all__ = [
    "Database",
    "DatabaseTooNew",
    "SessionNotFound",
    "StoreError",
    "open_database",
    "open_memory_database",
]
