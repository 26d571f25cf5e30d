"""What `play` and `host` ask the entry point to open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from closeness_cards.core.library import Library
from closeness_cards.table.setup import Choices


@dataclass(frozen=True)
class Hosting:
    """How `host` opens its room."""

    lan: bool
    port: int
    decks: tuple[Path, ...]


@dataclass(frozen=True)
class Launch:
    """What `play` asks the entry point to open: the TUI or plain mode, and with what."""

    library: Library | Callable[[], Library]
    """The decks, or what loads them: the setup screen draws before they are loaded."""
    choices: Choices | None
    """The session's choices from --stage; None opens the setup first."""
    defaults: Choices
    """What setup starts from (--players, --shape, ...)."""
    history: bool
    plain: bool
    switchable: bool
    """Whether the players' deck switches apply (not with --deck)."""
    hosting: Hosting | None = None
    """`host`: the table on several screens (None: `play`)."""
