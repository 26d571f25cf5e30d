"""Pilot tests of the command palette, the themes (high contrast, NO_COLOR) and their settings."""

from __future__ import annotations

from typing import Any

import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from textual.filter import Monochrome
from textual.pilot import Pilot
from textual.widgets import DataTable

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.core.library import Library
from closeness_cards.store.db import open_database
from closeness_cards.store.paths import data_dir
from closeness_cards.store.settings import get_setting, set_setting
from closeness_cards.table import Table
from closeness_cards.table.sqlite import open_ports
from closeness_cards.tui.app import CardsApp
from closeness_cards.tui.commands import resumable
from closeness_cards.tui.screens.confirm import ConfirmScreen
from closeness_cards.tui.screens.decks import DecksScreen
from closeness_cards.tui.screens.play import PlayScreen
from closeness_cards.tui.screens.setup import SetupScreen
from closeness_cards.tui.themes import (
    HIGH_CONTRAST,
    MONOCHROME,
    PLAYER_MARKS,
    player_style,
    player_style_for,
)
from support.tui import FakeClock, make_app, notifications

OPTIONS = Options(("Ana", "Ben"), Stage.DATING, Shape.QUICK, seed=5, wildcards=False)


def WiredApp(library: Library, **kwargs: Any) -> CardsApp:
    """The real app, as the players get it, on the temporary home."""
    return make_app(library, **kwargs)


async def listed(pilot: Pilot[Any], wanted: str = "") -> list[str]:
    """Wait until the open palette lists commands (the first one matching ``wanted``)."""
    for _ in range(100):
        await pilot.pause(0.01)
        palette = pilot.app.screen
        if not isinstance(palette, CommandPalette):
            continue
        commands = palette.query_one(CommandList)
        count = commands.option_count
        prompts = [str(commands.get_option_at_index(i).prompt) for i in range(count)]
        titles = [prompt.splitlines()[0] for prompt in prompts]
        if titles and wanted.casefold() in titles[0].casefold():
            return titles
    raise AssertionError(f"the palette never listed {wanted!r}")


async def palette_titles(pilot: Pilot[Any]) -> list[str]:
    """Open the palette and read the commands it lists before anything is typed."""
    await pilot.press("ctrl+p")
    return await listed(pilot)


async def run_command(pilot: Pilot[Any], text: str) -> None:
    """Search the open palette for ``text`` and run the best match."""
    pilot.app.screen.query_one(CommandInput).value = text
    await listed(pilot, text)
    await pilot.press("down", "enter")
    await pilot.pause()


async def test_palette_lists_the_game_commands_and_exports(builtin_library: Library) -> None:
    app = WiredApp(builtin_library)
    notes = notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        titles = await palette_titles(pilot)
        for title in ("New session", "Favourites", "History", "Decks", "Export", "Help"):
            assert title in titles
        assert "Resume" not in titles  # nothing was left unfinished
        assert titles.count("Theme") == 1  # ours; Textual's own is left out
        assert "Keys" not in titles and "Maximize" not in titles  # a programmer's tools
        assert "Quit" in titles and "Screenshot" in titles
        await run_command(pilot, "screenshot")
        pictures = list(data_dir().glob("*.svg"))
        assert len(pictures) == 1  # in the data folder: no ~/Downloads needed
        assert any(str(pictures[0]) in message for message in notes)
        await palette_titles(pilot)
        await run_command(pilot, "export")
        exports = list(data_dir().glob("closeness-cards-*.md"))
        assert len(exports) == 1
        assert exports[0].read_text(encoding="utf-8").startswith("# Closeness Cards")
        assert exports[0].stat().st_mode & 0o777 == 0o600
        assert any(str(exports[0]) in message for message in notes)


async def test_the_palette_starts_with_something_harmless_and_ends_with_quit(
    builtin_library: Library,
) -> None:
    from closeness_cards.tui.screens.help import HelpScreen

    app = WiredApp(builtin_library, options=OPTIONS)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = await palette_titles(pilot)
        assert titles[0] == "Help" and titles[-1] == "Quit"
        await pilot.press("enter")  # ctrl+p then Enter, in a hurry: help, not goodbye
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.is_running and app.return_code is None


