"""The play screen: draws the card on the table and sends the players' keys to the table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.timer import Timer as Ticker
from textual.widgets import Digits, Footer, Static

from closeness_cards.core.safe_text import for_terminal
from closeness_cards.table import (
    Action,
    CardShown,
    DeeperChanged,
    Event,
    FavouriteChanged,
    Hidden,
    Passed,
    Phase,
    Refused,
    RevisitChanged,
    Table,
    TimerChanged,
    TimeUp,
    TurnMoved,
    View,
)
from closeness_cards.text import words
from closeness_cards.text.keys import PLAY_KEYS
from closeness_cards.text.labels import stage_label
from closeness_cards.tui.safe import lines, plain
from closeness_cards.tui.widgets.card import CardView
from closeness_cards.tui.widgets.turn import TurnBanner, name_text

if TYPE_CHECKING:
    from closeness_cards.tui.app import CardsApp


class PlayScreen(Screen[None]):
    """The session on the table, card by card."""

    BINDINGS = [
        Binding(
            key.bind,
            f"act('{key.action}')",
            key.label,
            show=key.footer,
            tooltip=key.help,
            id=key.id,
        )
        for key in PLAY_KEYS
    ]

    app: CardsApp

    def __init__(
        self, table: Table, *, begin: list[Event] | None = None, opening: bool = False
    ) -> None:
        """Args:
        table: The table to draw.
        begin: The events a new session began with (the check-in), drawn once shown.
        opening: Show the opening ritual first (phones away, facing each other).
        """
        super().__init__()
        self.table = table
        self.begin = begin or []
        self.opening = opening
        self._ticker: Ticker | None = None
        self._closing_card = False
        """Whether the closing card is on the table: it cannot be passed."""

    def compose(self) -> ComposeResult:
        with Vertical(id="table"):
            yield Static(id="status", markup=False)
            yield TurnBanner(id="turn")
            with Center(id="card-row"):
                yield CardView(id="card")
            with Center(id="timer-row"):
                yield Digits("", id="timer")
            yield Static(id="tip", markup=False)
            yield Static(id="note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#timer", Digits).display = False
        if self.table.phase is Phase.PLAYING:  # before the check-in, the first card waits
            self.draw(self.table.view())
        if self.opening:
            from closeness_cards.tui.screens.ritual import OpeningScreen

            # Pushed from here, so the answer comes back to this screen: then the check-in.
            self.app.push_screen(OpeningScreen(), lambda _: self.render_events(self.begin))
        elif self.begin:
            self.render_events(self.begin)

    def on_resize(self, event: events.Resize) -> None:
        # Below 80 columns the footer loses its padding and the palette hint (ctrl+p still
        # works, and help lists it), so q and ? still fit at 60.
        footer = self.query_one(Footer)
        wide = event.size.width >= 80
        if footer.show_command_palette != wide:
            footer.compact = not wide
            footer.show_command_palette = wide
            footer.refresh(recompose=True)

    def action_act(self, name: str) -> None:
        """A key was pressed: the table decides what it means."""
        action = Action(name)
        playing = self.table.phase is Phase.PLAYING
        if action is Action.END and playing and not self.table.view().closing:
            self._ask_to_end()
            return
        self.render_events(self.table.act(action))

    def _ask_to_end(self) -> None:
        """One stray q must not end an evening: ask first (y or enter ends, escape stays)."""
        from closeness_cards.tui.screens.confirm import ConfirmScreen

        def answered(end: bool | None) -> None:
            if end:
                self.render_events(self.table.act(Action.END))

        question = "End here? The closing card comes next, then the summary."
        self.app.push_screen(
            ConfirmScreen(question, yes="End with the closing card", no="Keep playing"), answered
        )

    def render_events(self, events: list[Event]) -> None:
        """Draw what concerns this screen; the app shows pauses, check-ins and the summary."""
        if any(isinstance(event, CardShown) for event in events):
            # The last card's notices go with it; this batch's own (a pass, a hidden card)
            # are made below, on the new card.
            self.app.clear_routine_notices()
        for event in events:
            if isinstance(event, (CardShown, TurnMoved, DeeperChanged)):
                if isinstance(event, CardShown):
                    self._stop_ticker()
                self.draw(event.view)
            elif isinstance(event, Passed):
                self.notify(
                    for_terminal(words.passed(event.who, event.left)), timeout=3, markup=False
                )
            elif isinstance(event, Hidden):
                undo = " Undo it under Hidden cards (F2)." if self.table.kept else ""
                self.notify(words.hidden(self.table.kept) + undo, timeout=3, markup=False)
            elif isinstance(event, Refused):
                self.notify(
                    for_terminal(words.refusal(event.reason, event.who)), timeout=3, markup=False
                )
            elif isinstance(event, FavouriteChanged):
                heart = " ♥" if event.kept else ""
                self.notify(
                    words.favourite(event.kept, event.saved) + heart, timeout=2, markup=False
                )
                self.draw(self.table.view())
            elif isinstance(event, RevisitChanged):
                self.notify(words.revisit(event.marked, event.saved), timeout=2, markup=False)
                self.draw(self.table.view())
            elif isinstance(event, TimerChanged):
                self._timer_changed(event)
            elif isinstance(event, TimeUp):
                # A sound and a change you can see, not only a toast: eyes may be closed.
                self.app.bell()
                self.query_one("#timer", Digits).add_class("-done")
                self.notify(words.TIME_UP, title="Timer", markup=False)
        self.app.handle(events)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Pass and hide are neither offered nor taken on the closing card, which is
        everyone's (the same rule as at a seat)."""
        closed = action == "act" and parameters[:1] in ((Action.PASS.value,), (Action.HIDE.value,))
        return not (closed and self._closing_card)

    def draw(self, view: View) -> None:
        """Draw the table: status line, turn, card, tip and notes."""
        status = f"{stage_label(view.stage)} · {words.where(view).lower()}"
        if not view.closing:
            passes = "  ".join(f"{name} {left}" for name, left in view.passes_left.items())
            status += f" · passes left: {passes}"
        self.query_one("#status", Static).update(plain(status))
        if view.closing != self._closing_card:
            self._closing_card = view.closing
            self.refresh_bindings()
        self.query_one(TurnBanner).show_turn(view.players, view.reader, view.answerer, view.waiting)
        hints = []
        if view.card.follow_up and not view.deeper:
            hints.append("d: dig deeper")
        if view.card.minutes and self.table.timer is None:
            hints.append(f"t: start the {view.card.minutes}-minute timer")
        marks = "   ".join(filter(None, (words.marks(view), " · ".join(hints))))
        self.query_one(CardView).show(
            view.card, deeper=view.deeper, marks=marks, deck_title=view.deck_title
        )
        tip = self.query_one("#tip", Static)
        if view.tip is not None and view.answerer is not None:
            tip.update(
                Text.assemble(
                    "While ",
                    name_text(view.players, view.answerer, dark=self.app.current_theme.dark),
                    " answers, ",
                    plain(", ".join(view.listeners)),
                    ": ",
                    plain(view.tip, style="italic"),
                )
            )
            tip.display = True
        else:
            tip.display = False
        notes = [n for n in (words.fallback_note(view),) if n]
        if not view.kept:
            notes.append("A private session: favourites and marks are kept for tonight only.")
        note = self.query_one("#note", Static)
        note.update(lines(notes))
        note.display = bool(notes)

    def _timer_changed(self, event: TimerChanged) -> None:
        if event.running and self._ticker is None:
            self._ticker = self.set_interval(0.25, self._tick)
        self._tick()
        self.draw(self.table.view())

    def _tick(self) -> None:
        timer = self.table.timer
        digits = self.query_one("#timer", Digits)
        if timer is None:
            digits.display = False
            return
        digits.display = True
        digits.set_class(timer.done, "-done")
        digits.update(timer.display())
        digits.set_class(not timer.running, "-paused")
        events = self.table.tick()
        if events:
            self.render_events(events)

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self._tick()
