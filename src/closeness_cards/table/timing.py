"""The answer timer of the card on the table, and what happens when a countdown ends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from closeness_cards.core.cards import Card
from closeness_cards.core.timer import Timer
from closeness_cards.table.events import TimerChanged, TimeUp


class CardTimer:
    """A stopwatch for an answer, or a timed card's countdown; one per card on the table."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self.timer: Timer | None = None

    def toggle(self, card: Card) -> TimerChanged:
        """Start or stop it (a timed card counts down from its minutes)."""
        if self.timer is None:
            minutes = card.minutes
            self.timer = Timer(self.clock, seconds=minutes * 60 if minutes else None)
        running = self.timer.toggle()
        length = self.timer.length
        return TimerChanged(running, None if length is None else int(length))

    def tick(self) -> list[TimeUp]:
        """At zero a countdown stops, once, and says time is up; the players go on when ready."""
        timer = self.timer
        if timer is None or not timer.done or timer.announced:
            return []
        timer.announced = True
        if timer.running:
            timer.toggle()
        return [TimeUp()]

    def reset(self) -> None:
        """A new card: no timer."""
        self.timer = None
