"""The turn banner: who reads, whose turn it is to answer, each in their own colour."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from closeness_cards.tui.safe import plain
from closeness_cards.tui.themes import PLAYER_COLOURS, no_color_requested, player_style


def player_colour(players: Sequence[str], name: str) -> str:
    """The colour of a player, by their place at the table."""
    index = players.index(name) if name in players else 0
    return PLAYER_COLOURS[index % len(PLAYER_COLOURS)]


def name_text(players: Sequence[str], name: str, *, dark: bool = True) -> Text:
    """A player's name in their colour, or under NO_COLOR in their own text style.

    Names are never read as markup.
    """
    index = players.index(name) if name in players else 0
    return plain(name, style=player_style(index, no_color=no_color_requested(), dark=dark))


class TurnBanner(Static):
    """Who reads the card and who answers now."""

    DEFAULT_CSS = """
    TurnBanner { width: 1fr; height: auto; text-align: center; padding: 0 1; }
    """

    def show_turn(
        self,
        players: Sequence[str],
        reader: str,
        answerer: str | None,
        waiting: Sequence[str] = (),
    ) -> None:
        """Show the reader and the answerer (None: everyone does the card together)."""
        dark = self.app.current_theme.dark
        parts: list[Text | str] = [name_text(players, reader, dark=dark), " reads"]
        if answerer is None:
            together = "both of you" if len(players) == 2 else "all of you"
            parts.append(f" · {together} do this together")
        elif answerer == reader:  # the reader's own turn on a card everyone answers
            parts = ["Now ", name_text(players, answerer, dark=dark), " answers"]
        else:
            parts += [" · ", name_text(players, answerer, dark=dark), " answers"]
            if waiting:
                parts.append(" · then ")
                for index, name in enumerate(waiting):
                    if index:
                        parts.append(", ")
                    parts.append(name_text(players, name, dark=dark))
        self.update(Text.assemble(*parts))
