"""How moments are written to and read from the database: fixed-width ISO-8601 UTC."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from operator import attrgetter

_ZONE = attrgetter("tzinfo")


def to_text(moment: datetime) -> str:
    """Write a timezone-aware datetime as fixed-width ISO-8601 UTC text.

    Fixed width (always with microseconds) keeps text order equal to time order, which
    the indexes and ``max()`` in queries rely on.

    Args:
        moment: A timezone-aware datetime.

    Returns:
        Text such as ``2024-05-01T19:30:00.000000+00:00``.

    Raises:
        ValueError: When ``moment`` is naive; a guessed zone would corrupt history order.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime must be timezone-aware, got {moment!r}")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    """Read text written by ``to_text`` back into an aware UTC datetime."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def from_texts(texts: Iterable[str]) -> list[datetime]:
    """Read many texts written by ``to_text``, as ``from_text`` would, at C speed.

    ``fromisoformat`` reads ``to_text``'s form on Python 3.10 too (it is exactly what
    ``isoformat`` writes). The loop runs inside ``map`` and the zone check inside ``set``:
    a Python call per moment would cost as much again on a history of thousands of cards.
    """
    moments = list(map(datetime.fromisoformat, texts))
    if None in set(map(_ZONE, moments)):
        moments = [m if m.tzinfo is not None else m.replace(tzinfo=timezone.utc) for m in moments]
    return moments


def optional_from_text(text: str | None) -> datetime | None:
    """Like ``from_text``, passing None through."""
    return None if text is None else from_text(text)


def now_utc() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)
