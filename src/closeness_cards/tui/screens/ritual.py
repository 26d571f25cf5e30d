"""Small rituals around the table: the opening before the first card, and a too-small window."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from closeness_cards.text import words
from closeness_cards.tui.help_key import help_binding

OPENING = "\n\n".join(
    (
        words.OPENING[0],
        "\n".join(words.OPENING[1:4]),
        words.OPENING[4],
        "Press space when you are ready.",
    )
)


class OpeningScreen(ModalScreen[None]):
    """A moment to arrive before the first card."""

    CSS_PATH = "modal.tcss"

    BINDINGS = [Binding("space,enter,escape", "dismiss", "Begin"), help_binding()]

    def compose(self) -> ComposeResult:
        with Vertical(id="opening"):
            yield Static(OPENING, id="opening-text")

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)


class TooSmallScreen(ModalScreen[None]):
    """Shown instead of a clipped table while the window is smaller than 60 by 20."""

    CSS_PATH = "modal.tcss"

    def compose(self) -> ComposeResult:
        yield Static(
            "This window is a little small for the cards.\n"
            "Make it at least 60 columns by 20 rows,\nand the table comes back as it was.",
            id="too-small",
        )
