"""The help screen: how to play, every key, and how to listen well."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown

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

| key | what it does |
|---|---|
| space / enter | done: the next answer or the next card |
| p | pass: a different card at the same depth, no reason asked |
| d | dig deeper: show the card's follow-up prompt |
| f | keep the card among your favourites (♥) |
| x | hide the card: it is never dealt again |
| r | mark the topic to revisit later |
| q | end early: the closing card, then the summary |
| ? | this help |
| escape | close this help |
| ctrl+q | quit at once (everything so far is already saved) |

## Listening well

- Reflect back what you heard before you add anything of your own.
- Ask one clarifying question rather than offering advice.
- Don't fix or judge: curiosity first.
- Let silences be; the answer often comes after the pause.
- Notice the face and the hands as well as the words.
"""


class HelpScreen(ModalScreen[None]):
    """Rules of play and keys, over whatever screen is showing."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Markdown(HELP)

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
