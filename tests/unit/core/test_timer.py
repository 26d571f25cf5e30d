"""Answer timers and task countdowns, on a clock the test moves by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from closeness_cards.core.timer import Timer


class HandClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 5, 1, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def test_a_stopwatch_counts_only_while_running() -> None:
    clock = HandClock()
    timer = Timer(clock)
    assert timer.display() == "0:00" and not timer.running
    assert timer.toggle()
    clock.advance(75)
    assert timer.display() == "1:15"
    assert not timer.toggle()
    clock.advance(100)
    assert timer.elapsed == 75
    timer.toggle()
    clock.advance(5)
    assert timer.display() == "1:20"
    assert timer.remaining is None and not timer.done


def test_a_countdown_shows_what_is_left_and_stops_at_zero() -> None:
    clock = HandClock()
    timer = Timer(clock, seconds=120)
    assert timer.display() == "2:00"
    timer.toggle()
    clock.advance(0.5)
    assert timer.display() == "2:00"
    clock.advance(59.5)
    assert timer.display() == "1:00" and not timer.done
    clock.advance(61)
    assert timer.done and timer.remaining == 0 and timer.display() == "0:00"
