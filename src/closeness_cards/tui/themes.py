"""Themes: a high-contrast one, a monochrome one for NO_COLOR, and remembering the choice."""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Protocol

from textual.app import App
from textual.theme import BUILTIN_THEMES, Theme

THEME_SETTING = "theme"
"""The settings key the chosen theme's name is kept under."""

DEFAULT_THEME = "textual-dark"

HIGH_CONTRAST = Theme(
    name="closeness-high-contrast",
    # White text on pure black, yellow and cyan for emphasis: every pair used for text is
    # above the 7:1 contrast ratio of WCAG AAA.
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#00FFFF",
    warning="#FFB000",
    error="#FF7070",
    success="#40FF40",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    boost="#141414",
    dark=True,
    text_alpha=1.0,
    variables={
        "text": "#FFFFFF",
        "text-muted": "#D8D8D8",
        "text-disabled": "#A8A8A8",
        "text-primary": "#FFFF00",  # titles stay pure yellow (Textual would pale it to #FFFF56)
        "border": "#FFFFFF",
        "border-blurred": "#A8A8A8",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#3A3A3A",
        "block-hover-background": "#2A2A2A",
        "footer-background": "#000000",
        "footer-foreground": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-cursor-background": "#FFFFFF",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#00FFFF 45%",
        # Default buttons sit on the black surface: white text; coloured ones stay black.
        "button-foreground": "#FFFFFF",
        "button-color-foreground": "#000000",
        "button-focus-text-style": "bold reverse",
        "scrollbar": "#A8A8A8",
        "scrollbar-hover": "#FFFFFF",
        "scrollbar-active": "#FFFF00",
        "scrollbar-background": "#1C1C1C",
        "link-color": "#00FFFF",
        "link-style": "underline",
    },
)
"""A dark theme of pure black and white with yellow and cyan accents, for low vision."""

MONOCHROME = Theme(
    name="closeness-mono",
    # Pure greys: Textual's NO_COLOR filter turns colours to greys, so a theme made of greys
    # comes through it unchanged; emphasis rides on bold, underline and reverse instead.
    primary="#FFFFFF",
    secondary="#C8C8C8",
    accent="#FFFFFF",
    warning="#FFFFFF",
    error="#FFFFFF",
    success="#FFFFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#262626",
    boost="#141414",
    dark=True,
    text_alpha=1.0,
    variables={
        "text": "#FFFFFF",
        "text-muted": "#BEBEBE",
        "text-disabled": "#8C8C8C",
        "border": "#FFFFFF",
        "border-blurred": "#8C8C8C",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFFFF",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#404040",
        "footer-background": "#000000",
        "footer-foreground": "#FFFFFF",
        "footer-key-foreground": "#FFFFFF",
        "footer-key-background": "#404040",
        "input-selection-background": "#FFFFFF 35%",
        # Default buttons sit on the black surface: white text; coloured ones stay black.
        "button-foreground": "#FFFFFF",
        "button-color-foreground": "#000000",
        "button-focus-text-style": "bold reverse",
        "link-style": "underline",
    },
)
"""Black, white and greys only: the theme used when NO_COLOR is set."""

OUR_THEMES: tuple[Theme, ...] = (HIGH_CONTRAST, MONOCHROME)

TUNED_VARIABLES: dict[str, dict[str, str]] = {
    "textual-dark": {
        # On the blue of primary buttons and the selected row, Textual's text (#ddedf9)
        # reaches only 3.8:1, white 4.5:1; on red buttons white makes 5.4:1 of 4.47:1.
        "button-color-foreground": "#FFFFFF",
        "block-cursor-foreground": "#FFFFFF",
    },
    "textual-light": {
        # The footer's keys in the theme's own dark blue (6.4:1 on the footer, not 2.9:1).
        "footer-key-foreground": "#004578",
        # Accented text (the dig-deeper prompt, revisits) in a deep amber: 5.4:1, not 3.3:1.
        "text-accent": "#7A4F00",
        "button-color-foreground": "#FFFFFF",  # on red buttons, as in textual-dark
    },
}
"""Textual's own themes as the game shows them: the few variables whose text fell below
WCAG AA (4.5:1) on screen, changed; the themes keep their names and their palettes."""

SELECTABLE_THEMES: tuple[str, ...] = (*sorted(BUILTIN_THEMES), *(t.name for t in OUR_THEMES))
"""Every theme a player may choose: Textual's own and ours."""

