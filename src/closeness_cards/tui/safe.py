"""Untrusted text for the screen: always a Text (never markup), never a control byte.

Deck files, card text, player names, file names and rows of the history come from
outside; each reaches a widget through ``plain`` or is joined with ``lines``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from closeness_cards.core.safe_text import for_terminal


def plain(value: object, style: str = "") -> Text:
    """One untrusted value as literal text on one line: markup and escapes shown as typed."""
    return Text(for_terminal(str(value)), style=style)


def lines(values: Iterable[object]) -> Text:
    """Untrusted values, one per line."""
    return Text("\n").join(plain(value) for value in values)
