"""Reading rows that may be damaged: every value checked, a bad row skipped, counted, kept.

A healthy database can still hold a row this code never wrote: a hand edit, another
program, a bit flip that SQLite's checks do not catch. Each reader checks every value it
takes from a row with the functions here; a value that is not what this code writes
raises ``BadRow``, the reader skips that row and records it in ``Unreadable``, and the
row stays on disk exactly as it is. Nothing here writes.
"""

from __future__ import annotations

import functools
import json
import math
import sqlite3
import traceback
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from closeness_cards.store.errors import StoreError

R = TypeVar("R")
T = TypeVar("T")

EARLIEST = datetime(1, 1, 3, tzinfo=timezone.utc)
"""The earliest moment a row may hold: a day inside the calendar in every time zone, so
showing it in the local zone can never run off the start of the calendar."""
LATEST = datetime(9999, 12, 29, tzinfo=timezone.utc)
"""The latest moment a row may hold, likewise a day inside the end of the calendar."""
LONGEST_SECONDS = 1e9
"""The longest time together a session may record (about 31 years); any longer is damage,
and would overflow the timers and durations that read it."""

_NOUNS: dict[str, tuple[str, str]] = {
    "session": ("session in the history", "sessions in the history"),
    "unfinished": ("unfinished session", "unfinished sessions"),
    "play": ("card played in a session", "cards played in sessions"),
    "checkin": ("check-in", "check-ins"),
    "favourite": ("favourite", "favourites"),
    "hidden": ("hidden card", "hidden cards"),
    "revisit": ("card marked to revisit", "cards marked to revisit"),
    "seen": ("record of when a card was last answered", "records of when cards were last answered"),
}
"""What each kind of row is called in a notice, one and many."""


class BadRow(ValueError):
    """A row holds a value this code never writes there; the row is skipped, not changed."""


class Unreadable:
    """The rows a database connection found it could not read, so each is told once.

    Keys identify rows (a table's rowid or primary key), so reading the same bad row again
    (the history screen refreshed, an export after a listing) adds nothing new to say.
    """

    def __init__(self) -> None:
        self._found: dict[str, set[Hashable]] = {}
        self._told: dict[str, int] = {}

    def add(self, kind: str, key: Hashable) -> None:
        """Record that a row of ``kind`` (a key of the notice nouns) was skipped."""
        self._found.setdefault(kind, set()).add(key)

    def count(self, kind: str) -> int:
        """How many distinct rows of ``kind`` were skipped so far."""
        return len(self._found.get(kind, ()))

    def new_notices(self) -> list[str]:
        """One notice per kind for the rows found since the last call; [] when none."""
        notices: list[str] = []
        for kind, keys in self._found.items():
            new = len(keys) - self._told.get(kind, 0)
            if new > 0:
                notices.append(skipped_notice(kind, new))
                self._told[kind] = len(keys)
        return notices


def skipped_notice(kind: str, count: int) -> str:
    """Say that ``count`` rows of ``kind`` were skipped and are still kept on disk."""
    one, many = _NOUNS[kind]
    if count == 1:
        return f"1 {one} could not be read and was skipped; it is kept on disk."
    return f"{count} {many} could not be read and were skipped; they are kept on disk."


def text(value: object) -> str:
    """A text column's value; NULL, numbers and blobs are damage."""
    if type(value) is not str:
        raise BadRow("not text")
    return value


def optional_text(value: object) -> str | None:
    """A text column that may be NULL."""
    return None if value is None else text(value)


def whole(value: object, low: int | None = None, high: int | None = None) -> int:
    """An integer column's value within ``low`` to ``high``; text, reals, blobs are damage."""
    if type(value) is not int:
        raise BadRow("not a whole number")
    if (low is not None and value < low) or (high is not None and value > high):
        raise BadRow("out of range")
    return value


def choice(value: object, allowed: Sequence[str]) -> str:
    """A text column that holds one of a few words."""
    if type(value) is not str or value not in allowed:
        raise BadRow("not one of the choices")
    return value


