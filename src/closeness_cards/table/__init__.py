"""The application layer: the table every front end drives, its events, and its ports.

The names below are imported when first used: a command that needs only the setup's
defaults (``table.setup``) does not load the store, the engine and the table at start-up.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from closeness_cards.store.favourites import Favourite, HiddenCard
    from closeness_cards.store.records import SessionDetail, SessionSummary, TrendPoint
    from closeness_cards.table.events import (
        Action,
        CardShown,
        CheckInAsked,
        DeeperChanged,
        Event,
        FavouriteChanged,
        Hidden,
        Passed,
        Phase,
        Reason,
        Refused,
        RevisitChanged,
        SessionOver,
        SetBreak,
        TimerChanged,
        TimeUp,
        TurnMoved,
        View,
        utc_now,
    )
    from closeness_cards.table.ports import Ports, Unfinished
    from closeness_cards.table.resuming import CannotResume, Why
    from closeness_cards.table.setup import (
        DEFAULT_PLAYERS,
        PASSES_MAX,
        PASSES_MIN,
        Choices,
        options_from,
    )
    from closeness_cards.table.table import Table

_WHERE: dict[str, str] = {
    "Action": "closeness_cards.table.events",
    "CannotResume": "closeness_cards.table.resuming",
    "CardShown": "closeness_cards.table.events",
    "CheckInAsked": "closeness_cards.table.events",
    "Choices": "closeness_cards.table.setup",
    "DEFAULT_PLAYERS": "closeness_cards.table.setup",
    "DeeperChanged": "closeness_cards.table.events",
    "Event": "closeness_cards.table.events",
    "Favourite": "closeness_cards.store.favourites",
    "FavouriteChanged": "closeness_cards.table.events",
    "Hidden": "closeness_cards.table.events",
    "HiddenCard": "closeness_cards.store.favourites",
    "PASSES_MAX": "closeness_cards.table.setup",
    "PASSES_MIN": "closeness_cards.table.setup",
    "Passed": "closeness_cards.table.events",
    "Phase": "closeness_cards.table.events",
    "Ports": "closeness_cards.table.ports",
    "Reason": "closeness_cards.table.events",
    "Refused": "closeness_cards.table.events",
    "RevisitChanged": "closeness_cards.table.events",
    "SessionDetail": "closeness_cards.store.records",
    "SessionOver": "closeness_cards.table.events",
    "SessionSummary": "closeness_cards.store.records",
    "SetBreak": "closeness_cards.table.events",
    "Table": "closeness_cards.table.table",
    "TimeUp": "closeness_cards.table.events",
    "TimerChanged": "closeness_cards.table.events",
    "TrendPoint": "closeness_cards.store.records",
    "TurnMoved": "closeness_cards.table.events",
    "Unfinished": "closeness_cards.table.ports",
    "View": "closeness_cards.table.events",
    "Why": "closeness_cards.table.resuming",
    "options_from": "closeness_cards.table.setup",
    "utc_now": "closeness_cards.table.events",
}
"""Each name this package offers, and the module that holds it."""


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next use is an ordinary lookup
    return value


__all__ = [
    "DEFAULT_PLAYERS",
    "PASSES_MAX",
    "PASSES_MIN",
    "Action",
    "CannotResume",
    "CardShown",
    "CheckInAsked",
    "Choices",
    "DeeperChanged",
    "Event",
    "Favourite",
    "FavouriteChanged",
    "Hidden",
    "HiddenCard",
    "Passed",
    "Phase",
    "Ports",
    "Reason",
    "Refused",
    "RevisitChanged",
    "SessionDetail",
    "SessionOver",
    "SessionSummary",
    "SetBreak",
    "Table",
    "TimeUp",
    "TimerChanged",
    "TrendPoint",
    "TurnMoved",
    "Unfinished",
    "View",
    "Why",
    "options_from",
    "utc_now",
]
