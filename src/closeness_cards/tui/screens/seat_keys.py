"""The keys at a seat, and what each does: small, and closed with a tap or a key."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from closeness_cards.text import seats
from closeness_cards.text.keys import Key
from closeness_cards.tui.screens.help import keys_grid


class SeatKeysScreen(ModalScreen[None]):
    """The seat's keys from the key table, over the seat."""

    CSS_PATH = "modal.tcss"

    BINDINGS = [Binding("escape,question_mark,enter,space", "close", "Close", show=False)]

    def __init__(self, keys: Iterable[Key]) -> None:
        """Args:
        keys: The keys the seat binds, in the order it offers them.
        """
        super().__init__()
        self.keys = tuple(keys)

    def compose(self) -> ComposeResult:
        with Vertical(id="seat-keys"):
            yield Static(seats.KEYS_TITLE, id="seat-keys-title", markup=False)
            # Not "?" itself: this is its answer, and its words are the game's whole help.
            shown = [key for key in self.keys if key.action != "help"]
            yield Static(keys_grid(shown), id="seat-keys-grid")
            yield Static(seats.KEYS_NOTE, id="seat-keys-note", markup=False)
            with Center():
                yield Button("Close", id="seat-keys-close")

    @on(Button.Pressed, "#seat-keys-close")
    def action_close(self) -> None:
        """Back to the seat."""
        self.dismiss(None)