def seconds(value: object) -> float | None:
    """A time together in seconds, or NULL: finite, not negative, not absurdly long."""
    if value is None:
        return None
    if type(value) not in (int, float):
        raise BadRow("not a number")
    number = float(value)  # type: ignore[arg-type]
    if not 0.0 <= number <= LONGEST_SECONDS:  # also false for NaN
        raise BadRow("out of range")
    return number


_ZERO = timedelta(0)


def moment(value: object) -> datetime:
    """A moment written by ``timestamps.to_text``, as an aware UTC datetime.

    Text that reads as a date in another form is accepted (a naive one is taken as UTC),
    as long as every local clock can show it.
    """
    if type(value) is not str:
        raise BadRow("not text")
    try:
        read = datetime.fromisoformat(value)
        if read.tzinfo is None:
            read = read.replace(tzinfo=timezone.utc)
        elif read.tzinfo is not timezone.utc and read.utcoffset() != _ZERO:
            read = read.astimezone(timezone.utc)
    except (ValueError, OverflowError) as error:
        raise BadRow("not a date") from error
    if not EARLIEST <= read <= LATEST:
        raise BadRow("out of range")
    return read


def optional_moment(value: object) -> datetime | None:
    """A moment that may be NULL."""
    return None if value is None else moment(value)


def names(value: object) -> tuple[str, ...]:
    """A JSON list of names (players, decks, stages), as a tuple."""
    if type(value) is not str:
        raise BadRow("not text")
    return names_in(value)


@functools.lru_cache(maxsize=512)
def names_in(value: str) -> tuple[str, ...]:
    """The names in a JSON list that is known to be text (``names`` checks that first)."""
    # Cached: the same groups and decks recur on thousands of rows. A BadRow is not
    # cached, which only costs time on rows that are damaged.
    parsed = loads(value)
    if type(parsed) is not list or any(type(name) is not str for name in parsed):
        raise BadRow("not a list of names")
    return tuple(parsed)


def json_object(value: object) -> dict[str, Any]:
    """A JSON object kept as text (options)."""
    if type(value) is not str:
        raise BadRow("not text")
    parsed = loads(value)
    if type(parsed) is not dict:
        raise BadRow("not a JSON object")
    return parsed


def loads(value: str | bytes) -> Any:
    """Parse JSON; anything that is not JSON (or is nested past the parser's stack) is damage."""
    try:
        return json.loads(value)
    except (ValueError, RecursionError) as error:
        raise BadRow("not JSON") from error


def readable(
    found: Iterable[R],
    build: Callable[[R], T],
    unreadable: Unreadable,
    kind: str,
    key: Callable[[R], Hashable],
    unique: Callable[[T], Hashable] | None = None,
    limit: int | None = None,
) -> list[T]:
    """Build a record from each row; a row that raises ``BadRow`` is skipped and recorded.

    With ``unique``, a second row for the same thing (``unique(record)``) is skipped too:
    the schema allows one, and a front end may key a list by it. With ``limit``, no more
    rows are taken once that many records are built (``found`` may be a lazy ``pages``).
    """
    records: list[T] = []
    taken: set[Hashable] = set()
    if limit is not None and limit <= 0:
        return records
    for row in found:
        try:
            record = build(row)
            if unique is not None:
                name = unique(record)
                if name in taken:
                    raise BadRow("a second row for one thing")
                taken.add(name)
            records.append(record)
        except BadRow:
            unreadable.add(kind, key(row))
            continue
        if len(records) == limit:
            break
    return records


def pages(conn: sqlite3.Connection, query: str, size: int) -> Iterator[sqlite3.Row]:
    """The rows of ``query`` (ordered, ending in ``LIMIT ? OFFSET ?``), ``size`` at a time.

    For a list that shows its first ``size`` records: SQLite orders and hands over one page,
    and the next page is read only when damaged rows left the first one short. The query's
    order must be total (end on a rowid), so that no row falls between two pages.
    """
    size = max(size, 1)
    offset = 0
    while True:
        page = conn.execute(query, (size, offset)).fetchall()
        yield from page
        if len(page) < size:
            return
        offset += size


