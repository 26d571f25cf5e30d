"""The table: the one object every front end drives, from the first card to the summary.

It starts, resumes and abandons sessions, takes the players' actions, keeps every change
through its ports as it happens, and answers with events. Front ends draw the events and
send actions; no rule of the game is decided anywhere else.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum

from closeness_cards.core.cards import Card, Depth, Kind
from closeness_cards.core.game import Deal, Options, Shape, plan_deal
from closeness_cards.core.library import Library, switched_off
from closeness_cards.core.plan import dump_plan, load_plan, options_document
from closeness_cards.core.session import Play, Refusal, Session
from closeness_cards.core.session import Refused as EngineRefused
from closeness_cards.core.summary import Left, WholeSummary, summarize
from closeness_cards.core.timer import Timer
from closeness_cards.store.leases import this_host
from closeness_cards.table.events import (
    Action,
    CardShown,
    CheckInAsked,
    DeeperChanged,
    Event,
    FavouriteChanged,
    Hidden,
    Passed,
    Reason,
    Refused,
    RevisitChanged,
    SessionOver,
    SetBreak,
    TimerChanged,
    TimeUp,
    TurnMoved,
    View,
)
from closeness_cards.table.ports import (
    Archive,
    Keepsakes,
    LeftRecord,
    Ports,
    Preferences,
    Started,
    Unfinished,
)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The clock the game runs on."""
    return datetime.now(timezone.utc)


class Phase(str, Enum):
    """Where the table is in a session."""

    IDLE = "idle"
    CHECK_IN_BEFORE = "check-in-before"
    PLAYING = "playing"
    CHECK_IN_AFTER = "check-in-after"
    OVER = "over"


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


_REASONS = {
    Refusal.CLOSING_CARD: Reason.CLOSING_CARD,
    Refusal.NO_PASSES_LEFT: Reason.NO_PASSES_LEFT,
    Refusal.SESSION_OVER: Reason.SESSION_OVER,
}


@dataclass
class _Running:
    """The session on the table and what the table knows of it beyond the engine."""

    session: Session
    session_id: int | None
    earlier: list[Left]
    """Cards that left the table before this window resumed it."""
    seconds_open: float
    since: datetime
    """When time together was last counted."""
    asked_before: bool


