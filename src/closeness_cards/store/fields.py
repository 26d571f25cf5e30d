"""Checking the fields of an untrusted JSON document, each problem said with where it is.

Where a value sits is written as a path into the document (``sessions[3].plays[0].depth``);
every check either returns the value, of its type, or raises ``ImportRefused`` naming that
path and what the value must be. The value itself is never quoted: it may be anything.
Dates and times of the day are checked as ``store.rows`` checks a stored row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from closeness_cards.core.decktext import hidden_character
from closeness_cards.core.game import GameError, check_name
from closeness_cards.core.game import check_players as check_names
from closeness_cards.core.safe_text import for_terminal
from closeness_cards.store import rows
from closeness_cards.text.words import game_error

T = TypeVar("T")

KEY_SHOWN = 40
"""How much of a key the document should not hold is quoted in a message."""
_BREAKS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")
"""Tabs and line breaks: kept text is one line (a deck makes its text so)."""


class ImportRefused(ValueError):
    """A document cannot be imported; the message is one line: where, and what is wrong."""


def keys_of(
    value: object, where: str, keys: Sequence[str], optional: Sequence[str] = ()
) -> dict[str, Any]:
    """An object holding exactly ``keys``, and any of ``optional`` (added to the format
    later: an older export lacks them).

    Raises:
        ImportRefused: It is not an object, lacks one of the keys, or holds another.
    """
    name = where or "the document"
    if type(value) is not dict:
        raise ImportRefused(f"{name} must be an object")
    for key in keys:
        if key not in value:
            raise ImportRefused(f"{name} has no {key!r}")
    if len(value) != len(keys) + sum(key in value for key in optional):
        extra = next(key for key in value if key not in keys and key not in optional)
        shown = for_terminal(extra[:KEY_SHOWN])
        raise ImportRefused(f"{name} holds '{shown}', which an export does not")
    return value


def listed(
    value: object,
    where: str,
    check: Callable[[object, str], T],
    most: int | None = None,
) -> list[T]:
    """A list, each item checked by ``check`` (given the item and where it is).

    Raises:
        ImportRefused: It is not a list, holds more than ``most`` items, or an item is bad.
    """
    if type(value) is not list:
        raise ImportRefused(f"{where} must be a list")
    if most is not None and len(value) > most:
        raise ImportRefused(f"{where} must hold at most {most} items, not {len(value)}")
    return [check(item, f"{where}[{index}]") for index, item in enumerate(value)]


def whole(value: object, where: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` (``true`` and ``1.0`` are not)."""
    try:
        return rows.whole(value, low, high)
    except rows.BadRow:
        if low == high:
            raise ImportRefused(f"{where} must be {low}") from None
        raise ImportRefused(f"{where} must be a whole number from {low} to {high}") from None


def choice(value: object, where: str, allowed: Sequence[str]) -> str:
    """One of a few words."""
    try:
        return rows.choice(value, allowed)
    except rows.BadRow:
        raise ImportRefused(f"{where} must be {either(allowed)}") from None


def either(allowed: Sequence[str]) -> str:
    """The choices as a message names them: ``'a', 'b' or 'c'``."""
    quoted = [repr(word) for word in allowed]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def text(value: object, where: str, longest: int) -> str:
    """Text of one line, 1 to ``longest`` characters, with no control or hidden character."""
    if type(value) is not str:
        raise ImportRefused(f"{where} must be text")
    if not 1 <= len(value) <= longest:
        raise ImportRefused(f"{where} must be 1 to {longest} characters long, not {len(value)}")
    hidden = hidden_character(value)
    if hidden is not None:
        raise ImportRefused(f"{where} contains {hidden}")
    if not _BREAKS.isdisjoint(value):
        raise ImportRefused(f"{where} contains a tab or a line break")
    return value


def optional_text(value: object, where: str, longest: int) -> str | None:
    """Text as ``text`` takes it, or null."""
    return None if value is None else text(value, where, longest)


def moment(value: object, where: str) -> datetime:
    """A date and time in ISO 8601, as an aware UTC datetime (a naive one is taken as UTC)."""
    try:
        return rows.moment(value)
    except rows.BadRow:
        raise ImportRefused(
            f"{where} must be a date and time such as 2024-05-01T19:30:00+00:00, "
            f"from {rows.EARLIEST.date()} to {rows.LATEST.date()}"
        ) from None


def seconds(value: object, where: str) -> float | None:
    """A time together in seconds, or null."""
    try:
        return rows.seconds(value)
    except rows.BadRow:
        raise ImportRefused(
            f"{where} must be a number of seconds from 0 to {rows.LONGEST_SECONDS:.0f}, or null"
        ) from None


def check_players(value: object, where: str) -> tuple[str, ...]:
    """A session's players: names as a new session takes them, written as it keeps them."""
    names = listed(value, where, _name)
    try:
        cleaned = check_names(names)
    except GameError as error:
        raise ImportRefused(f"{where}: {game_error(error)}") from None
    for index, (name, kept) in enumerate(zip(names, cleaned, strict=True)):
        if name != kept:
            raise ImportRefused(
                f"{where}[{index}] must be written as the game keeps a name: "
                "single spaces, none at either end"
            )
    return cleaned


def player(value: object, where: str) -> str:
    """One player's name, as a new session takes it and written as it keeps it."""
    name = _name(value, where)
    try:
        check_name(name)
    except GameError as error:
        raise ImportRefused(f"{where}: {game_error(error)}") from None
    if " ".join(name.split()) != name:
        raise ImportRefused(
            f"{where} must be written as the game keeps a name: single spaces, none at either end"
        )
    return name


def _name(value: object, where: str) -> str:
    if type(value) is not str:
        raise ImportRefused(f"{where} must be text")
    return value
