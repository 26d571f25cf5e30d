"""The little the reading commands need before they know there is a history to read.

A machine that never played has no history file; `history` says so without importing the
store's readers (the database, the records, the export), which took most of its start.
"""

from __future__ import annotations

from closeness_cards.store.documents import EMPTY_HISTORY_JSON
from closeness_cards.store.errors import StoreError
from closeness_cards.store.paths import history_exists


def history_kept() -> bool:
    """Whether there is a history file to read (it may still be empty)."""
    return history_exists()


__all__ = ["EMPTY_HISTORY_JSON", "StoreError", "history_kept"]
