"""The command palette (ctrl+p): the game's places and tasks, found by typing a few letters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from closeness_cards.table import Table


@dataclass(frozen=True)
class PaletteCommand:
    """One entry of the palette, run by calling the app's ``action_<action>`` method."""

    title: str
    action: str
    help: str


COMMANDS: tuple[PaletteCommand, ...] = (
    PaletteCommand("Help", "help", "How to play, and every key"),
    PaletteCommand("New session", "new_session", "Choose players and a stage, then deal"),
    PaletteCommand("Resume", "resume", "Pick up the unfinished session where it stopped"),
    PaletteCommand("Favourites", "favourites", "Favourite and hidden cards"),
    PaletteCommand("History", "history", "Past sessions and their cards"),
    PaletteCommand("Decks", "decks", "Switch decks on and off, and read their cards"),
    PaletteCommand("Theme", "change_theme", "Change the colours; high contrast is among them"),
    PaletteCommand(
        "Export", "export", "Save favourites and history as Markdown in the data folder"
    ),
    PaletteCommand(
        "Screenshot", "save_picture", "Save a picture (SVG) of this screen in the data folder"
    ),
    PaletteCommand(
        "Quit",
        "quit",
        "Quit now: everything so far is already saved; the next start offers to resume",
    ),
)
"""Every command, in the order the empty palette lists them: the first is harmless (ctrl+p
then Enter opens help), and Quit comes last."""


def resumable(table: object) -> bool:
    """Whether a session (other than the one on this table) stopped before its end."""
    return isinstance(table, Table) and table.unfinished() is not None


class CardsCommands(Provider):
    """The game's commands for Textual's command palette.

    Each command calls the app's ``action_<name>`` method; a command whose action the app
    does not have is left out, and "Resume" shows only when there is something to resume.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._commands: list[tuple[PaletteCommand, Callable[[], Any]]] = []

    async def startup(self) -> None:
        """Work out once per palette which commands apply, so typing stays fast."""
        show_resume = resumable(getattr(self.app, "table", None))
        for command in COMMANDS:
            if command.action == "resume" and not show_resume:
                continue
            action = getattr(self.app, f"action_{command.action}", None)
            if callable(action):
                self._commands.append((command, action))

    async def discover(self) -> Hits:
        """The commands listed before anything is typed."""
        for command, run in self._commands:
            yield DiscoveryHit(command.title, run, help=command.help)

    async def search(self, query: str) -> Hits:
        """The commands whose titles match what was typed, best first."""
        matcher = self.matcher(query)
        for command, run in self._commands:
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), run, help=command.help)
