"""A seat at a table played on several screens: one player's view of the shared table.

Each browser that opens the host's link runs one of these apps in its own process on the
host. The player picks their name, then sees the card, their role on it, their own tip
and the keys they may use; the seat follows the others' presses by polling the table.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from closeness_cards.core.safe_text import for_terminal
from closeness_cards.table import (
    Action,
    CardShown,
    CheckInAsked,
    DeeperChanged,
    Event,
    FavouriteChanged,
    Hidden,
    Passed,
    Phase,
    Refused,
    RevisitChanged,
    SessionOver,
    SetBreak,
    TurnMoved,
)
from closeness_cards.table.seating import RENEW_SECONDS, Seating
from closeness_cards.table.seats import not_offered, refusal, whose
from closeness_cards.table.shared import NotShared, SharedTable
from closeness_cards.text import seats, words
from closeness_cards.text.keys import APP_KEYS, PLAY_KEYS
from closeness_cards.tui.safe import lines, plain
from closeness_cards.tui.widgets.actions import ActionBar
from closeness_cards.tui.widgets.card import CardView
from closeness_cards.tui.widgets.turn import name_text

POLL_SECONDS = 0.1
"""How often a seat looks for the others' presses (a look that finds nothing reads nothing)."""
SEAT_KEYS = tuple(key for key in PLAY_KEYS if key.id != "timer") + tuple(
    key for key in APP_KEYS if key.id == "help"
)
"""The keys of a seat, from the one key table: the table's keys but the timer (a seat draws
no timer), and help."""
SEAT_ACTIONS = {
    bound: Action(key.action)
    for key in SEAT_KEYS
    if key.action in {action.value for action in Action}
    for bound in key.bind.split(",")
}
"""Each seat key that asks the table for something, by the key pressed."""


CHECKING_IN = {"before": Phase.CHECK_IN_BEFORE, "after": Phase.CHECK_IN_AFTER}
"""The table's phase while a check-in moment is open."""