class Table:
    """One table of players: sessions played, kept and summed up through one set of ports."""

    def __init__(
        self,
        library: Library,
        ports: Ports,
        *,
        clock: Clock = utc_now,
        switchable: bool = True,
        window: str | None = None,
    ) -> None:
        """Args:
        library: Every loaded deck.
        ports: Where things are kept.
        clock: The game's clock (tests freeze it).
        switchable: Whether the players' deck switches apply (not to decks given with --deck).
        window: This window's lease token; a fresh one by default.
        """
        self.library = library
        self.ports = ports
        self.clock = clock
        self.switchable = switchable
        self.window = window or uuid.uuid4().hex
        self.phase = Phase.IDLE
        self._running: _Running | None = None
        self._favourites: set[str] | None = None
        self._revisits: set[str] = set()
        self._deeper = False
        self.timer: Timer | None = None

    # What is kept, for the screens that show it.

    @property
    def keepsakes(self) -> Keepsakes:
        """Favourites, hidden cards and revisit marks."""
        return self.ports.keepsakes

    @property
    def preferences(self) -> Preferences:
        """The players' settings."""
        return self.ports.preferences

    @property
    def archive(self) -> Archive:
        """Past sessions."""
        return self.ports.archive

    @property
    def kept(self) -> bool:
        """Whether anything outlives this run (False: private session or history off)."""
        return self.ports.kept

    @property
    def notices(self) -> list[str]:
        """What the players should know about keeping, oldest first."""
        return self.ports.notices

    @property
    def session(self) -> Session | None:
        """The session on the table, if any."""
        return None if self._running is None else self._running.session

    @property
    def session_id(self) -> int | None:
        """The kept id of the session on the table (None when nothing is kept of it)."""
        return None if self._running is None else self._running.session_id

    def session_players(self) -> tuple[str, ...]:
        """The players of the session on the table (none when there is no session)."""
        session = self.session
        return () if session is None else session.deal.options.players

    # Dealing.

    def dealt_library(self) -> Library:
        """The decks sessions deal from: all given with --deck, else those switched on."""
        if not self.switchable:
            return self.library
        switches = self.ports.preferences.deck_switches()
        return self.library.without(switched_off(self.library.decks, switches))

    def deal(self, options: Options) -> Deal:
        """The deal a session with these options would get now (history and hidden cards)."""
        return plan_deal(
            self.dealt_library().cards,
            options,
            seen=self.ports.log.seen(options.players),
            hidden=self.ports.keepsakes.hidden_ids(),
        )

    def start(self, options: Options, *, check_in: bool = False) -> list[Event]:
        """Deal and begin a new session; raises GameError when the options cannot deal."""
        self._leave_running()
        session = Session(self.deal(options), self.clock)
        started = Started(
            players=options.players,
            stage=options.stage.value,
            shape=options.shape.value,
            depth=options.depth.value,
            seed=options.seed,
            decks=tuple(sorted({step.card.deck_id for step in session.steps})),
            options=options_document(options),
            plan_json=dump_plan(session),
            started_at=session.started_at,
        )
        session_id = self.ports.log.start(started)
        if session_id is not None:
            self.ports.log.claim(session_id, self.window, self.clock())
        self._running = _Running(session, session_id, [], 0.0, session.started_at, check_in)
        self._reset_card()
        self._revisits = set()
        if check_in:
            self.phase = Phase.CHECK_IN_BEFORE
            return [CheckInAsked("before", options.players)]
        self.phase = Phase.PLAYING
        return [CardShown(self.view())]

    # Unfinished sessions.

    def unfinished(self) -> Unfinished | None:
        """The newest session that never ended and is not open in this window."""
        found = self.ports.log.unfinished()
        if found is None or found.id == self.session_id:
            return None
        return found

    def resume(self, unfinished: Unfinished) -> list[Event]:
        """Pick a session up on the card where it stopped.

        Raises:
            CannotResume: it is open in another window, needs decks that are not loaded
                (both leave it resumable), or its saved plan cannot be read.
        """
        try:
            needed = {str(step["card"]).split("/")[0] for step in _plan_steps(unfinished)}
        except (ValueError, KeyError, TypeError) as error:
            raise CannotResume(Why.UNREADABLE) from error
        missing = tuple(sorted(d for d in needed if self.library.deck(d) is None))
        if missing:
            raise CannotResume(Why.MISSING_DECKS, decks=missing)
        try:
            deal, passes = load_plan(unfinished.plan_json, self.library)
        except ValueError as error:
            raise CannotResume(Why.UNREADABLE) from error
        other = self.ports.log.claim(unfinished.id, self.window, self.clock())
        if other is not None:
            here = other.host == this_host()
            where = f"process {other.pid} on this computer" if here else f"on {other.host}"
            raise CannotResume(Why.OPEN_ELSEWHERE, where=where)
        self._leave_running()
        session = Session(deal, self.clock, position=min(unfinished.position, len(deal.steps)))
        session.passes_left.update(passes)
        before = self.ports.log.check_ins(unfinished.id)
        asked = any(b is not None for b, _ in before.values())
        earlier = self.ports.log.left_cards(unfinished.id)
        self._running = _Running(
            session, unfinished.id, earlier, unfinished.seconds_open, self.clock(), asked
        )
        self._reset_card()
        self._revisits = self.ports.keepsakes.revisit_ids(unfinished.id)
        self.phase = Phase.PLAYING
        if session.finished:
            return self._finish()
        return [CardShown(self.view())]

    def abandon(self, unfinished: Unfinished) -> None:
        """Close an unfinished session without resuming it; it stays in the history."""
        self.ports.log.abandon(unfinished.id, self.clock())

    def heartbeat(self) -> None:
        """Renew this window's lease on the session it has open."""
        if self.session_id is not None and self.phase is not Phase.OVER:
            self.ports.log.claim(self.session_id, self.window, self.clock())

    def leave(self) -> None:
        """This window stops (ctrl+q, end of input): the session stays unfinished, resumable."""
        self._leave_running()

    def close(self) -> None:
        """Leave the session and close the ports."""
        self._leave_running()
        self.ports.close()

    # At the table.

    def view(self) -> View:
        """What the front ends draw for the card on the table."""
        running = self._require()
        session = running.session
        step = session.current
        if step is None:
            raise RuntimeError("the session is over: no card is on the table")
        options = session.deal.options
        number, total = session.progress
        answerer = session.answerer
        waiting = step.answerers[session.turn + 1 :] if answerer is not None else ()
        deck = self.library.deck(step.card.deck_id)
        tip = step.tip if answerer is not None else None
        return View(
            stage=options.stage,
            shape=options.shape,
            number=number,
            total=None if options.shape is Shape.OPEN else total,
            set_number=step.set_number,
            sets=3 if options.shape is Shape.THREE_SETS else 1,
            closing=session.is_closing,
            card=step.card,
            deck_title=deck.title if deck is not None else step.card.deck_id,
            players=options.players,
            reader=step.reader,
            answerers=step.answerers,
            answerer=answerer,
            waiting=tuple(waiting),
            listeners=session.listeners if answerer is not None else (),
            tip=tip,
            fallback=step.fallback,
            passes_left=dict(session.passes_left),
            favourite=step.card.global_id in self._favourite_ids(),
            revisit=step.card.global_id in self._revisits,
            deeper=self._deeper,
            kept=self.ports.kept,
        )

    def act(self, action: Action) -> list[Event]:
        """Do what the players asked, and say what happened."""
        if self.phase is not Phase.PLAYING or self._running is None:
            return [Refused(action, Reason.NOT_NOW)]
        session = self._running.session
        step = session.current
        if step is None:
            return [Refused(action, Reason.SESSION_OVER)]
        if action is Action.DONE:
            play = session.done()
            return [TurnMoved(self.view())] if play is None else self._after(play)
        if action is Action.PASS:
            return self._pass(session)
        if action is Action.HIDE:
            refusal = session.hide_refusal()
            if refusal is not None:
                return [Refused(action, _REASONS[refusal])]
            self.ports.keepsakes.hide(step.card, self.clock())
            play = session.hide_card()
            return [Hidden(), *self._after(play, replanned=True)]
        if action is Action.FAVOURITE:
            return [self._toggle_favourite(step.card)]
        if action is Action.REVISIT:
            return [self._toggle_revisit(step.card)]
        if action is Action.DEEPER:
            if not step.card.follow_up:
                return [Refused(action, Reason.NO_FOLLOW_UP)]
            self._deeper = not self._deeper
            return [DeeperChanged(self.view())]
        if action is Action.TIMER:
            return [self._toggle_timer(step.card)]
        # Action.END: q, the same in every front end (open-ended: a finished evening).
        self._stop_timer()
        session.end()
        self._deeper = False
        if session.finished:
            return self._finish()
        return [CardShown(self.view())]

    def tick(self) -> list[Event]:
        """Called while a countdown runs: at zero it stops, once, and says time is up."""
        timer = self.timer
        if timer is None or not timer.done or timer.announced:
            return []
        timer.announced = True
        if timer.running:
            timer.toggle()
        return [TimeUp()]

    def check_in(self, values: dict[str, int | None]) -> list[Event]:
        """Each player's check-in (None: skipped); then the cards, or the summary."""
        running = self._require()
        at = self.clock()
        if self.phase is Phase.CHECK_IN_BEFORE:
            if running.session_id is not None:
                self.ports.log.check_in(running.session_id, "before", values, at)
            self.phase = Phase.PLAYING
            running.since = at
            return [CardShown(self.view())]
        if self.phase is Phase.CHECK_IN_AFTER:
            if running.session_id is not None:
                self.ports.log.check_in(running.session_id, "after", values, at)
            self.phase = Phase.OVER
            return [self._over()]
        return []

    # The rules' consequences, in one place.

    def _pass(self, session: Session) -> list[Event]:
        refusal = session.pass_refusal()
        if refusal is not None:
            return [Refused(Action.PASS, _REASONS[refusal], who=session.passer)]
        who = session.passer
        assert who is not None  # a pass that is not refused has someone passing
        turn = session.turn
        try:
            play = session.pass_card()
        except EngineRefused as refused:
            return [Refused(Action.PASS, _REASONS[refused.refusal], who=who)]
        passed = Passed(who, session.passes_left.get(who, 0))
        if play is None:
            return [passed, TurnMoved(self.view())]
        return [passed, *self._after(play, replanned=turn == 0)]

    def _after(self, play: Play | None, *, replanned: bool = False) -> list[Event]:
        """A card left the table: keep it, then show what comes next."""
        running = self._require()
        session = running.session
        if play is None:
            return [] if session.finished else [CardShown(self.view())]
        now = self.clock()
        running.seconds_open += max(0.0, (now - running.since).total_seconds())
        running.since = now
        if running.session_id is not None:
            self.ports.log.record(
                running.session_id,
                LeftRecord(
                    play.position,
                    play.step.card,
                    play.step.reader,
                    play.step.answerers,
                    play.outcome.value,
                    play.at,
                ),
                next_position=session.position,
                seconds_open=running.seconds_open,
                plan_json=dump_plan(session) if replanned else None,
            )
        self._reset_card()
        if session.finished:
            return self._finish()
        step = session.current
        assert step is not None
        events: list[Event] = []
        if step.set_number != play.step.set_number:
            events.append(SetBreak(step.set_number, 3, self._set_depth(step.set_number)))
        events.append(CardShown(self.view()))
        return events

    def _finish(self) -> list[Event]:
        running = self._require()
        session = running.session
        now = session.ended_at or self.clock()
        running.seconds_open += max(0.0, (now - running.since).total_seconds())
        running.since = now
        if running.session_id is not None:
            self.ports.log.finish(
                running.session_id,
                status="ended-early" if session.ended_early else "finished",
                at=now,
                seconds_open=running.seconds_open,
            )
            self.ports.log.release(running.session_id, self.window)
        if running.asked_before:
            self.phase = Phase.CHECK_IN_AFTER
            return [CheckInAsked("after", session.deal.options.players)]
        self.phase = Phase.OVER
        return [self._over()]

    def _over(self) -> SessionOver:
        running = self._require()
        closeness = (
            self.ports.log.check_ins(running.session_id)
            if running.session_id is not None and running.asked_before
            else {}
        )
        return SessionOver(self.summary(), tuple(self.revisit_texts()), closeness)

    def summary(self) -> WholeSummary:
        """The whole session so far, across every resume."""
        running = self._require()
        session = running.session
        here = [Left(p.step.card.kind, p.step.card.depth, p.outcome.value) for p in session.plays]
        return summarize(
            [*running.earlier, *here],
            seconds=running.seconds_open,
            finished=session.finished and not session.ended_early,
        )

    def revisit_texts(self) -> list[str]:
        """The texts of this session's cards marked to revisit."""
        running = self._require()
        session = running.session
        texts = {s.card.global_id: s.card.text for s in session.steps}
        texts.update({p.step.card.global_id: p.step.card.text for p in session.plays})
        return [texts[cid] for cid in sorted(self._revisits) if cid in texts]

    def _set_depth(self, set_number: int) -> Depth:
        """How deep a set goes: the depth most of its questions have."""
        session = self._require().session
        depths = Counter(
            s.card.depth
            for s in session.steps
            if s.set_number == set_number and s.card.kind is Kind.QUESTION
        )
        return max(depths, key=lambda d: (depths[d], d)) if depths else Depth.WARM_UP

    def _toggle_favourite(self, card: Card) -> FavouriteChanged:
        favourites = self._favourite_ids()
        if card.global_id in favourites:
            favourites.discard(card.global_id)
            self.ports.keepsakes.remove_favourite(card.global_id)
            return FavouriteChanged(False, self.ports.kept)
        favourites.add(card.global_id)
        self.ports.keepsakes.add_favourite(card, self.clock())
        return FavouriteChanged(True, self.ports.kept)

    def _toggle_revisit(self, card: Card) -> RevisitChanged:
        session_id = self.session_id
        if card.global_id in self._revisits:
            self._revisits.discard(card.global_id)
            self.ports.keepsakes.unmark_revisit(session_id, card.global_id)
            return RevisitChanged(False, self.ports.kept)
        self._revisits.add(card.global_id)
        self.ports.keepsakes.mark_revisit(session_id, card, self.clock())
        return RevisitChanged(True, self.ports.kept)

    def _toggle_timer(self, card: Card) -> TimerChanged:
        if self.timer is None:
            minutes = card.minutes
            self.timer = Timer(self.clock, seconds=minutes * 60 if minutes else None)
        running = self.timer.toggle()
        length = self.timer.length
        return TimerChanged(running, None if length is None else int(length))

    def _favourite_ids(self) -> set[str]:
        if self._favourites is None:
            self._favourites = self.ports.keepsakes.favourite_ids()
        return self._favourites

    def forget_favourite(self, card_id: str) -> None:
        """Take a card out of the favourites (from the favourites screen)."""
        self._favourite_ids().discard(card_id)
        self.ports.keepsakes.remove_favourite(card_id)

    def _reset_card(self) -> None:
        self._deeper = False
        self._stop_timer()

    def _stop_timer(self) -> None:
        self.timer = None

    def _leave_running(self) -> None:
        running = self._running
        if running is not None and running.session_id is not None:
            self.ports.log.release(running.session_id, self.window)
        self._running = None
        self.phase = Phase.IDLE

    def _require(self) -> _Running:
        if self._running is None:
            raise RuntimeError("no session is on the table")
        return self._running


def _plan_steps(unfinished: Unfinished) -> list[dict[str, object]]:
    document = json.loads(unfinished.plan_json)
    steps = document["steps"]
    if not isinstance(steps, list):
        raise TypeError("steps")
    position = max(0, unfinished.position)
    return [step for step in steps[position:] if isinstance(step, dict)]
