"""Answer timers: a stopwatch for an answer, or a countdown for a timed task."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime


class Timer:
    """A stopwatch, or a countdown when given a length; it reads time from a clock."""

    def __init__(self, clock: Callable[[], datetime], *, seconds: float | None = None) -> None:
        self.clock = clock
        self.length = seconds
        """Seconds to count down from; None for a stopwatch."""
        self._started: datetime | None = None
        self._banked = 0.0
        self.announced = False
        """Whether the end of the countdown has been announced to the players."""

    @property
    def running(self) -> bool:
        """Whether the timer is counting now."""
        return self._started is not None

    @property
    def elapsed(self) -> float:
        """Seconds counted so far."""
        if self._started is None:
            return self._banked
        return self._banked + max(0.0, (self.clock() - self._started).total_seconds())

    @property
    def remaining(self) -> float | None:
        """Seconds left of a countdown (never below zero); None for a stopwatch."""
        if self.length is None:
            return None
        return max(0.0, self.length - self.elapsed)

    @property
    def done(self) -> bool:
        """Whether a countdown has reached zero."""
        remaining = self.remaining
        return remaining is not None and remaining <= 0

    def toggle(self) -> bool:
        """Start or stop; returns whether it is running now."""
        if self._started is None:
            self._started = self.clock()
        else:
            self._banked = self.elapsed
            self._started = None
        return self.running

    def display(self) -> str:
        """What the players see: "m:ss" counted up, or left of a countdown."""
        seconds = self.remaining if self.length is not None else self.elapsed
        whole = int((seconds or 0.0) + (0.999 if self.length is not None else 0))
        return f"{whole // 60}:{whole % 60:02d}"
