"""The pause between sets of a three-set session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from closeness_cards.tui.help_key import help_binding


class PauseScreen(ModalScreen[None]):
    """A breather: says which set comes next and how deep it goes."""

    CSS_PATH = "modal.tcss"

    BINDINGS = [Binding("space,enter,escape", "dismiss", "Continue"), help_binding()]

    def __init__(self, title: str, body: str) -> None:
        """Args:
        title: Which set comes next ("Set 2 of 3 is next").
        body: How deep it goes, and a word to take a breath.
        """
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(id="pause"):
            yield Static(self.title_text, id="pause-title", markup=False)
            yield Static(f"{self.body}\n\nPress space to go on.", id="pause-body", markup=False)

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
