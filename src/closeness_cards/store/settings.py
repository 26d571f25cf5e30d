"""Small remembered preferences (theme, default player names) as JSON values by key."""

from __future__ import annotations

import json
from typing import Any

from closeness_cards.store.db import Database
from closeness_cards.store.rows import tolerant

JSONValue = Any
"""Anything ``json`` can write: None, bool, int, float, str, lists and dicts of these."""


@tolerant
def get_setting(db: Database, key: str, default: JSONValue = None) -> JSONValue:
    """Return a setting's value, or ``default`` when unset or unreadable.

    Args:
        db: The database.
        key: The setting's name, such as ``"player_names"``.
        default: What to return when the setting is missing or its JSON is damaged.
    """
    with db.reading() as conn:
        row = conn.execute("SELECT value_json FROM settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return default
    value = row[0]
    if type(value) is not str:
        return default  # NULL, a number or a blob: not what set_setting writes
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        # A bad value must not stop the game from starting; the default is always safe.
        return default


def set_setting(db: Database, key: str, value: JSONValue) -> None:
    """Remember a setting.

    Raises:
        TypeError: When ``value`` cannot be written as JSON.
    """
    value_json = json.dumps(value, ensure_ascii=False, sort_keys=True)
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO settings (key, value_json) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
            (key, value_json),
        )


def delete_setting(db: Database, key: str) -> bool:
    """Forget one setting; return whether it was set."""
    with db.transaction() as conn:
        return conn.execute("DELETE FROM settings WHERE key = ?", (key,)).rowcount > 0
