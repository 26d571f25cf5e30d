"""ONE key table: the TUI's bindings, the help screen, plain mode's key line and the README.

Each key has an id (so it can be remapped), the keys Textual binds, how players write it,
what it does, and the words plain mode takes for it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One thing players can do with a key."""

    id: str
    """A stable name, also the Textual binding id."""
    bind: str
    """The keys as Textual binds them: "space,enter"."""
    shown: str
    """The key as players write it: "space / enter"."""
    action: str
    """The action it runs: a table action on the play screen, else the app's."""
    label: str
    """The footer's word."""
    help: str
    """What it does, in one line (the help screen and the README)."""
    plain: tuple[str, ...] = ()
    """What plain mode takes for it (trimmed, any case; "" is Enter); () when not there."""
    footer: bool = True
    """Shown in the footer."""
    screen: str = "play"
    """Where it is bound: "play" (the table) or "app" (everywhere)."""


PLAY_KEYS: tuple[Key, ...] = (
    Key(
        "done",
        "space,enter",
        "space / enter",
        "done",
        "Next",
        "done: the next answer or the next card",
        ("",),
    ),
    Key(
        "pass",
        "p",
        "p",
        "pass",
        "Pass",
        "pass: a different card at the same depth, no reason asked (3 per player)",
        ("p", "pass"),
    ),
    Key(
        "deeper",
        "d",
        "d",
        "deeper",
        "Deeper",
        "dig deeper: show the card's follow-up prompt",
        ("d", "deeper"),
    ),
    Key(
        "favourite",
        "f",
        "f",
        "favourite",
        "Keep ♥",
        "keep the card among your favourites (♥); again to undo",
        ("f", "favourite", "favorite"),
    ),
    Key(
        "hide",
        "x",
        "x",
        "hide",
        "Hide",
        "hide the card: it is never dealt again",
        ("x", "hide"),
    ),
    Key(
        "revisit",
        "r",
        "r",
        "revisit",
        "Revisit",
        "mark the topic to revisit later; again to undo",
        ("r", "revisit"),
        footer=False,
    ),
    Key(
        "timer",
        "t",
        "t",
        "timer",
        "Timer",
        "start or stop the answer timer; on a timed card, its countdown",
        ("t", "timer"),
        footer=False,
    ),
    Key(
        "end",
        "q",
        "q",
        "end",
        "End",
        "end early: the closing card, then the summary",
        ("q", "end"),
    ),
)

APP_KEYS: tuple[Key, ...] = (
    Key(
        "help",
        "question_mark",
        "?",
        "help",
        "Help",
        "help: the rules, the keys and listening tips",
        ("?", "h", "help"),
        screen="app",
    ),
    Key(
        "favourites",
        "f2",
        "F2",
        "favourites",
        "Favourites",
        "favourites and hidden cards",
        footer=False,
        screen="app",
    ),
    Key(
        "history",
        "f3",
        "F3",
        "history",
        "History",
        "history of past sessions",
        footer=False,
        screen="app",
    ),
    Key(
        "decks",
        "f4",
        "F4",
        "decks",
        "Decks",
        "decks: switch them on and off, read them",
        footer=False,
        screen="app",
    ),
    Key(
        "palette",
        "ctrl+p",
        "ctrl+p",
        "command_palette",
        "Palette",
        (
            "command palette: help, new session, resume, favourites, history, decks, theme,"
            " export, screenshot, quit"
        ),
        footer=False,
        screen="app",
    ),
    Key("back", "escape", "escape", "go_back", "Back", "back", footer=False, screen="app"),
    Key(
        "quit",
        "ctrl+q",
        "ctrl+q",
        "quit",
        "Quit",
        "quit at once (everything so far is already saved; the next start offers to resume)",
        footer=False,
        screen="app",
    ),
)

KEYS: tuple[Key, ...] = PLAY_KEYS + APP_KEYS


def plain_actions() -> dict[str, str]:
    """What each typed line (trimmed, folded) asks for in plain mode: word → key id."""
    return {word: key.id for key in KEYS for word in key.plain}


def plain_key_line() -> str:
    """Plain mode's prompt: the keys it takes."""
    shown = [f"{key.plain[0] or '[Enter]'} {key.id}" for key in KEYS if key.plain]
    return "  ".join(shown)


def plain_help() -> list[str]:
    """Plain mode's help: one line per key it takes."""
    return [f"{key.plain[0] or 'Enter'}: {key.help}" for key in KEYS if key.plain]


def readme_rows() -> list[str]:
    """The README's key table rows, in order."""
    return [f"| {key.shown} | {key.help} |" for key in KEYS]
