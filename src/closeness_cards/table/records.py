"""What is kept, for the commands that read, export and forget it (history, export, forget).

The command line reaches the database only through here.
"""

from __future__ import annotations

from closeness_cards.store.db import (
    Database,
    HistoryReadOnly,
    StoreError,
    open_database,
    open_memory_database,
)
from closeness_cards.store.export import (
    all_session_details,
    export_data,
    export_markdown,
    favourites_json,
    history_json,
)
from closeness_cards.store.favourites import list_favourites, stage_rank
from closeness_cards.store.files import WriteRefused, write_atomically, write_export
from closeness_cards.store.history import forget_all, forget_session, list_sessions, session_summary
from closeness_cards.store.paths import data_dir, database_path, ensure_private_dir
from closeness_cards.store.readonly import open_history
from closeness_cards.store.records import CheckIn


def skipped_notices(db: Database) -> list[str]:
    """The notices, one per kind, for rows skipped since the last call (they stay on disk)."""
    return db.unreadable.new_notices()


__all__ = [
    "CheckIn",
    "Database",
    "HistoryReadOnly",
    "StoreError",
    "WriteRefused",
    "all_session_details",
    "data_dir",
    "database_path",
    "ensure_private_dir",
    "export_data",
    "export_markdown",
    "favourites_json",
    "forget_all",
    "forget_session",
    "history_json",
    "list_favourites",
    "list_sessions",
    "open_database",
    "open_history",
    "open_memory_database",
    "session_summary",
    "skipped_notices",
    "stage_rank",
    "write_atomically",
    "write_export",
]
