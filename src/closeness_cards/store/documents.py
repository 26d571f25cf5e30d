"""The names and versions of the JSON documents the commands print and export."""

from __future__ import annotations

EXPORT_FORMAT = "closeness-cards-export"
HISTORY_FORMAT = "closeness-cards-history"
FAVOURITES_FORMAT = "closeness-cards-favourites"
DOCUMENT_VERSION = 1

HISTORY_JSON_HEAD = (
    f'{{\n  "format": "{HISTORY_FORMAT}",\n  "version": {DOCUMENT_VERSION},\n  "sessions": ['
)
"""How ``history --json`` begins, before its first session."""
EMPTY_HISTORY_JSON = f"{HISTORY_JSON_HEAD}]\n}}"
"""``history --json`` of a history without sessions (``json.dumps(..., indent=2)`` writes
an empty list as ``[]``)."""
