"""The summary screen: what the session amounted to, and what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from closeness_cards.table import SessionOver
from closeness_cards.text import words
from closeness_cards.tui.safe import lines, plain

if TYPE_CHECKING:
    from closeness_cards.tui.app import CardsApp


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
        with Center(id="summary-row"), Vertical(id="summary"):
            title = "Thank you for playing" if self.summary.finished else "Session ended"
            yield Static(title, id="summary-title")
            # What was kept can be long: it scrolls, and the buttons stay in view at 80x24.
            with VerticalScroll(id="summary-scroll"):
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
            with Horizontal(id="summary-buttons"):
                yield Button("New session", variant="primary", id="new")
                yield Button("Quit", id="quit")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()

    @on(Button.Pressed, "#new")
    def action_new_session(self) -> None:
        self.app.show_setup()

    @on(Button.Pressed, "#quit")
    def quit_app(self) -> None:
        self.app.exit(0)
