"""Local storage that never loses a card: history, favourites, settings; never Textual.

The names below are imported when first used: a command that only asks where the history
is (``store.paths``) does not load the database code.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from closeness_cards.store.db import (
        Database,
        DatabaseTooNew,
        StoreError,
        open_database,
        open_memory_database,
    )
    from closeness_cards.store.records import SessionNotFound

_WHERE = {
    "Database": "closeness_cards.store.db",
    "DatabaseTooNew": "closeness_cards.store.db",
    "SessionNotFound": "closeness_cards.store.records",
    "StoreError": "closeness_cards.store.db",
    "open_database": "closeness_cards.store.db",
    "open_memory_database": "closeness_cards.store.db",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Database",
    "DatabaseTooNew",
    "SessionNotFound",
    "StoreError",
    "open_database",
    "open_memory_database",
]
