"""The summary screen: what the session amounted to, and what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from closeness_cards.table import SessionOver
from closeness_cards.text import words
from closeness_cards.tui.safe import lines, plain

if TYPE_CHECKING:
    from closeness_cards.tui.app import CardsApp


SHORT = 30
"""Below this height the box drops its top and bottom padding."""


class SummaryScroll(VerticalScroll):
    """The summary's box: it scrolls with the keys of any scrolling view, from its buttons."""

    BINDINGS = [Binding("down", "scroll_down", "More", key_display="↓")]
    """Down as every scrolling view has it, shown in the footer while there is more below."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scroll_down":
            return self.scroll_y < self.max_scroll_y
        return True

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_bindings()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.refresh_bindings()


class SummaryScreen(Screen[None]):
    """The end of a session."""

    CSS_PATH = "summary.tcss"

    BINDINGS = [
        Binding("n", "new_session", "New session"),
        Binding("q", "app.quit", "Quit"),
    ]

    app: CardsApp

    def __init__(self, over: SessionOver, players: tuple[str, ...]) -> None:
        super().__init__()
        self.summary = over.summary
        self.revisits = over.revisits
        self.favourites = over.favourites
        self.closeness = words.closeness_line(players, over.closeness)
        """The check-in change, ``Closeness (1–7): Ana 3 → 5 · Ben 4 → 6``; "" if not asked."""

    def compose(self) -> ComposeResult:
        with Center(id="summary-row"), SummaryScroll(id="summary"):
            # The buttons stay at the foot of the box (docked); all above them scrolls, and
            # the arrows, PageUp/PageDown, Home and End reach it from the focused button.
            with Horizontal(id="summary-buttons"):
                yield Button("New session", variant="primary", id="new")
                yield Button("Quit", id="quit")
            title = "Thank you for playing" if self.summary.finished else "Session ended"
            yield Static(title, id="summary-title")
            yield Static(
                "\n".join(words.summary_lines(self.summary)), id="summary-body", markup=False
            )
            if self.closeness:
                yield Static(plain(self.closeness), id="summary-closeness")
            if self.favourites:
                kept = ["Kept as favourites ♥:", *(f"• {text}" for text in self.favourites)]
                yield Static(lines(kept), id="summary-favourites")
            if self.revisits:
                topics = ["To revisit later:", *(f"• {text}" for text in self.revisits)]
                yield Static(lines(topics), id="summary-revisits")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT, "-short")

    @on(Button.Pressed, "#new")
    def action_new_session(self) -> None:
        self.app.show_setup()

    @on(Button.Pressed, "#quit")
    def quit_app(self) -> None:
        self.app.exit(0)