class SeatScreen(Screen[None]):
    """The shared table, as one player's seat sees it."""

    BINDINGS = [
        Binding(
            key.bind,
            "keys" if key.id == "help" else f"act('{key.action}')",
            key.label,
            tooltip=key.help,
            id=key.id,
        )
        for key in SEAT_KEYS
    ]
    """Every seat key is shown, as a button to tap, while ``check_action`` allows it."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    """A short screen (a phone on its side) gets buttons one line high: room for the card."""

    def __init__(self, shared: SharedTable, player: str) -> None:
        super().__init__()
        self.shared = shared
        self.player = player
        self._asking: str | None = None
        """The check-in moment this seat is answering now, if any."""
        self._dialog: Screen[dict[str, int | None]] | None = None
        """The open check-in dialog, closed when the table goes on without it."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="seat"):
            yield Static(plain(seats.joined_as(self.player)), id="seat-player")
            yield Static(id="seat-role")
            yield Static(id="seat-status", markup=False)
            with Center(id="seat-card-row"):
                yield CardView(id="seat-card")
            yield Static(id="seat-tip")
            yield Static(id="seat-news", markup=False)
        yield ActionBar(id="seat-actions")

    def on_mount(self) -> None:
        self.render_events(self.shared.current())
        self.set_interval(POLL_SECONDS, self.poll)

    def poll(self) -> None:
        """Draw what the other seats did since the last look."""
        try:
            events = self.shared.poll()
        except NotShared as error:
            self.query_one("#seat-news", Static).update(for_terminal(str(error)))
            return
        if events:
            self.render_events(events)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys this seat's player may use now are shown and work."""
        if action != "act":
            return True
        table = self.shared.table
        if table.phase is not Phase.PLAYING:
            return False
        return self.player in whose(table.view(), Action(str(parameters[0])))

    def on_key(self, event: events.Key) -> None:
        """A table key that is not this seat's to press now says whose it is (and does
        nothing): a key that is, its binding runs."""
        action = SEAT_ACTIONS.get(event.key)
        table = self.shared.table
        if action is None or table.phase is not Phase.PLAYING:
            return
        if self.check_action("act", (action.value,)):
            return
        view = table.view()
        why = refusal(view, self.player, action)
        nobodys = not_offered(view, action)
        if why is not None:
            said = words.refusal(why[0].value, why[1])
        elif nobodys is not None:  # the card allows it to nobody: the table's own words
            said = words.refusal(nobodys.value)
        else:
            return
        self.query_one("#seat-news", Static).update(for_terminal(said))

    def action_act(self, name: str) -> None:
        """A key was pressed at this seat: the shared table decides."""
        action = Action(name)
        if action is Action.END:
            self._ask_to_end()
            return
        self.render_events(self.shared.act(self.player, action))

    def action_keys(self) -> None:
        """The keys of this seat and what each does."""
        from closeness_cards.tui.screens.seat_keys import SeatKeysScreen

        self.app.push_screen(SeatKeysScreen(SEAT_KEYS))

    def _ask_to_end(self) -> None:
        """One q at one seat ends the evening at every seat: ask first.

        The answer is checked against the table as it was when asked: if another seat
        ended it meanwhile, yes does not end the closing card too (refused as moved on).
        """
        from closeness_cards.tui.screens.confirm import ConfirmScreen

        seen = self.shared.version
        closing = self.shared.table.view().closing

        def answered(end: bool | None) -> None:
            if end:
                self.render_events(self.shared.act(self.player, Action.END, seen=seen))

        question = ConfirmScreen(
            seats.end_question(closing), yes=seats.END_YES, no=seats.END_NO, destructive=True
        )
        self.app.push_screen(question, answered)

    def render_events(self, events: list[Event]) -> None:
        """Draw the table's events at this seat."""
        news: list[str] = []
        # What the last card's news said (a pass, a hidden card) is not this card's news.
        moved = any(
            isinstance(e, (CardShown, TurnMoved, CheckInAsked, SessionOver)) for e in events
        )
        for event in events:
            if isinstance(event, (CardShown, TurnMoved, DeeperChanged)):
                self.draw()
            elif isinstance(event, Passed):
                news.append(words.passed(event.who, event.left))
            elif isinstance(event, Hidden):
                news.append(words.hidden(self.shared.table.kept))
            elif isinstance(event, SetBreak):
                title, body = words.set_break(event.set_number, event.sets, event.depth)
                news.append(f"{title}. {body}")
            elif isinstance(event, Refused):
                news.append(words.refusal(event.reason.value, event.who))
            elif isinstance(event, FavouriteChanged):
                news.append(words.favourite(event.kept, event.saved))
                self.draw()
            elif isinstance(event, RevisitChanged):
                news.append(words.revisit(event.marked, event.saved))
                self.draw()
            elif isinstance(event, CheckInAsked):
                self._check_in(event)
            elif isinstance(event, SessionOver):
                self._over(event)
        went_on = self._went_on()
        if went_on:
            news.append(went_on)
        if news or moved:
            self.query_one("#seat-news", Static).update(for_terminal(" ".join(news)))
        self.refresh_bindings()

    def draw(self) -> None:
        """The card on the table, this player's role on it, and their own tip."""
        if self.shared.table.phase is not Phase.PLAYING:
            return
        seat = self.shared.seat_view(self.player)
        view = seat.view
        dark = self.app.current_theme.dark
        if view.closing:
            role = seats.closing_words(view.answerer, self.player)
        else:
            role = seats.role_words(seat.role.value, view.answerer)
        self.query_one("#seat-role", Static).update(Text(role, style="bold"))
        left = view.passes_left.get(self.player, 0)
        status = f"{words.where(view)} · {seats.passes_left(left)}"
        self.query_one("#seat-status", Static).update(for_terminal(status))
        card = self.query_one(CardView)
        card.display = True
        card.show(view.card, deeper=view.deeper, marks=words.marks(view))
        tip = self.query_one("#seat-tip", Static)
        if seat.tip is not None and view.answerer is not None:
            tip.update(
                Text.assemble(
                    "While ",
                    name_text(view.players, view.answerer, dark=dark),
                    " answers: ",
                    plain(seat.tip, style="italic"),
                )
            )
            tip.display = True
        else:
            tip.display = False

    def _check_in(self, event: CheckInAsked) -> None:
        from closeness_cards.tui.screens.checkin import SeatCheckInScreen

        self.query_one(CardView).display = False
        self.query_one("#seat-tip", Static).display = False
        self.query_one("#seat-role", Static).update("")
        if self.player not in event.players:
            waiting = seats.waiting_for(event.players, event.moment)
            self.query_one("#seat-status", Static).update(for_terminal(waiting))
            return
        self.query_one("#seat-status", Static).update("")
        if self._asking == event.moment:
            return  # already asking
        self._close_dialog()  # a check-in of another moment the table went on from
        moment = self._asking = event.moment

        def answered(values: dict[str, int | None] | None) -> None:
            if self._asking != moment:
                return  # the table went on without this answer
            self._asking = None
            self._dialog = None
            value = (values or {}).get(self.player)
            self.render_events(self.shared.check_in(self.player, value))

        self._dialog = SeatCheckInScreen(self.player, moment)
        self.app.push_screen(self._dialog, answered)

    def _went_on(self) -> str:
        """Close the check-in this seat is answering when the table went on without it.

        Returns:
            What to tell the player ("" when the check-in is still open).
        """
        moment = self._asking
        if moment is None or self.shared.table.phase is CHECKING_IN[moment]:
            return ""
        self._close_dialog()
        return seats.went_on_without(moment)

    def _close_dialog(self) -> None:
        """Close the open check-in dialog, if any, without an answer."""
        from closeness_cards.tui.screens.checkin import SeatCheckInScreen

        self._asking = None
        dialog, self._dialog = self._dialog, None
        if isinstance(dialog, SeatCheckInScreen):
            dialog.withdraw()

    def _over(self, event: SessionOver) -> None:
        self.query_one(CardView).display = False
        self.query_one("#seat-tip", Static).display = False
        title = "Thank you for playing" if event.summary.finished else "Session ended"
        self.query_one("#seat-role", Static).update(Text(title, style="bold"))
        body = list(words.summary_lines(event.summary))
        closeness = words.closeness_line(self.shared.players, event.closeness)
        if closeness:
            body.append(closeness)
        body += ["", seats.AFTER_THE_SUMMARY]
        self.query_one("#seat-status", Static).update(lines(body))