async def test_decks_from_the_palette_are_switched_off_for_good(
    builtin_library: Library,
) -> None:
    app = WiredApp(builtin_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await palette_titles(pilot)
        await run_command(pilot, "decks")
        assert isinstance(app.screen, DecksScreen)
        table = app.screen.query_one("#decks", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(r)] for r in range(table.row_count)]
        assert {row[5] for row in rows if row[0] == "off"} == {"long-distance", "rebuilding-trust"}
        deck = app.screen.selected_deck()
        assert deck is not None
        await pilot.press("space")
        await pilot.pause()
        assert deck.id not in {d.id for d in app.table.dealt_library().decks}
    with open_database() as db:
        assert get_setting(db, "deck_switches") == {deck.id: False}


async def test_resume_is_offered_only_for_a_session_left_unfinished(
    builtin_library: Library,
) -> None:
    table = Table(builtin_library, open_ports(), clock=FakeClock())
    table.start(OPTIONS)
    assert not resumable(table)  # the session being played is no leftover
    other = Table(builtin_library, open_ports(), clock=FakeClock())
    assert not resumable(other)  # nor is it for another window while it is being played
    table.close()  # this window quits: now it is left unfinished
    assert resumable(other)
    other.close()
    app = WiredApp(builtin_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Resume" in await palette_titles(pilot)
        await run_command(pilot, "resume")
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not None and app.session.deal.options.players == ("Ana", "Ben")
        assert "Resume" not in await palette_titles(pilot)  # it is the one being played
        await run_command(pilot, "new session")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen) and app.session is None
        assert "Resume" in await palette_titles(pilot)  # left, so it can be picked up again


async def test_high_contrast_theme_is_chosen_in_the_palette_and_remembered(
    builtin_library: Library,
) -> None:
    app = WiredApp(builtin_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        await palette_titles(pilot)
        await run_command(pilot, "theme")
        assert isinstance(app.screen, CommandPalette)  # Textual's theme picker
        await run_command(pilot, "high-contrast")
        assert app.theme == HIGH_CONTRAST.name
    with open_database() as db:
        assert get_setting(db, "theme") == HIGH_CONTRAST.name
    again = WiredApp(builtin_library)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == HIGH_CONTRAST.name


async def test_no_color_shows_the_monochrome_theme_and_keeps_the_choice(
    builtin_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_database() as db:
        set_setting(db, "theme", "nord")
    monkeypatch.setenv("NO_COLOR", "1")
    app = WiredApp(builtin_library, options=OPTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.no_color and app.theme == MONOCHROME.name
        assert any(isinstance(f, Monochrome) for f in app.get_line_filters())
        assert player_style_for(app, ("Ana", "Ben"), "Ben") == "bold underline"
    with open_database() as db:
        assert get_setting(db, "theme") == "nord"  # back in colour once NO_COLOR is unset


def test_player_styles_without_colour_tell_eight_players_apart() -> None:
    assert len(set(PLAYER_MARKS)) == 8
    assert all("#" not in player_style(i, no_color=True) for i in range(8))
    assert player_style(0) != player_style(0, dark=False)


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #RRGGBB colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_high_contrast_text_meets_wcag_aaa() -> None:
    theme = HIGH_CONTRAST
    assert theme.background is not None
    colours = [theme.primary, theme.secondary, theme.warning, theme.error, theme.success]
    colours += [theme.variables["text"], theme.variables["text-muted"]]
    for colour in colours:
        assert colour is not None and contrast(colour, theme.background) >= 7
    cursor = theme.variables["block-cursor-foreground"], theme.variables["block-cursor-background"]
    assert contrast(*cursor) >= 7


@pytest.mark.parametrize("theme", [HIGH_CONTRAST, MONOCHROME])
async def test_default_buttons_are_light_on_dark_in_our_themes(
    builtin_library: Library, theme: Any
) -> None:
    from textual.color import Color
    from textual.widgets import Button

    app = WiredApp(builtin_library)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme.name
        await pilot.pause()
        button = app.screen.query_one("#add-player", Button)
        text = button.styles.color
        back = button.styles.background
        assert isinstance(text, Color) and isinstance(back, Color)
        assert contrast(text.hex, back.hex) >= 7.0  # WCAG AAA
