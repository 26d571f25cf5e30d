"""The host's terminal at a table played on several screens: the link, its QR code, the table."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static

from closeness_cards.core.safe_text import for_terminal
from closeness_cards.table import CheckInAsked, Event, Phase, SessionOver
from closeness_cards.table.seating import Seating
from closeness_cards.table.shared import NotShared, SharedTable
from closeness_cards.text import seats, words
from closeness_cards.tui.app import HEARTBEAT_SECONDS
from closeness_cards.tui.safe import lines

POLL_SECONDS = 0.2
SEATS_SECONDS = 0.5
"""How often the host looks who sits where (a seat whose screen died frees itself unseen)."""


class HostApp(App[int]):
    """Serves the room while it runs; quitting ends the room and every seat with it."""

    CSS_PATH = "host.tcss"
    TITLE = "closeness-cards · host"
    BINDINGS = [
        Binding("g", "go_on", "Go on without them", tooltip="Start without the missing check-ins"),
        Binding("q", "quit", "Quit", priority=True, tooltip="End the room for everyone"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]
    """g when a check-in waits for players with no seat; q (or ctrl+q) ends the room. The
    footer names q plainly: ctrl+q alone would show as ^q."""

    def __init__(
        self,
        shared: SharedTable,
        *,
        start: Callable[[], Awaitable[str]],
        stop: Callable[[], Awaitable[None]],
        qr: Callable[[str], list[str]],
        lan: bool,
    ) -> None:
        """Args:
        shared: The shared table.
        start: Opens the room; returns the join link.
        stop: Closes the room and its seats.
        qr: The link drawn as a QR code.
        lan: Whether other computers on the network may open the link.
        """
        super().__init__()
        self.shared = shared
        self.seating = Seating(shared)
        self.sitting: tuple[str, ...] | None = None
        """Who sat at the seats at the last look (None: not looked yet)."""
        self._start = start
        self._stop = stop
        self._qr = qr
        self.lan = lan
        self.link = ""
        self.closing = False
        """Whether the host has quit and the room is closing."""
        self.goodbye = ""
        """What the host's terminal says once the room has closed."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="host"):
            yield Static(id="host-qr")
            with Vertical(id="host-side"):
                yield Static(id="host-link")
                yield Static(id="host-table")
                yield Static(id="host-seats")
        yield Footer()

    async def on_mount(self) -> None:
        self.link = await self._start()
        self.query_one("#host-qr", Static).update(Text("\n".join(self._qr(self.link))))
        link = seats.join_lines(self.link, lan=self.lan)
        self.query_one("#host-link", Static).update(lines(link))
        self.set_interval(HEARTBEAT_SECONDS, self.shared.table.heartbeat)
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(SEATS_SECONDS, self.look_seats)
        self.draw(self.shared.current())
        self.look_seats()

    def poll(self) -> None:
        try:
            events = self.shared.poll()
        except NotShared as error:
            self.notify(for_terminal(str(error)), severity="error", markup=False)
            return
        if events:
            self.draw(events)

    def look_seats(self) -> None:
        """Who is sitting, and who is still free, as seats sit down and leave."""
        try:
            sitting = self.seating.sitting()
        except NotShared:
            return  # the table's own poll says what went wrong
        if sitting == self.sitting:
            return
        self.sitting = sitting
        said = seats.who_sits(sitting, self.seating.free(sitting))
        self.query_one("#host-seats", Static).update(lines(said))

    def draw(self, events: list[Event]) -> None:
        """What the table is doing, in a line or two (the cards are on the seats)."""
        table = self.shared.table
        said: list[str] = []
        for event in events:
            if isinstance(event, CheckInAsked):
                said.append(f"Check-in ({event.moment}): waiting for {', '.join(event.players)}")
            elif isinstance(event, SessionOver):
                said.append("The session is over: the summary is on every seat.")
        if table.phase is Phase.PLAYING:
            view = table.view()
            said.append(words.where(view))
            if view.closing:  # the seats' own words: the closing card is everyone's
                said.append(seats.closing_words(view.answerer, player=""))
            else:
                said.append(seats.on_the_table(view.reader, view.answerer))
        if said:
            self.query_one("#host-table", Static).update(lines(said))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.closing:
            return action == "quit"
        if action == "go_on":
            return self.shared.table.phase in (Phase.CHECK_IN_BEFORE, Phase.CHECK_IN_AFTER)
        return True

    def action_go_on(self) -> None:
        """Go on without the players who have not checked in (nobody sits at their seat)."""
        self.draw(self.shared.skip_check_in())

    async def action_quit(self) -> None:
        """End the room: say so at once, close every seat; the session stays resumable."""
        if self.closing:
            return
        self.closing = True
        self.query_one("#host-link", Static).update(seats.ROOM_CLOSING)
        self.refresh_bindings()
        self.run_worker(self._close_room(), exclusive=True)

    async def _close_room(self) -> None:
        await self._stop()
        table = self.shared.table
        resumable = table.phase in (Phase.CHECK_IN_BEFORE, Phase.PLAYING)
        table.leave()
        self.goodbye = seats.room_closed(resumable=resumable)
        self.exit(0)
