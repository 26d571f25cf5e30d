"""Past sessions, one row each, and a detail view with the cards in the order played."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from closeness_cards.text import words
from closeness_cards.text.formats import format_duration, format_moment, format_players
from closeness_cards.text.labels import shape_label, stage_label
from closeness_cards.tui.safe import lines, plain
from closeness_cards.tui.screens.confirm import ConfirmScreen
from closeness_cards.tui.widgets.trend import MOST_SESSIONS, ClosenessTrend

if TYPE_CHECKING:
    from closeness_cards.table import SessionSummary
    from closeness_cards.tui.app import CardsApp

PLAYERS_WIDTH = 18
"""The players column's width: names past it end in "…" (the details show them whole)."""


def clipped(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in "…" when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


OUTCOME_MARKS = {"answered": "✓", "passed": "passed", "hidden": "hidden"}
PAGE = 100
"""Sessions read at a time: the newest page on opening, the next when the cursor reaches
the last row, so opening costs the same at 100 sessions as at 100,000."""
STATUS_MARKS = {"finished": "", "ended-early": "early", "active": "open", "abandoned": "closed"}


class HistoryScreen(Screen[None]):
    """Every session kept, newest first."""

    CSS_PATH = "lists.tcss"

    BINDINGS = [
        Binding("escape", "app.go_back", "Back"),
        Binding("enter", "open", "Details", show=True),
        Binding("x,delete", "forget", "Forget"),
    ]

    app: CardsApp

    def __init__(self) -> None:
        super().__init__()
        self._groups: dict[str, tuple[str, ...]] = {}
        """Each session's players, by row key."""
        self._trend_group: str | None = None
        """The group whose closeness trend is shown, so moving within it reads nothing."""
        self._read = 0
        """Sessions asked for so far (the offset of the next page)."""
        self._more = False
        """Whether an older page may follow."""

    def compose(self) -> ComposeResult:
        yield Static("History", classes="screen-title")
        yield ClosenessTrend(id="trend")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="list-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_sessions()
        self.query_one("#sessions", DataTable).focus()

    def refresh_sessions(self) -> None:
        """Read the sessions again."""
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        # Narrow enough for 80 columns: the shape and the wildcards are in the details.
        table.add_columns("Date", "Players", "Stage", "Cards", "Passed", "Time", "")
        game = self.app.table
        self._groups = {}
        self._read = 0
        sessions = self._add_page(table)
        note = self.query_one("#list-note", Static)
        if not game.kept:
            note.update(
                plain(game.notices[-1])
                if game.notices
                else "A private session: nothing is kept after you quit."
            )
        elif not table.row_count:
            note.update("No sessions yet. Your first one will show here.")
        else:
            note.update(self._note())
        self._trend_group = None
        self.show_trend(sessions[0].players if sessions else ())

    def _add_page(self, table: DataTable[object]) -> list[SessionSummary]:
        """Read the next page of older sessions into the table; return them."""
        sessions = self.app.table.ports.archive.sessions(limit=PAGE, offset=self._read)
        self._read += PAGE
        self._more = bool(sessions)
        for item in sessions:
            key = str(item.id)
            if key in self._groups:  # a session forgotten meanwhile moved the pages up
                continue
            self._groups[key] = item.players
            table.add_row(
                format_moment(item.started_at).split(" ")[0],
                plain(clipped(format_players(item.players), PLAYERS_WIDTH)),
                plain(stage_label(item.stage)),
                str(item.questions),
                str(item.passed),
                format_duration(item.duration_seconds),
                STATUS_MARKS.get(item.status, item.status),
                key=key,
            )
        return sessions

    def _note(self) -> str:
        keys = "Enter: the cards of a session · x: forget it · escape: back"
        if self._more and len(self._groups) >= PAGE:
            return f"{keys} · older sessions load as you move down"
        return keys

    @on(DataTable.RowHighlighted, "#sessions")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is None or event.row_key.value is None:  # an empty table
            return
        table = event.data_table
        if self._more and event.cursor_row >= table.row_count - 1:
            self._add_page(table)
            self.query_one("#list-note", Static).update(self._note())
        self.show_trend(self._groups.get(str(event.row_key.value), ()))

    def show_trend(self, players: tuple[str, ...]) -> None:
        """Show the closeness trend of this group of players (none: nothing)."""
        group = "\x1f".join(sorted(name.casefold() for name in players))
        if group != self._trend_group:
            self._trend_group = group
            archive = self.app.table.ports.archive
            # Only the sessions a sparkline draws are read; the counts come from SQLite.
            points = archive.trend(players, MOST_SESSIONS) if players else []
            counts = archive.trend_counts(players) if points else {}
            self.query_one(ClosenessTrend).show(players, points, counts)

    def _selected(self) -> int | None:
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        session_id = self._selected()
        if session_id is not None:
            self.app.push_screen(SessionDetailScreen(session_id))

    def action_forget(self) -> None:
        session_id = self._selected()
        if session_id is None:
            return

        def answered(forget: bool | None) -> None:
            if forget and self.app.table.ports.archive.forget(session_id):
                self.notify("That session is forgotten.", timeout=3, markup=False)
                self.refresh_sessions()

        self.app.push_screen(
            ConfirmScreen(
                "Forget this session for good? This cannot be undone.",
                yes="Forget",
                no="Keep",
                destructive=True,
            ),
            answered,
        )


class SessionDetailScreen(Screen[None]):
    """One session: who played, and each card in order with what became of it."""

    CSS_PATH = "lists.tcss"

    BINDINGS = [Binding("escape", "app.go_back", "Back")]

    app: CardsApp

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        detail = self.app.table.ports.archive.detail(self.session_id)
        with VerticalScroll(id="detail"):
            if detail is None:
                yield Static("This session is no longer kept.", markup=False)
            else:
                item = detail.summary
                yield Static(
                    plain(
                        f"{format_moment(item.started_at)} · {format_players(item.players)} · "
                        f"{stage_label(item.stage)} · {shape_label(item.shape)} · "
                        f"{format_duration(item.duration_seconds)}"
                    ),
                    classes="screen-title",
                )
                played = [
                    f"{n}. [{OUTCOME_MARKS.get(p.outcome, p.outcome)}] {p.text}  "
                    f"({words.who_played(p.reader, p.answerers, p.outcome)})"
                    for n, p in enumerate(detail.plays, 1)
                ]
                yield Static(lines(played) if played else "No cards were played.")
                if detail.revisits:
                    marks = lines(f"⚑ {r.text}" for r in detail.revisits)
                    yield Static(Text("\nTo revisit:\n") + marks, id="detail-revisits")
        yield Footer()
