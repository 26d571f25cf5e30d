"""The application layer: the table every front end drives, its events, and its ports."""

from __future__ import annotations

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
    Notice,
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
    "Notice",
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
