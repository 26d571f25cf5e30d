"""What `play` asks the entry point to open."""

from __future__ import annotations

from dataclasses import dataclass

from closeness_cards.core.library import Library
from closeness_cards.table.setup import Choices


@dataclass(frozen=True)
class Launch:
    """What `play` asks the entry point to open: the TUI or plain mode, and with what."""

    library: Library
    choices: Choices | None
    """The session's choices from --stage; None opens the setup first."""
    defaults: Choices
    """What setup starts from (--players, --shape, ...)."""
    history: bool
    plain: bool
    switchable: bool
    """Whether the players' deck switches apply (not with --deck)."""
