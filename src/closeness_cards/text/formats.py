"""How names, durations and moments are written for players."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, tzinfo


def format_players(players: Sequence[str]) -> str:
    """Join names the way people say them: "Ana", "Ana and Ben", "Ana, Ben and Cy"."""
    if len(players) <= 1:
        return "".join(players)
    return f"{', '.join(players[:-1])} and {players[-1]}"


def format_duration(seconds: float | None) -> str:
    """Say how long a session took: "—", "under a minute", "34 min", "1 h 05 min"."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def format_moment(moment: datetime, tz: tzinfo | None = None) -> str:
    """Show a moment as ``YYYY-MM-DD HH:MM`` in ``tz`` (the local zone by default)."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 pass", "2 passes"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START_MARK = re.compile(r"^([#+\-=])")
_LINE_START_NUMBER = re.compile(r"^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    """Escape what would turn card text or names into formatting, keeping it one line."""
    flat = " ".join(text.split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    escaped = _LINE_START_MARK.sub(r"\\\1", escaped)
    return _LINE_START_NUMBER.sub(r"\1\\\2", escaped)
