"""Whether an unfinished session can be picked up: its plan, its decks, and where it is open."""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import Enum

from closeness_cards.core.game import Deal
from closeness_cards.core.library import Library
from closeness_cards.core.plan import load_plan
from closeness_cards.store.leases import Holder, this_host
from closeness_cards.table.ports import Unfinished

CHECK_IN = "check_in"
"""The key, in a session's kept options, of whether it began with the closeness check-in."""


def check_in_of(options: Mapping[str, object]) -> bool | None:
    """Whether a kept session began with the check-in; None when that was not kept."""
    value = options.get(CHECK_IN)
    return value if isinstance(value, bool) else None


class Why(str, Enum):
    """Why a session cannot be resumed."""

    OPEN_ELSEWHERE = "open-elsewhere"
    MISSING_DECKS = "missing-decks"
    UNREADABLE = "unreadable"


class CannotResume(Exception):
    """A session that cannot be resumed now; it stays unfinished unless it is unreadable."""

    def __init__(self, why: Why, *, where: str = "", decks: tuple[str, ...] = ()) -> None:
        super().__init__(why.value)
        self.why = why
        self.where = where
        """Where the session is open (OPEN_ELSEWHERE): "process 4242 on this computer"."""
        self.decks = decks
        """The decks it needs that are not loaded (MISSING_DECKS)."""


def read_plan(unfinished: Unfinished, library: Library) -> tuple[Deal, dict[str, int]]:
    """The saved deal of an unfinished session, and the passes each player has left.

    Raises:
        CannotResume: a deck the rest of the session needs is not loaded (it stays
            resumable), or the saved plan cannot be read.
    """
    try:
        needed = {str(step["card"]).split("/")[0] for step in _plan_steps(unfinished)}
    except (ValueError, KeyError, TypeError, OverflowError, RecursionError) as error:
        raise CannotResume(Why.UNREADABLE) from error
    missing = tuple(sorted(d for d in needed if library.deck(d) is None))
    if missing:
        raise CannotResume(Why.MISSING_DECKS, decks=missing)
    try:
        return load_plan(unfinished.plan_json, library)
    except ValueError as error:
        raise CannotResume(Why.UNREADABLE) from error


def open_elsewhere(other: Holder) -> CannotResume:
    """The refusal for a session another window has open, saying where."""
    here = other.host == this_host()
    where = f"process {other.pid} on this computer" if here else f"on {other.host}"
    return CannotResume(Why.OPEN_ELSEWHERE, where=where)


def _plan_steps(unfinished: Unfinished) -> list[dict[str, object]]:
    document = json.loads(unfinished.plan_json)
    steps = document["steps"]
    if not isinstance(steps, list):
        raise TypeError("steps")
    position = max(0, unfinished.position)
    left = steps[position:]
    if not all(isinstance(step, dict) and isinstance(step.get("card"), str) for step in left):
        raise TypeError("a step of the saved plan is not a card")
    return left
