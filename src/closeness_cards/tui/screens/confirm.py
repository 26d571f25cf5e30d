"""A yes-or-no question over the current screen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool | None]):
    """Ask before doing something that matters.

    Dismissed with True for yes, False for no, and None for escape: "not now", which
    changes nothing. A destructive question starts on its safe answer.
    """

    CSS_PATH = "modal.tcss"

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
        Binding("space", "press_focused", show=False),
        Binding("escape", "not_now", "Not now", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(
        self, question: str, *, yes: str = "Yes", no: str = "No", destructive: bool = False
    ) -> None:
        """Args:
        question: What is asked.
        yes: The words on the button that does it.
        no: The words on the button that does not.
        destructive: Yes cannot be undone: the focus starts on no.
        """
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(self.yes, variant="error" if self.destructive else "primary", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.destructive else "#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    def pressed_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def pressed_no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_press_focused(self) -> None:
        """Space answers with the focused button, as Enter does (space is the game's key)."""
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()

    def action_not_now(self) -> None:
        self.dismiss(None)
