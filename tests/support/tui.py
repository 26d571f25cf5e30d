"""Driving the real app with Pilot: a frozen clock and the app in a temporary home."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from closeness_cards.core.game import Options
from closeness_cards.core.library import Library
from closeness_cards.journal import Journal
from closeness_cards.tui.app import CardsApp, SetupChoices

START = datetime(2026, 2, 14, 19, 30, tzinfo=timezone.utc)


class FakeClock:
    """A clock that moves one minute each time it is read."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def make_app(
    library: Library,
    *,
    options: Options | None = None,
    choices: SetupChoices | None = None,
    history: bool = True,
) -> CardsApp:
    """The real app, writing to the temporary home of the test."""
    app = CardsApp(
        library,
        journal=Journal.open(enabled=history),
        options=options,
        choices=choices,
        clock=FakeClock(),
    )
    app.animation_level = "none"  # deterministic frames: no fades in tests
    return app