PLAYER_COLOURS: tuple[str, ...] = (
    "#f08a8a",
    "#7cc4f0",
    "#b5e07a",
    "#e6b85c",
    "#c69cf0",
    "#6fd6c1",
    "#f0a0d0",
    "#d0d0a0",
)
"""Player colours for dark backgrounds: light pastels."""

PLAYER_COLOURS_ON_LIGHT: tuple[str, ...] = (
    "#b02a2a",
    "#1d5f8f",
    "#3f6b12",
    "#8a5a00",
    "#6a3aa0",
    "#0f6b5c",
    "#a0306f",
    "#5c5c20",
)
"""The same hues darkened enough to read on a light background."""

PLAYER_MARKS: tuple[str, ...] = (
    "bold",
    "bold underline",
    "bold italic",
    "bold reverse",
    "bold underline italic",
    "bold underline reverse",
    "bold italic reverse",
    "bold underline italic reverse",
)
"""Without colour, players are told apart by text style: eight players, eight styles."""


class ThemeSettings(Protocol):
    """Where the chosen theme is remembered (the journal, in the app)."""

    def theme(self) -> str | None:
        """The theme chosen last time, if any."""
        ...

    def set_theme(self, name: str) -> None:
        """Remember the chosen theme."""
        ...


def no_color_requested(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the NO_COLOR convention asks for no colour.

    Textual 8 reads the variable once when the app is built (any value, even empty, counts)
    and then passes every frame through a monochrome filter; this follows the same rule.
    """
    return "NO_COLOR" in environ


def tuned_variables(theme_name: str, variables: Mapping[str, str]) -> dict[str, str]:
    """A theme's CSS variables with the game's changes to it (``TUNED_VARIABLES``), if any."""
    return {**variables, **TUNED_VARIABLES.get(theme_name, {})}


def register_themes(app: App[Any]) -> None:
    """Make our themes selectable in the app, next to Textual's."""
    for theme in OUR_THEMES:
        app.register_theme(theme)


def starting_theme(saved: object, *, no_color: bool, available: Collection[str]) -> str:
    """The theme to start with: monochrome under NO_COLOR, else the saved one if it still exists.

    Args:
        saved: The remembered setting; anything but a known theme's name is ignored.
        no_color: Whether NO_COLOR is set.
        available: The names of the themes registered with the app.
    """
    if no_color:
        return MONOCHROME.name
    if isinstance(saved, str) and saved in available:
        return saved
    return DEFAULT_THEME


class ThemeKeeper:
    """Saves the theme each time a player changes it, and only then."""

    def __init__(self, settings: ThemeSettings, shown: str) -> None:
        self.settings = settings
        self.shown = shown
        """The theme on screen; the first notice of it (set at start) is not a choice."""

    def changed(self, theme: Theme) -> None:
        """Handle the app's theme-changed signal."""
        if theme.name != self.shown:
            self.shown = theme.name
            self.settings.set_theme(theme.name)


def keep_theme(app: App[Any], settings: ThemeSettings) -> ThemeKeeper:
    """Register our themes, show the remembered one, and remember each later choice.

    Call from the app's ``on_mount``. Under NO_COLOR the monochrome theme is shown without
    overwriting the remembered choice, so the colours come back when NO_COLOR is unset.
    """
    register_themes(app)
    start = starting_theme(settings.theme(), no_color=app.no_color, available=app.available_themes)
    app.theme = start
    keeper = ThemeKeeper(settings, start)
    app.theme_changed_signal.subscribe(app, keeper.changed)
    return keeper


def player_style(index: int, *, no_color: bool = False, dark: bool = True) -> str:
    """The Rich style of the player at ``index`` around the table.

    Args:
        index: The player's place, from 0.
        no_color: Tell players apart by bold, underline, italic and reverse instead.
        dark: Whether the theme's background is dark (pastels) or light (deep hues).
    """
    if no_color:
        return PLAYER_MARKS[index % len(PLAYER_MARKS)]
    colours = PLAYER_COLOURS if dark else PLAYER_COLOURS_ON_LIGHT
    return f"bold {colours[index % len(colours)]}"


def player_style_for(app: App[Any], players: Sequence[str], name: str) -> str:
    """A player's style in this app's current theme and colour mode."""
    index = players.index(name) if name in players else 0
    return player_style(index, no_color=app.no_color, dark=app.current_theme.dark)
