"""The play screen: the card on the table, whose turn it is, and the keys to play it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.timer import Timer as Ticker
from textual.widgets import Digits, Footer, Static

from closeness_cards.core.cards import Kind
from closeness_cards.core.session import Play, Session
from closeness_cards.core.timer import Timer
from closeness_cards.tui.widgets.card import CardView
from closeness_cards.tui.widgets.turn import TurnBanner, name_text

if TYPE_CHECKING:
    from closeness_cards.tui.app import CardsApp


class PlayScreen(Screen[None]):
    """One session being played, card by card."""

    BINDINGS = [
        Binding("space,enter", "done", "Next", tooltip="The answer is done: next turn or card"),
        Binding("p", "pass_card", "Pass", tooltip="Pass this card, no reason needed"),
        Binding("d", "deeper", "Deeper", tooltip="Show the dig-deeper prompt"),
        Binding("f", "favourite", "Keep ♥", tooltip="Keep this card among your favourites"),
        Binding("x", "hide", "Hide", tooltip="Never deal this card again"),
        Binding(
            "r", "revisit", "Revisit", show=False, tooltip="Mark the topic to come back to later"
        ),
        Binding("t", "timer", "Timer", show=False, tooltip="Start or stop the answer timer"),
        Binding("q", "end", "End", tooltip="End early: the closing card, then the summary"),
    ]

    app: CardsApp

    def __init__(self, session: Session, *, opening: bool = False) -> None:
        super().__init__()
        self.session = session
        self.opening = opening
        """Begin with the opening ritual over the table."""
        self.deeper = False
        self.timer: Timer | None = None
        self._ticker: Ticker | None = None

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
        self.render_table()
        if self.opening:
            from closeness_cards.tui.screens.ritual import OpeningScreen

            self.app.push_screen(OpeningScreen())

    def render_table(self) -> None:
        """Draw the engine's state: status line, turn, card, tip and notes."""
        session = self.session
        step = session.current
        if step is None:
            return
        options = session.deal.options
        players = options.players
        number, total = session.progress
        if session.is_closing:
            where = "closing card"
        elif options.shape.card_count is None:
            where = f"card {number}"
        else:
            where = f"card {number} / {total}"
        if options.shape.value == "three-sets" and not session.is_closing:
            where += f" · set {step.set_number} / 3"
        passes = "  ".join(f"{name} {left}" for name, left in session.passes_left.items())
        self.query_one("#status", Static).update(
            f"{options.stage.label} · {where} · passes left: {passes}"
        )
        answerer = session.answerer
        waiting = step.answerers[session.turn + 1 :] if answerer is not None else ()
        self.query_one(TurnBanner).show_turn(players, step.reader, answerer, waiting)
        deck = self.app.library.deck(step.card.deck_id)
        marks = self.app.journal.marks(step.card)
        hints = []
        if step.card.follow_up and not self.deeper:
            hints.append("d: dig deeper")
        if step.card.minutes and self.timer is None:
            hints.append(f"t: start the {step.card.minutes}-minute timer")
        if hints:
            marks = "   ".join(filter(None, (marks, " · ".join(hints))))
        self.query_one(CardView).show(
            step.card, deeper=self.deeper, marks=marks, deck_title=deck.title if deck else ""
        )
        tip = self.query_one("#tip", Static)
        if step.tip is not None and answerer is not None:
            listeners = [name for name in players if name != answerer]
            label = Text.assemble(
                "While ",
                name_text(players, answerer),
                " answers, ",
                Text(", ".join(listeners)),
                ": ",
                Text(step.tip.text, style="italic"),
            )
            tip.update(label)
            tip.display = True
        else:
            tip.display = False
        fallback = (
            f"No more {step.fallback.label} cards for this stage: "
            f"dealing {step.card.depth.label} cards instead."
            if step.fallback is not None
            else ""
        )
        notes = [n for n in (fallback, self.app.journal.notice) if n]
        note = self.query_one("#note", Static)
        note.update("\n".join(notes))
        note.display = bool(notes)

    def _after(self, play: Play | None, *, replanned: bool = False) -> None:
        if play is not None:
            self.app.journal.record(self.session, play, replanned=replanned)
            self.deeper = False
            self._stop_timer()
        if self.session.finished:
            self.app.finish_session()
            return
        if play is not None and self.session.at_set_break:
            self.app.pause_between_sets()
        self.render_table()

    def action_done(self) -> None:
        self._after(self.session.done())

    def action_pass_card(self) -> None:
        if not self.session.can_pass():
            who = self.session.passer
            if self.session.current is not None and self.session.current.card.kind is Kind.CLOSING:
                self.notify("Only questions can be passed.", timeout=3)
            elif who is not None:
                self.notify(f"{who} has no passes left this session.", timeout=3)
            return
        self._after(self.session.pass_card(), replanned=True)

    def action_deeper(self) -> None:
        step = self.session.current
        if step is None or not step.card.follow_up:
            self.notify("This card has no dig-deeper prompt.", timeout=3)
            return
        self.deeper = not self.deeper
        self.render_table()

    def action_favourite(self) -> None:
        step = self.session.current
        if step is not None:
            kept = self.app.journal.toggle_favourite(step.card)
            self.notify(
                "Kept among your favourites ♥" if kept else "Removed from favourites.", timeout=2
            )
            self.render_table()

    def action_hide(self) -> None:
        step = self.session.current
        if step is None or self.session.is_closing:
            return
        self.app.journal.hide(step.card)
        self.notify(
            "Hidden: this card will not be dealt again (undo it under Hidden cards).", timeout=3
        )
        self._after(self.session.hide_card(), replanned=True)

    def action_revisit(self) -> None:
        step = self.session.current
        if step is not None:
            marked = self.app.journal.toggle_revisit(step.card)
            self.notify(
                "Marked to revisit later." if marked else "Revisit mark removed.", timeout=2
            )
            self.render_table()

    def action_timer(self) -> None:
        step = self.session.current
        if step is None:
            return
        if self.timer is None:
            minutes = step.card.minutes
            self.timer = Timer(self.app.clock, seconds=minutes * 60 if minutes else None)
        running = self.timer.toggle()
        if running and self._ticker is None:
            self._ticker = self.set_interval(0.25, self._tick)
        self._tick()
        self.render_table()

    def _tick(self) -> None:
        timer = self.timer
        digits = self.query_one("#timer", Digits)
        if timer is None:
            digits.display = False
            return
        digits.display = True
        digits.update(timer.display())
        digits.set_class(not timer.running, "-paused")
        if timer.done and not timer.announced:
            timer.announced = True
            timer.toggle()
            self.notify("Time is up. Take a breath before you go on.", title="Timer")

    def _stop_timer(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self.timer = None
        self._tick()

    def action_end(self) -> None:
        self._stop_timer()
        self.session.end()
        self.deeper = False
        if self.session.finished:
            self.app.finish_session()
            return
        self.render_table()
