"""The closeness trend: each player's check-ins over the group's sessions, as sparklines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from closeness_cards.table import TrendPoint
from closeness_cards.text.words import change_text
from closeness_cards.tui.widgets.turn import name_text, player_colour

MOST_SESSIONS = 40
"""Sessions drawn in a sparkline; older ones still count in the text."""
WIDE_UP_TO = 15
"""Up to this many sessions, each gets two cells, so a short trend is still easy to read."""

# Sparkline scales its bars between the smallest and largest value it is given, so a steady
# 6 would sit on the floor like a steady 1. Each session is therefore given with two anchors
# just outside 1 and 7, and the bar takes the session's own value back out of its bucket:
# the bars keep the scale's true heights.
_LOW, _HIGH = 1 - 1e-6, 7 + 1e-6


def _session_value(bucket: Sequence[float]) -> float:
    values = [value for value in bucket if _LOW < value < _HIGH]
    return sum(values) / len(values) if values else _LOW


@dataclass(frozen=True)
class PlayerTrend:
    """One player's closeness over the sessions where they checked in."""

    player: str
    values: tuple[int, ...]
    """Per session, oldest first: the value after it, or before it when after was skipped."""
    latest: tuple[int | None, int | None]
    """The latest session's own (before, after): never one session's before with another's
    after, which would read as a change that never happened."""
    checked_in: int | None = None
    """How many sessions the player checked in at in all, when ``values`` holds only the
    newest of them (None: ``values`` holds every one)."""

    @property
    def sessions(self) -> int:
        """How many sessions the player checked in at."""
        return max(self.checked_in or 0, len(self.values))

    def describe(self) -> str:
        """``last time 3 → 5 · 4 sessions``."""
        sessions = f"{self.sessions} session{'s' if self.sessions != 1 else ''}"
        return f"last time {change_text(*self.latest)} · {sessions}"


def player_trends(
    players: Sequence[str],
    points: Sequence[TrendPoint],
    counts: Mapping[str, int] | None = None,
) -> list[PlayerTrend]:
    """Each player's trend, in table order; players who never checked in are left out.

    ``counts`` (each player's sessions with a check-in, in all) is given when ``points``
    holds only the newest sessions.
    """
    counts = counts or {}
    trends = []
    for player in players:
        given = [point.values.get(player, (None, None)) for point in points]
        given = [pair for pair in given if pair != (None, None)]
        values = tuple(v for b, a in given for v in [a if a is not None else b] if v is not None)
        if given:
            trends.append(PlayerTrend(player, values, given[-1], counts.get(player)))
    return trends


def trend_summary(
    players: Sequence[str],
    points: Sequence[TrendPoint],
    counts: Mapping[str, int] | None = None,
) -> str:
    """All of it on one line: ``Ana: last time 3 → 5 · 4 sessions · Ben: ...``."""
    trends = player_trends(players, points, counts)
    return " · ".join(f"{t.player}: {t.describe()}" for t in trends)


class ClosenessTrend(Vertical):
    """How close each player has felt over the sessions of one group: a sparkline a player.

    Shows nothing (and takes no room) when the group has no check-ins.
    """

    DEFAULT_CSS = """
    ClosenessTrend {
        height: auto;
        padding: 0 1;
        margin-bottom: 1;
    }
    ClosenessTrend .trend-title { color: $text-muted; }
    ClosenessTrend .trend-row { height: 1; }
    ClosenessTrend .trend-name { width: auto; max-width: 18; margin-right: 1; }
    ClosenessTrend Sparkline { margin-right: 2; }
    ClosenessTrend .trend-text { width: 1fr; color: $text-muted; }
    """
    """A muted title, then one row a player: name, sparkline, change in words."""

    def __init__(
        self,
        players: Sequence[str] = (),
        points: Sequence[TrendPoint] = (),
        counts: Mapping[str, int] | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.players = tuple(players)
        self.points = tuple(points)
        self.counts = dict(counts or {})

    @property
    def summary(self) -> str:
        """The trend in one line of text."""
        return trend_summary(self.players, self.points, self.counts)

    def show(
        self,
        players: Sequence[str],
        points: Sequence[TrendPoint],
        counts: Mapping[str, int] | None = None,
    ) -> None:
        """Show the trend of another group, or the same group read again.

        ``points`` may be only the newest sessions (``MOST_SESSIONS`` are drawn), with
        ``counts`` saying how many each player checked in at in all.
        """
        self.players = tuple(players)
        self.points = tuple(points)
        self.counts = dict(counts or {})
        self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        trends = player_trends(self.players, self.points, self.counts)
        self.display = bool(trends)
        if not trends:
            return
        yield Static("How close you have felt (1 apart · 7 almost one)", classes="trend-title")
        width = max(len(t.player) for t in trends)
        for trend in trends:
            shown = trend.values[-MOST_SESSIONS:]
            cells = 2 if len(shown) <= WIDE_UP_TO else 1
            data = [v for session in shown for v in (session, _LOW, _HIGH) * cells]
            colour = Color.parse(player_colour(self.players, trend.player))
            line = Sparkline(
                data,
                min_color=colour.with_alpha(0.35),
                max_color=colour,
                summary_function=_session_value,
            )
            # As many cells as sessions and anchors, so each bucket is one value with its anchors.
            line.styles.width = len(shown) * cells
            name = name_text(self.players, trend.player, dark=self.app.current_theme.dark)
            name.pad_right(min(width, 18) - len(trend.player))
            with Horizontal(classes="trend-row"):
                yield Static(name, classes="trend-name")
                yield line
                yield Static(Text(trend.describe()), classes="trend-text")
