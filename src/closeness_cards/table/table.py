"""The table: the one object every front end drives, from the first card to the summary.

It starts, resumes and abandons sessions, takes the players' actions, keeps every change
through its ports as it happens, and answers with events. Front ends draw the events and
send actions; no rule of the game is decided anywhere else.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from closeness_cards.core.game import Deal, Options
from closeness_cards.core.library import Library, switched_off
from closeness_cards.core.plan import dump_plan, options_document
from closeness_cards.core.session import Play, Session
from closeness_cards.core.session import Refused as EngineRefused
from closeness_cards.core.timer import Timer
from closeness_cards.table.dealing import deal_from
from closeness_cards.table.events import (
    Action,
    CardShown,
    CheckInAsked,
    DeeperChanged,
    Event,
    Hidden,
    Passed,
    Phase,
    Reason,
    Refused,
    SessionOver,
    SetBreak,
    TurnMoved,
    View,
    reason_of,
    utc_now,
)
from closeness_cards.table.marks import Marks
from closeness_cards.table.ports import (
    Ports,
    Started,
    Unfinished,
)
from closeness_cards.table.record import Record
from closeness_cards.table.resuming import CHECK_IN, open_elsewhere, read_plan
from closeness_cards.table.setup import Choices, with_remembered_names
from closeness_cards.table.snapshot import Snapshot
from closeness_cards.table.timing import CardTimer
from closeness_cards.table.view import set_depth, view_of

Clock = Callable[[], datetime]


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
        self._running: Record | None = None
        self.marks = Marks(ports.keepsakes, clock)
        self._deeper = False
        self.timing = CardTimer(clock)

    # What is kept, for the screens that show it.

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

    def setup_choices(self, given: Choices) -> Choices:
        """What setup starts from: the names of last time, unless names were given."""
        return with_remembered_names(given, self.ports.preferences.players())

    # Dealing.

    def dealt_library(self) -> Library:
        """The decks sessions deal from: all given with --deck, else those switched on."""
        if not self.switchable:
            return self.library
        switches = self.ports.preferences.deck_switches()
        return self.library.without(switched_off(self.library.decks, switches))

    def deal(self, options: Options) -> Deal:
        """The deal a session with these options would get now (history and hidden cards)."""
        return deal_from(
            self.library,
            options,
            switches=self.ports.preferences.deck_switches() if self.switchable else None,
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
            options={**options_document(options), CHECK_IN: check_in},
            plan_json=dump_plan(session),
            started_at=session.started_at,
        )
        session_id = self.ports.log.start(started)
        self.ports.preferences.set_players(options.players)
        if session_id is not None:
            self.ports.log.claim(session_id, self.window, self.clock())
        self._running = Record(
            self.ports.log, session, session_id, since=session.started_at, asked_before=check_in
        )
        self._reset_card()
        self.marks.begin(set())
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
        if self.ports.log.holder(found.id, self.clock()) is not None:
            return None  # another window is playing it: nothing to offer here
        return found

    def playing_elsewhere(self) -> str:
        """Where the newest unfinished session is being played, if in another window ("")."""
        found = self.ports.log.unfinished()
        if found is None or found.id == self.session_id:
            return ""
        holder = self.ports.log.holder(found.id, self.clock())
        return "" if holder is None else open_elsewhere(holder).where

    def resume(self, unfinished: Unfinished) -> list[Event]:
        """Pick a session up on the card where it stopped.

        Raises:
            CannotResume: it is open in another window, needs decks that are not loaded
                (both leave it resumable), or its saved plan cannot be read.
        """
        deal, passes = read_plan(unfinished, self.library)
        other = self.ports.log.claim(unfinished.id, self.window, self.clock())
        if other is not None:
            raise open_elsewhere(other)
        self._leave_running()
        session = Session(deal, self.clock, position=min(unfinished.position, len(deal.steps)))
        session.passes_left.update(passes)
        # The check-in after is asked when the one before was, answered or skipped.
        asked = unfinished.check_in
        if asked is None:  # kept before that was kept: an answer before says it was asked
            before = self.ports.log.check_ins(unfinished.id)
            asked = any(b is not None for b, _ in before.values())
        earlier = self.ports.log.left_cards(unfinished.id)
        self._running = Record(
            self.ports.log,
            session,
            unfinished.id,
            since=self.clock(),
            asked_before=asked,
            earlier=earlier,
            seconds_open=unfinished.seconds_open,
        )
        self._reset_card()
        self.marks.begin(self.ports.keepsakes.revisit_ids(unfinished.id))
        self.phase = Phase.PLAYING
        if session.finished:
            return self._finish()
        return [CardShown(self.view())]

    def follow(self, shared: Snapshot) -> list[Event]:
        """Put a shared table's state on this one, as another screen left it.

        A seat at a table shared by several screens holds no lease (the host does) and
        keeps nothing of its own: every change it makes is read back through here, so all
        the seats draw the same state. Returns what to draw.
        """
        session = Session(shared.deal, self.clock, position=shared.position)
        session.passes_left.update(shared.passes)
        session.turn = shared.turn
        # Ended early holds from the q that brought the closing card: a seat that ends the
        # closing card must know it, or the evening would be kept as finished.
        session.ended_early = shared.ended_early
        finished = shared.phase in (Phase.CHECK_IN_AFTER, Phase.OVER)
        if finished:
            session.ended_at = shared.counted_at
        before = self._running
        same_card = (
            before is not None
            and before.session_id == shared.session_id
            and before.session.position == shared.position
            and before.session.turn == shared.turn
        )
        self._running = Record(
            self.ports.log,
            session,
            shared.session_id,
            since=shared.counted_at,
            asked_before=shared.asked_before,
            earlier=shared.earlier,
            seconds_open=shared.seconds_open,
        )
        if not same_card:
            self._reset_card()
        self._deeper = shared.deeper
        self.marks.begin(self.ports.keepsakes.revisit_ids(shared.session_id))
        self.phase = shared.phase
        if shared.phase is Phase.CHECK_IN_BEFORE:
            return [CheckInAsked("before", session.deal.options.players)]
        if shared.phase is Phase.CHECK_IN_AFTER:
            return [CheckInAsked("after", session.deal.options.players)]
        if shared.phase is Phase.OVER:
            return [self._over()]
        return [CardShown(self.view())]

    @property
    def deeper(self) -> bool:
        """Whether the dig-deeper prompt of the card on the table is open."""
        return self._deeper

    @property
    def asked_before(self) -> bool:
        """Whether the session on the table asked how close everyone felt before it began."""
        return self._running is not None and self._running.asked_before

    def counted(self) -> tuple[float, datetime]:
        """Time together so far, and when it was last counted."""
        running = self._require()
        return running.seconds_open, running.since

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

    def view(self, player: str | None = None) -> View:
        """What the front ends draw for the card on the table.

        At a seat (``player`` given) the heart says whether that player keeps the card.
        """
        session = self._require().session
        step = session.current
        if step is None:
            raise RuntimeError("the session is over: no card is on the table")
        card_id = step.card.global_id
        return view_of(
            session,
            self.library,
            favourite=card_id in self.marks.favourites(player),
            revisit=card_id in self.marks.revisits,
            deeper=self._deeper,
            kept=self.ports.kept,
        )

    def act(self, action: Action, player: str | None = None) -> list[Event]:
        """Do what the players asked, and say what happened.

        ``player`` is whose seat asked, at a shared table: a favourite kept there is theirs.
        """
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
                return [Refused(action, reason_of(refusal))]
            self.ports.keepsakes.hide(step.card, self.clock())
            play = session.hide_card()
            return [Hidden(), *self._after(play, replanned=True)]
        if action is Action.FAVOURITE:
            return [self.marks.toggle_favourite(step.card, saved=self.ports.kept, player=player)]
        if action is Action.REVISIT:
            return [self.marks.toggle_revisit(self.session_id, step.card, saved=self.ports.kept)]
        if action is Action.DEEPER:
            if not step.card.follow_up:
                return [Refused(action, Reason.NO_FOLLOW_UP)]
            self._deeper = not self._deeper
            return [DeeperChanged(self.view())]
        if action is Action.TIMER:
            return [self.timing.toggle(step.card)]
        # Action.END: q, the same in every front end (open-ended: a finished evening).
        self._stop_timer()
        session.end()
        self._deeper = False
        if session.finished:
            return self._finish()
        return [CardShown(self.view())]

    @property
    def timer(self) -> Timer | None:
        """The answer timer of the card on the table, if it was started."""
        return self.timing.timer

    def tick(self) -> list[Event]:
        """Called while a countdown runs: at zero it stops, once, and says time is up."""
        return list(self.timing.tick())

    def check_in(self, values: dict[str, int | None]) -> list[Event]:
        """Each player's check-in (None: skipped); then the cards, or the summary."""
        running = self._require()
        if self.phase is Phase.CHECK_IN_BEFORE:
            running.check_in("before", values, self.clock())
            self.phase = Phase.PLAYING
            return [CardShown(self.view())]
        if self.phase is Phase.CHECK_IN_AFTER:
            running.check_in("after", values, self.clock())
            self.phase = Phase.OVER
            return [self._over()]
        return []

    # The rules' consequences, in one place.

    def _pass(self, session: Session) -> list[Event]:
        refusal = session.pass_refusal()
        if refusal is not None:
            return [Refused(Action.PASS, reason_of(refusal), who=session.passer)]
        who = session.passer
        assert who is not None  # a pass that is not refused has someone passing
        turn = session.turn
        try:
            play = session.pass_card()
        except EngineRefused as refused:
            return [Refused(Action.PASS, reason_of(refused.refusal), who=who)]
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
        running.left(play, self.clock(), replanned=replanned)
        self._reset_card()
        if session.finished:
            return self._finish()
        step = session.current
        assert step is not None
        events: list[Event] = []
        if step.set_number != play.step.set_number:
            events.append(SetBreak(step.set_number, 3, set_depth(session, step.set_number)))
        events.append(CardShown(self.view()))
        return events

    def _finish(self) -> list[Event]:
        running = self._require()
        session = running.session
        running.finish(session.ended_at or self.clock())
        if running.session_id is not None:
            self.ports.log.release(running.session_id, self.window)
        if running.asked_before:
            self.phase = Phase.CHECK_IN_AFTER
            return [CheckInAsked("after", session.deal.options.players)]
        self.phase = Phase.OVER
        return [self._over()]

    def _over(self) -> SessionOver:
        running = self._require()
        return SessionOver(
            running.summary(),
            tuple(self.revisit_texts()),
            tuple(self.marks.kept_now.values()),
            running.closeness(),
        )

    def revisit_texts(self) -> list[str]:
        """The texts of this session's cards marked to revisit."""
        running = self._require()
        session = running.session
        texts = {s.card.global_id: s.card.text for s in session.steps}
        texts.update({p.step.card.global_id: p.step.card.text for p in session.plays})
        return [texts[cid] for cid in sorted(self.marks.revisits) if cid in texts]

    def _reset_card(self) -> None:
        self._deeper = False
        self._stop_timer()

    def _stop_timer(self) -> None:
        self.timing.reset()

    def _leave_running(self) -> None:
        running = self._running
        if running is not None and running.session_id is not None:
            self.ports.log.release(running.session_id, self.window)
        self._running = None
        self.phase = Phase.IDLE

    def _require(self) -> Record:
        if self._running is None:
            raise RuntimeError("no session is on the table")
        return self._running