PLAN_NESTING = 8
"""How deep a saved deal may nest: ``dump_plan`` writes four levels (the deal, its steps, a
step, its answerers). Deeper JSON could exhaust the stack of a reader deeper in a program."""


def plan(value: object) -> str:
    """A saved deal: text of a JSON object that any JSON reader takes without failing.

    Only what could make a reader fail other than by saying the plan is unreadable is
    checked here: not text, not JSON, not an object, nested deeper than ``PLAN_NESTING``,
    or holding a number that is no number (``NaN``, ``Infinity``, ``1e999``). What the
    object means (a deal of this version, with decks that are still there) is the table's
    to judge, and to refuse with a reason.
    """
    body = text(value)
    try:
        document = json.loads(body, parse_constant=refuse_constant, parse_float=finite_float)
    except (ValueError, RecursionError) as error:
        raise BadRow("not JSON") from error
    if type(document) is not dict or nesting(document) > PLAN_NESTING:
        raise BadRow("not a plan")
    return body


class NotANumber(ValueError):
    """JSON holds a number that is no number: ``NaN``, ``Infinity``, or one too large."""


def refuse_constant(name: str) -> object:
    """``json.loads``'s ``parse_constant``: ``NaN`` and ``Infinity`` are not numbers."""
    raise NotANumber(f"{name} is not a number")


def finite_float(digits: str) -> float:
    """``json.loads``'s ``parse_float``: a number too large for a float (``1e999``) is none."""
    number = float(digits)
    if not math.isfinite(number):
        raise NotANumber(f"{digits} is too large")
    return number


def nesting(document: object) -> int:
    """How many levels of lists and objects a parsed document has (without recursion)."""
    # Only containers are kept from level to level: a long list of numbers costs a pass
    # over it, not a second list as long.
    deepest = 0
    level = [document] if isinstance(document, (list, dict)) else []
    while level:
        deepest += 1
        level = [
            child
            for container in level
            for child in (container.values() if isinstance(container, dict) else container)
            if isinstance(child, (list, dict))
        ]
    return deepest


class Undecodable(str):
    """Text read from a column whose bytes are not UTF-8 (bad bytes as lone surrogates).

    Its own type, so every check above (``type(value) is str``) refuses it as damage.
    """


class _ReadsText(Protocol):
    """What ``tolerant`` needs of a database (``store.db.Database``, which imports this)."""

    def read_any_text(self) -> bool: ...


D = TypeVar("D", bound=_ReadsText)
P = ParamSpec("P")


def decode_any(data: bytes) -> str:
    """Text from SQLite: UTF-8 as ``str``, anything else as ``Undecodable`` (to be refused)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return Undecodable(data.decode("utf-8", "surrogateescape"))


def tolerant(read: Callable[Concatenate[D, P], T]) -> Callable[Concatenate[D, P], T]:
    """Make a read that fails on text that is not UTF-8 try once more, reading any text.

    The retry happens on any ``OperationalError`` while text is still decoded by the
    sqlite3 module (it gives no code that names a decoding failure); a failure for any
    other reason fails again in the retry and is raised as it was.
    """

    @functools.wraps(read)
    def run(db: D, /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return read(db, *args, **kwargs)
        except (sqlite3.OperationalError, StoreError) as error:
            cause = error if isinstance(error, sqlite3.Error) else error.__cause__
            if not isinstance(cause, sqlite3.OperationalError) or not db.read_any_text():
                raise
            # The failed read's cursors live on in the tracebacks' frames; until they go,
            # SQLite cannot finalize their statements, and closing would leave the file open
            # (until the collector happens to find them).
            failure: BaseException | None = error
            while failure is not None:  # the cause's frames too: the cursor may be there
                traceback.clear_frames(failure.__traceback__)
                failure = failure.__cause__ or failure.__context__
        return read(db, *args, **kwargs)

    return run
