"""The pause between sets of a three-set session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from closeness_cards.core.cards import Depth


class PauseScreen(ModalScreen[None]):
    """A breather: says which set comes next and how deep it goes."""

    CSS_PATH = "modal.tcss"

    BINDINGS = [Binding("space,enter,escape", "dismiss", "Continue")]

    def __init__(self, set_number: int, depth: Depth) -> None:
        super().__init__()
        self.set_number = set_number
        self.depth = depth

    def compose(self) -> ComposeResult:
        with Vertical(id="pause"):
            yield Static(f"Set {self.set_number} of 3 is next", id="pause-title")
            yield Static(
                f"The next twelve cards go to {self.depth.label}. Stretch, take a sip of "
                "water, and come back to each other when you are ready.\n\n"
                "Press space to go on.",
                id="pause-body",
            )

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
