"""The help screen: how to play, every key, and how to listen well."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from closeness_cards.text.formats import escape_markdown
from closeness_cards.text.keys import KEYS, Key

HELP = """\
# How to play

Take turns. On every card one person **reads** it aloud and the other **answers**; with
two players you swap roles on every card, so each of you asks and each of you answers.
In a group the reader moves round the table and the next person answers.

Sessions start light and go deeper. Answer as much or as little as feels right: there
are no wrong answers, and anyone can **pass** anything but the closing card, without
giving a reason.

Nothing you say is recorded. Only which cards you played, your favourites and your
check-ins are kept, on this computer.

## Listening well

While someone answers, the others see one listening tip. Here are all of them:

"""


def help_markdown(tips: Iterable[str]) -> str:
    """The help text, ending with every listening tip (plain text, escaped for Markdown)."""
    lines = [f"- {escape_markdown(tip)}" for tip in tips]
    return HELP + "\n".join(lines or ["- Reflect back what you heard before you add your own."])


def keys_grid(keys: Iterable[Key] = KEYS) -> Table:
    """Every key, one line each where it fits: the first thing help shows."""
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    for key in keys:
        grid.add_row(key.shown, key.help)
    return grid


class HelpScreen(ModalScreen[None]):
    """Rules of play and keys, over whatever screen is showing."""

    CSS_PATH = "modal.tcss"

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close"),
    ]

    def __init__(self, tips: Iterable[str] = ()) -> None:
        super().__init__()
        self.tips = tuple(tips)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("Keys", id="help-keys-title")
            yield Static(keys_grid(), id="help-keys")
            yield Markdown(help_markdown(self.tips))

    def on_mount(self) -> None:
        # The keys come first; arrows, PageUp/PageDown, Home and End scroll to the tips.
        self.query_one("#help", VerticalScroll).focus()

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
