"""The baseline for start-up figures: a bare Textual app (Header, Static, Footer)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    """As little as a Textual app can be while still showing a screen."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
