"""The closeness check-in: the scale by keys and mouse, skipping, and the trend over sessions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.app import App, ComposeResult
from textual.widgets import Sparkline, Static

from closeness_cards.core.library import Library
from closeness_cards.store.checkins import checkin_trend, record_checkin
from closeness_cards.store.db import open_database
from closeness_cards.store.history import start_session
from closeness_cards.table import Choices as SetupChoices
from closeness_cards.text.words import closeness_line
from closeness_cards.tui.screens.checkin import CheckInScreen
from closeness_cards.tui.screens.play import PlayScreen
from closeness_cards.tui.screens.summary import SummaryScreen
from closeness_cards.tui.widgets.closeness import (
    GEOMETRY,
    VALUES,
    ClosenessScale,
    pair_art,
    scale_layout,
    slot_width,
)
from closeness_cards.tui.widgets.trend import ClosenessTrend
from support.tui import make_app

T0 = datetime(2026, 1, 9, 20, 0, tzinfo=timezone.utc)
Result = dict[str, int | None]


class CheckInHost(App[None]):
    """A bare app that shows one check-in and keeps what it was dismissed with."""

    def __init__(self, players: tuple[str, ...], moment: str = "before") -> None:
        super().__init__()
        self.players = players
        self.moment = moment
        self.results: list[Result | None] = []

    def compose(self) -> ComposeResult:
        yield Static("the table")

    def on_mount(self) -> None:
        self.push_screen(CheckInScreen(self.players, self.moment), self.results.append)


def question(app: App[None]) -> str:
    return str(app.screen.query_one("#checkin-question", Static).render())


def test_every_pair_is_distinct_and_fits_its_slot() -> None:
    for lines in GEOMETRY:
        arts = [pair_art(value, lines) for value in VALUES]
        assert len({art.rows for art in arts}) == 7
        for art in arts:
            assert len(art.rows) == lines
            assert all(len(row) == slot_width(lines) for row in art.rows)
    assert scale_layout(90).rows == (VALUES,) and scale_layout(90).lines == 3
    assert len(scale_layout(56).rows) == 2
    assert all(len(row) <= 2 for row in scale_layout(20).rows)


async def test_number_keys_choose_for_each_player_in_a_small_terminal() -> None:
    app = CheckInHost(("Ana", "Ben"))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        # Everything shows: the two rows of pairs in full, the buttons inside the border.
        scale = screen.query_one(ClosenessScale)
        assert len(scale.layout_for().rows) == 2
        assert scale.region.height == scale.layout_for().height
        box, buttons = screen.query_one("#checkin").region, screen.query_one("#checkin-buttons")
        assert box.height <= 20 and buttons.region.bottom <= box.bottom - 1
        assert question(app) == "Ana, how close do you feel to Ben right now?"
        await pilot.press("5")
        assert question(app) == "Ben, how close do you feel to Ana right now?"
        assert scale.cursor is None
        await pilot.press("3")
        await pilot.pause()
    assert app.results == [{"Ana": 5, "Ben": 3}]


async def test_arrows_and_enter_then_skip() -> None:
    app = CheckInHost(("Ana", "Ben"), "after")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        scale = app.screen.query_one(ClosenessScale)
        assert scale.layout_for().rows == (VALUES,)
        await pilot.press("enter")
        assert "Ana," in question(app)
        await pilot.press("right")
        assert scale.cursor == 4
        await pilot.press("right", "right", "right", "left", "enter")
        assert "Ben," in question(app)
        await pilot.press("s")
        await pilot.pause()
    assert app.results == [{"Ana": 6, "Ben": None}]


async def test_a_click_chooses_and_escape_skips_the_rest() -> None:
    app = CheckInHost(("Ana", "Ben", "Cleo"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "to the others" in question(app)
        six = app.screen.query_one(ClosenessScale).pair_region(6)
        await pilot.click(ClosenessScale, offset=(six.x + six.width // 2, six.y + 1))
        assert "Ben," in question(app)
        await pilot.click("#checkin-skip")
        assert "Cleo," in question(app)
        assert isinstance(app.focused, ClosenessScale)
        await pilot.press("escape", "y")  # asked first
        await pilot.pause()
    assert app.results == [{"Ana": 6, "Ben": None, "Cleo": None}]
    line = closeness_line(("Ana", "Ben", "Cleo"), {"Ana": (3, 6), "Ben": (4, None)})
    assert line == "Closeness (1–7): Ana 3 → 6 · Ben 4 before"


class TrendHost(App[None]):
    def __init__(self, trend: ClosenessTrend) -> None:
        super().__init__()
        self.trend = trend

    def compose(self) -> ComposeResult:
        yield self.trend


async def test_trend_of_a_group_from_the_store() -> None:
    db = open_database()
    ratings = [(3, 4, 4, None), (4, 5, 4, 5), (None, 5, 5, 6), (5, 6, None, None)]
    for week, (ana_before, ana_after, ben_before, ben_after) in enumerate(ratings):
        session_id = start_session(
            db,
            players=["Ana", "Ben"],
            stage="dating",
            shape="quick",
            depth="rise",
            seed=week,
            decks=["dating"],
            options={},
            plan_json="{}",
            started_at=T0 + timedelta(weeks=week),
        )
        for player, moment, value in (
            ("Ana", "before", ana_before),
            ("Ana", "after", ana_after),
            ("Ben", "before", ben_before),
            ("Ben", "after", ben_after),
        ):
            if value is not None:
                record_checkin(db, session_id, player=player, moment=moment, value=value, at=T0)
    points = checkin_trend(db, ["Ana", "Ben"])
    db.close()

    app = TrendHost(ClosenessTrend(["Ana", "Ben"], points))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        trend = app.trend
        # Each session's own before → after, never one session's before with another's after.
        assert trend.summary == (
            "Ana: last time 5 → 6 · 4 sessions · Ben: last time 5 → 6 · 3 sessions"
        )
        texts = [str(s.render()) for s in trend.query(".trend-text").results(Static)]
        assert texts == ["last time 5 → 6 · 4 sessions", "last time 5 → 6 · 3 sessions"]
        lines = list(trend.query(Sparkline).results(Sparkline))
        assert [line.size.width for line in lines] == [8, 6]
        ana = lines[0].render_line(0).text
        # True heights: Ana's 4, 5, 5, 6 rise; they would be flat-bottomed if rescaled.
        assert ana.strip() and ana[0] != "▁"
        trend.show(["Cleo", "Dan"], [])
        await pilot.pause()
        assert not trend.display


async def test_check_ins_around_a_session_reach_summary_and_history(
    builtin_library: Library,
) -> None:
    app = make_app(builtin_library, choices=SetupChoices(players=("Ana", "Ben"), opening=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("3", "4")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("q", "y", "q")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("5", "s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        line = str(app.screen.query_one("#summary-closeness", Static).render())
        assert line == "Closeness (1–7): Ana 3 → 5 · Ben 4 before"
        await pilot.press("f3")
        await pilot.pause()
        trend = app.screen.query_one(ClosenessTrend)
        assert (
            trend.summary
            == "Ana: last time 3 → 5 · 1 session · Ben: last time 4 before · 1 session"
        )


async def test_a_resumed_session_whose_check_in_was_skipped_still_asks_at_the_end(
    builtin_library: Library,
) -> None:
    choices = SetupChoices(players=("Ana", "Ben"), opening=False)
    first = make_app(builtin_library, choices=choices)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(first.screen, CheckInScreen)
        await pilot.press("escape", "y")  # skip everyone's check-in before, once asked
        await pilot.pause()
        await pilot.press("space", "ctrl+q")
    again = make_app(builtin_library, choices=choices)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y")  # resume
        await pilot.pause()
        assert isinstance(again.screen, PlayScreen)
        await pilot.press("q", "y", "q")  # end here; the closing card ends it
        await pilot.pause()
        assert isinstance(again.screen, CheckInScreen)
        assert again.screen.moment == "after"
        await pilot.press("5", "s")
        await pilot.pause()
        assert isinstance(again.screen, SummaryScreen)
