"""Driving the real app with Pilot: a frozen clock and the app in a temporary home."""

from __future__ import annotations

from typing import Any

from closeness_cards.core.game import Options
from closeness_cards.core.library import Library
from closeness_cards.table import Choices, Table
from closeness_cards.table.sqlite import open_ports
from closeness_cards.tui.app import CardsApp
from support.table import START, FakeClock

__all__ = [
    "START",
    "FakeClock",
    "burst",
    "choices_of",
    "make_app",
    "notifications",
    "screen_rows",
]


def choices_of(options: Options) -> Choices:
    """The choices that deal exactly these options, straight to the cards."""
    return Choices(
        players=options.players,
        stage=options.stage,
        shape=options.shape,
        depth=options.depth,
        seed=options.seed,
        mature=options.mature,
        touch=options.touch,
        wildcards=options.wildcards,
        everyone=options.everyone,
        passes=options.passes,
        opening=False,
        check_in=False,
    )


def make_app(
    library: Library,
    *,
    options: Options | None = None,
    choices: Choices | None = None,
    history: bool = True,
    clock: FakeClock | None = None,
) -> CardsApp:
    """The real app at a table writing to the temporary home of the test.

    Args:
        library: The decks.
        options: Deal these at once, straight to the cards (as `play --stage` does).
        choices: What the setup screen starts with.
        history: False for a private session.
        clock: The game's clock; a fresh FakeClock by default.
    """
    table = Table(library, open_ports(history=history), clock=clock or FakeClock())
    first = None if options is None else choices_of(options)
    app = CardsApp(table, choices=first, defaults=choices)
    app.animation_level = "none"  # deterministic frames: no fades in tests
    return app


def notifications(app: CardsApp) -> list[str]:
    """Record every notification the app shows from now on (the list grows as it plays)."""
    shown: list[str] = []
    notify = app.notify

    def recording(message: str, **options: Any) -> None:
        shown.append(str(message))
        notify(message, **options)

    app.notify = recording  # type: ignore[method-assign]
    return shown


def screen_rows(app: CardsApp) -> list[str]:
    """The screen as lines of text, read from the app's own SVG screenshot."""
    import html
    import re

    rows: dict[float, list[tuple[float, str]]] = {}
    pattern = r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>'
    for match in re.finditer(pattern, app.export_screenshot()):
        x, y, text = float(match[1]), float(match[2]), html.unescape(match[3])
        rows.setdefault(y, []).append((x, text.replace("\xa0", " ")))
    return ["".join(text for _, text in sorted(rows[y])) for y in sorted(rows)]


async def burst(pilot: Any, *keys: str) -> None:
    """Send keys as one burst, as a paste or a fast typist does: every key reaches the app
    before it handles the first (Pilot's `press` waits for the app between keys)."""
    from textual import events

    app = pilot.app
    for key in keys:
        char = key if len(key) == 1 else {"space": " ", "enter": "\r"}.get(key)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()
