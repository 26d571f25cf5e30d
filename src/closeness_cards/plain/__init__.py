"""Plain line mode: the table's events as lines, for screen readers and simple terminals."""

from __future__ import annotations

from closeness_cards.plain.answers import EndOfInput
from closeness_cards.plain.game import HELP, KEYS, UNKNOWN_KEY, PlainGame, run_plain

__all__ = ["HELP", "KEYS", "UNKNOWN_KEY", "EndOfInput", "PlainGame", "run_plain"]
