"""Every screen, in every theme the game offers, readable at 80x24: contrast as rendered.

The colours are read back from SVG screenshots (``support.contrast``), so what is judged is
what Textual drew after resolving variables, opacities and screens layered on screens.
Words must reach WCAG AA (4.5:1) everywhere and AAA (7:1) in the high-contrast theme;
pictures drawn with box-drawing, block and braille characters are left out (see
``is_decoration``), and so is the screen dimmed behind a modal one (see ``box``).

The app starts in the theme a player chose last time. The three dark themes are judged by
switching between them on each screen, which is faithful because nothing the game draws in
Python depends on which dark theme is shown, only on whether it is dark (the players'
colours); the light theme has a run of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import TabbedContent

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.core.library import Library
from closeness_cards.table import Action, Choices, Table
from closeness_cards.table.sqlite import open_ports
from closeness_cards.tui.app import CardsApp
from closeness_cards.tui.screens.checkin import CheckInScreen
from closeness_cards.tui.screens.confirm import ConfirmScreen
from closeness_cards.tui.screens.decks import DeckReaderScreen, DecksScreen
from closeness_cards.tui.screens.favourites import FavouritesScreen
from closeness_cards.tui.screens.help import HelpScreen
from closeness_cards.tui.screens.history import HistoryScreen, SessionDetailScreen
from closeness_cards.tui.screens.pause import PauseScreen
from closeness_cards.tui.screens.play import PlayScreen
from closeness_cards.tui.screens.ritual import OpeningScreen
from closeness_cards.tui.screens.setup import SetupScreen
from closeness_cards.tui.screens.summary import SummaryScreen
from support.contrast import AA, AAA, read_runs, screen_text, shortfalls
from support.tui import FakeClock, make_app

SIZE = (80, 24)
THEMES = {
    "textual-dark": AA,  # the default
    "closeness-high-contrast": AAA,
    "closeness-mono": AA,
    "textual-light": AA,
}
"""Every theme the game offers as its own or by default, and the contrast each must reach."""

THEME_RUNS = {
    "dark themes": ("textual-dark", "closeness-high-contrast", "closeness-mono"),
    "light theme": ("textual-light",),
}
"""The themes judged in one run of the app; the first is the one it starts in."""

SETUP = Choices(stage=Stage.LONG_TERM, shape=Shape.STANDARD, seed=7, wildcards=False)
"""The setup screen's choices: a fixed deal, the players' names left as placeholders."""
SETS = Options(("Ana", "Ben"), Stage.COMMITTED, Shape.THREE_SETS, seed=2, wildcards=False)


class Look:
    """Looks at each screen in every theme of a run and notes the text that falls short."""

    def __init__(self, pilot: Pilot[Any], themes: tuple[str, ...]) -> None:
        self.pilot = pilot
        self.themes = themes
        self.seen: list[str] = []
        """Each screen judged in each theme, as ``theme: screen``."""
        self.problems: list[str] = []
        """One line per run of text below the minimum, naming theme, screen, text and ratio."""

    async def at(self, name: str, kind: type[Screen[Any]], words: str) -> None:
        """Judge the screen on top, a ``kind`` showing ``words``, in each theme of the run."""
        app = self.pilot.app
        # The theme on show first, so each screen costs one switch less.
        for theme in sorted(self.themes, key=lambda theme: theme != app.theme):
            app.theme = theme
            await self.pilot.pause()
            assert app.theme == theme
            assert isinstance(app.screen, kind), f"{name}: {type(app.screen).__name__} is on top"
            runs = read_runs(app.export_screenshot())
            assert words in screen_text(runs), f"{name}: {words!r} is not on screen"
            found = shortfalls(runs, THEMES[theme], box(app.screen))
            self.problems += [f"{theme}, {name}: {shortfall}" for shortfall in found]
            self.seen.append(f"{theme}: {name}")


def box(screen: Screen[Any]) -> Region | None:
    """Where a modal screen's own widgets are; None for a full screen.

    The screen dimmed behind a modal one is inactive, and WCAG sets no contrast for inactive
    parts of an interface: only the modal's box is judged.
    """
    if isinstance(screen, CommandPalette):
        search = screen.query_one(CommandInput).parent  # the row with the icon and the input
        assert isinstance(search, Widget)
        return search.region.union(screen.query_one(CommandList).region)
    if isinstance(screen, ModalScreen):
        return Region.from_union([child.region for child in screen.children])
    return None


async def until(pilot: Pilot[Any], ready: Callable[[], bool]) -> None:
    """Wait (a second at most) for something the app does in the background."""
    for _ in range(100):
        if ready():
            return
        await pilot.pause(0.01)
    raise AssertionError("the app never got there")


async def from_setup_round_the_table(look: Look) -> None:
    """Setup, the opening, the check-in, then every screen that opens over a session."""
    pilot = look.pilot
    await look.at("setup", SetupScreen, "Player 2")  # the names are placeholders
    await pilot.press("ctrl+s")
    await look.at("opening", OpeningScreen, "Before the first card")
    await pilot.press("space", "right")  # a pair highlighted, not yet chosen
    await look.at("check-in", CheckInScreen, "how close do you feel")
    await pilot.press("escape")
    await look.at("skip the check-in?", ConfirmScreen, "Skip the check-in for")
    await pilot.press("y")
    await look.at("play", PlayScreen, "reads")
    await pilot.press("space", "d", "f")
    await look.at("play, dig deeper and a tip", PlayScreen, "Deeper:")
    pilot.app.clear_notifications()
    await pilot.press("question_mark")
    await look.at("help", HelpScreen, "Keys")
    await pilot.press("escape", "ctrl+p")
    await until(pilot, lambda: bool(pilot.app.screen.query(CommandList).first().option_count))
    await look.at("command palette", CommandPalette, "Favourites")
    await pilot.press("escape", "x", "f2")
    pilot.app.clear_notifications()
    await look.at("favourites", FavouritesScreen, "Favourites")
    pilot.app.screen.query_one(TabbedContent).active = "hidden-pane"
    await look.at("hidden cards", FavouritesScreen, "Deck")
    await pilot.press("escape", "f4")
    await look.at("decks", DecksScreen, "Decks")
    await pilot.press("enter")
    await look.at("deck reader", DeckReaderScreen, "depth")
    await pilot.press("escape", "escape", "q")
    await look.at("end early", ConfirmScreen, "Keep playing")


async def from_a_pause_to_history(look: Look) -> None:
    """Resuming, the pause between sets, the summary, history, a session's detail, forgetting."""
    pilot = look.pilot
    await look.at("resume", ConfirmScreen, "Resume")
    await pilot.press("enter", "space")  # resume, then the last card of the first set
    await look.at("pause between sets", PauseScreen, "Press space to go on")
    await pilot.press("space", "q", "y", "space", "space", "escape", "y")  # closing, both
    await look.at("summary", SummaryScreen, "Session ended")
    await pilot.press("f3")
    await look.at("history", HistoryScreen, "Ana and Ben")
    await pilot.press("enter")
    await look.at("history detail", SessionDetailScreen, "1. [")
    await pilot.press("escape", "x")
    await look.at("forget", ConfirmScreen, "Forget")


