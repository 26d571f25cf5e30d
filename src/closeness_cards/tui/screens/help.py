"""The help screen: how to play, every key, and how to listen well."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown

from closeness_cards.text.formats import escape_markdown
from closeness_cards.text.keys import readme_rows

HELP = """\
# How to play

Take turns. On every card one person **reads** it aloud and the other **answers**; with
two players you swap roles on every card, so each of you asks and each of you answers.
In a group the reader moves round the table and the next person answers.

Sessions start light and go deeper. Answer as much or as little as feels right: there
are no wrong answers, and anyone can **pass** without giving a reason.

Nothing you say is recorded. Only which cards you played, your favourites and your
check-ins are kept, on this computer.

## Keys

{keys}

## Listening well

While someone answers, the others see one listening tip. Here are all of them:

"""


def help_markdown(tips: Iterable[str]) -> str:
    """The help text, ending with every listening tip (plain text, escaped for Markdown)."""
    lines = [f"- {escape_markdown(tip)}" for tip in tips]
    keys = "\n".join(["| key | what it does |", "|---|---|", *readme_rows()])
    return HELP.replace("{keys}", keys) + "\n".join(
        lines or ["- Reflect back what you heard before you add your own."]
    )


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
        with Vertical(id="help"):
            yield Markdown(help_markdown(self.tips))

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