class SeatApp(App[int]):
    """One seat at a shared table, in a browser."""

    CSS_PATH = "seat.tcss"
    TITLE = "closeness-cards"
    ENABLE_COMMAND_PALETTE = False
    """A seat has nothing for the palette (no history, no decks): its keys are its buttons."""

    def __init__(self, shared: SharedTable) -> None:
        super().__init__()
        self.shared = shared
        self.seating = Seating(shared)
        # Over a websocket every frame of a fade is sent again: a new card simply lands.
        self.animation_level = "none"

    def on_mount(self) -> None:
        self.pick()
        self.set_interval(RENEW_SECONDS, self.renew_seat)

    def pick(self, note: str = "") -> None:
        """Open the picker; the seat opens when the player has sat down."""
        from closeness_cards.tui.screens.pick import PickScreen

        def sit(player: str | None) -> None:
            if player is not None:
                self.push_screen(SeatScreen(self.shared, player))

        self.push_screen(PickScreen(self.seating, note), sit)

    async def renew_seat(self) -> None:
        """Keep this seat's claim; back to the picker if another screen took the seat."""
        player = self.seating.player
        try:
            kept = self.seating.renew()
        except NotShared:
            return  # the seat says what went wrong as it polls; the claim lapses by itself
        if kept or player is None:
            return
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        self.pick(seats.seat_lost(player))

    def on_unmount(self) -> None:
        self.seating.stand()  # the browser went: the player is free for another screen


def run_seat(shared: SharedTable) -> int:
    """Run one seat until its browser goes; return the exit code."""
    app = SeatApp(shared)
    app.run()
    shared.close()
    return app.return_code or 0