def leave_a_set_unfinished(library: Library) -> None:
    """A three-set session with its check-in, left one card before its first pause."""
    table = Table(library, open_ports(), clock=FakeClock())
    table.start(SETS, check_in=True)
    table.check_in({"Ana": 4, "Ben": 5})
    for _ in range(11):
        table.act(Action.DONE)
    table.close()


def app_in(library: Library, theme: str) -> CardsApp:
    """The real app, on the setup screen, as a player who chose ``theme`` last time gets it."""
    app = make_app(library, choices=SETUP)
    app.table.ports.preferences.set_theme(theme)
    return app


def report(look: Look) -> str:
    """Every shortfall, one a line."""
    return "\n".join(["Text below the contrast its theme asks for:", *look.problems])


@pytest.mark.parametrize("themes", list(THEME_RUNS.values()), ids=list(THEME_RUNS))
async def test_from_setup_round_the_table_every_word_stands_out(
    builtin_library: Library, themes: tuple[str, ...]
) -> None:
    app = app_in(builtin_library, themes[0])
    async with app.run_test(size=SIZE) as pilot:
        look = Look(pilot, themes)
        await from_setup_round_the_table(look)
    assert len(look.seen) == 13 * len(themes)
    assert not look.problems, report(look)


@pytest.mark.parametrize("themes", list(THEME_RUNS.values()), ids=list(THEME_RUNS))
async def test_from_a_pause_to_history_every_word_stands_out(
    builtin_library: Library, themes: tuple[str, ...]
) -> None:
    leave_a_set_unfinished(builtin_library)
    app = app_in(builtin_library, themes[0])
    async with app.run_test(size=SIZE) as pilot:
        look = Look(pilot, themes)
        await from_a_pause_to_history(look)
    assert len(look.seen) == 6 * len(themes)
    assert not look.problems, report(look)
