"""Tables for tests: a library built in code, a clock that moves, SQLite or memory ports."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from closeness_cards.core.cards import Deck
from closeness_cards.core.library import Library
from closeness_cards.table import Table
from closeness_cards.table.memory import memory_ports
from closeness_cards.table.sqlite import open_ports
from support import make_cards

START = datetime(2026, 2, 14, 19, 30, tzinfo=timezone.utc)


class FakeClock:
    """A clock that moves one minute each time it is read (or stays, when told to)."""

    def __init__(self, step: timedelta = timedelta(minutes=1)) -> None:
        self.now = START
        self.step = step

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


def library_of(per_depth: int = 10, **kwargs: object) -> Library:
    """A library of one deck of cards made in code."""
    return Library((Deck("test", "Test", tuple(make_cards(per_depth, **kwargs))),))  # type: ignore[arg-type]


def sqlite_table(library: Library | None = None, clock: FakeClock | None = None) -> Table:
    """A table keeping everything in the test's temporary home."""
    return Table(library or library_of(), open_ports(), clock=clock or FakeClock())


def memory_table(library: Library | None = None, clock: FakeClock | None = None) -> Table:
    """A table keeping everything in memory (a private session)."""
    return Table(library or library_of(), memory_ports(notice=None), clock=clock or FakeClock())
