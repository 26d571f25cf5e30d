"""A table shared by several screens: each seat's process reads and moves the same session.

Every change is a compare-and-set on the shared table's version, in the same commit as
the card that left: two presses at once move the table once, and the later one is told
the table had moved on. Seats notice the others' changes by asking SQLite whether anything
was committed (``PRAGMA data_version``), which reads nothing, several times a second.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from closeness_cards.core.cards import Depth
from closeness_cards.core.library import Library
from closeness_cards.core.plan import dump_plan, load_plan
from closeness_cards.store import shared as rows
from closeness_cards.store.db import Database, StoreError
from closeness_cards.store.readonly import open_history
from closeness_cards.store.shared import SharedRow
from closeness_cards.table.events import (
    Action,
    CheckInAsked,
    Event,
    FavouriteChanged,
    Hidden,
    Passed,
    Phase,
    Reason,
    Refused,
    RevisitChanged,
    SetBreak,
    TimerChanged,
    TimeUp,
    View,
)
from closeness_cards.table.seats import Role, listening_tips, refusal, role_of, tip_for
from closeness_cards.table.snapshot import Snapshot, State
from closeness_cards.table.sqlite import Link, SqliteLog, sqlite_ports
from closeness_cards.table.table import Table

LOCAL = (Action.FAVOURITE, Action.REVISIT, Action.TIMER)
"""Actions a seat takes for itself: they do not move the table."""
STAYS = (Refused, FavouriteChanged, RevisitChanged, TimerChanged, TimeUp)
"""Events of a seat's own press that only that seat draws; the rest every seat reads back."""


class NotShared(Exception):
    """The session is not shared (any more), or the history cannot keep a shared table."""


class SharedTable:
    """One screen's hold on a shared table: the host's, or a seat's."""

    def __init__(self, table: Table, link: Link, session_id: int) -> None:
        """Args:
        table: This screen's own table, which follows the shared one.
        link: The database the table is shared through.
        session_id: The session on the shared table.
        """
        self.table = table
        self.link = link
        self.session_id = session_id
        self.version = -1
        """The version of the shared table this screen last drew."""
        self.state = State(Phase.IDLE)
        self._changes: int | None = None

    # Opening.

    @classmethod
    def share(cls, table: Table) -> SharedTable:
        """The host shares the session on its table (just started or resumed).

        Raises:
            NotShared: nothing of the session is kept (a private session, history off).
        """
        session_id = table.session_id
        log = table.ports.log
        link = log.link if isinstance(log, SqliteLog) else None
        if session_id is None or link is None or not link.keeping:
            raise NotShared("a shared table needs the history: nothing could be kept")
        shared = cls(table, link, session_id)
        state = shared._state_now(checked={}, news={})
        rows.open_shared(shared.db, session_id, state.to_json())
        shared.refresh()
        return shared

    @classmethod
    def join(cls, library: Library, session_id: int, *, switchable: bool) -> SharedTable:
        """A seat's process joins the shared table of a session.

        Raises:
            NotShared: the history cannot be opened, or the session is not shared.
        """
        try:
            db = open_history()
        except StoreError as error:
            raise NotShared(str(error)) from None
        link = Link(db, [])
        table = Table(library, sqlite_ports(link), switchable=switchable)
        shared = cls(table, link, session_id)
        if not shared.refresh():
            link.close()
            raise NotShared(f"session {session_id} is not played on several screens")
        return shared

    @property
    def db(self) -> Database:
        """The database (raises NotShared when keeping stopped: the table cannot go on)."""
        db = self.link.db
        if db is None:
            raise NotShared("the history stopped keeping: the shared table cannot go on")
        return db

    @property
    def players(self) -> tuple[str, ...]:
        """The players at the table."""
        return self.table.session_players()

    # Following the others.

    def poll(self) -> list[Event]:
        """What changed since the last look (nothing: no other screen committed)."""
        changes = rows.changes(self.db)
        if changes == self._changes:
            return []
        self._changes = changes
        return self.refresh()

    def current(self) -> list[Event]:
        """What to draw for the table as it is now (a screen that has just opened)."""
        self.version = -1
        return [e for e in self.refresh() if not isinstance(e, (Passed, Hidden, SetBreak))]

    def refresh(self) -> list[Event]:
        """Read the shared table; when it moved, follow it and say what to draw."""
        row = rows.read_shared(self.db, self.session_id)
        if row is None or row.version == self.version:
            return []
        return self._follow(row)

    def _follow(self, row: SharedRow) -> list[Event]:
        try:
            state = State.from_json(row.state_json)
            deal, passes = load_plan(row.plan_json, self.table.library)
        except ValueError as error:
            raise NotShared(str(error)) from None
        over = state.phase in (Phase.CHECK_IN_AFTER, Phase.OVER)
        snapshot = Snapshot(
            session_id=self.session_id,
            version=row.version,
            deal=deal,
            passes=passes,
            position=min(row.position, len(deal.steps)),
            turn=state.turn,
            phase=state.phase,
            deeper=state.deeper,
            ended_early=state.ended_early,
            asked_before=state.asked_before,
            seconds_open=state.seconds_open,
            counted_at=state.counted_at or self.table.clock(),
            earlier=self.table.ports.log.left_cards(self.session_id) if over else [],
        )
        events = [self._waiting_for(e, state) for e in self.table.follow(snapshot)]
        self.version = row.version
        self.state = state
        return [*_news(state.news), *events]

    @staticmethod
    def _waiting_for(event: Event, state: State) -> Event:
        """A check-in asks only the players who have not answered it yet."""
        if not isinstance(event, CheckInAsked):
            return event
        done = state.checked.get(event.moment, ())
        return CheckInAsked(event.moment, tuple(p for p in event.players if p not in done))

    # A seat's presses.

    def act(self, player: str, action: Action, *, seen: int | None = None) -> list[Event]:
        """``player``'s seat pressed a key: the table moves once, or says why not.

        ``seen`` is the version of the table the player was looking at when they asked (a
        press confirmed in a question); by default the one this screen drew last. A table
        that has moved since refuses the press as moved on: it was meant for another card.
        """
        table = self.table
        if seen is not None and seen != self.version:
            return [Refused(action, Reason.MOVED_ON), *self.refresh()]  # already followed
        if table.phase is not Phase.PLAYING:
            return [Refused(action, Reason.NOT_NOW)]
        refused = refusal(table.view(), player, action)
        if refused is not None:
            return [Refused(action, refused[0], who=refused[1])]
        if action in LOCAL:
            return table.act(action, player)
        seen = self.version
        stale: SharedRow | None = None
        try:
            with self.db.transaction():
                row = rows.read_shared(self.db, self.session_id)
                if row is None:
                    return [Refused(action, Reason.NOT_NOW)]
                if row.version != seen:
                    stale = row
                else:
                    events = table.act(action)
                    if any(isinstance(e, Refused) for e in events):
                        return events  # the rules refused it: nothing moved
                    self._move(row, self._state_now(checked=self.state.checked, news=_of(events)))
        except StoreError:
            self.version = -1  # what this screen holds may be half a change: read it again
            return [Refused(action, Reason.NOT_NOW), *self.refresh()]
        if stale is not None:
            return [Refused(action, Reason.MOVED_ON), *self._follow(stale)]
        kept = [e for e in events if isinstance(e, STAYS)]
        return [*kept, *self.refresh()]

    def check_in(self, player: str, value: int | None) -> list[Event]:
        """``player`` answered the check-in at their seat (None: skipped); private until all
        have, then the table moves on: to the first card, or to the summary."""
        return self._checked((player,), {player: value})

    def skip_check_in(self) -> list[Event]:
        """The host goes on without the players who have not checked in (no seat, say)."""
        return self._checked(self.players, {})

    def _checked(self, who: tuple[str, ...], values: Mapping[str, int | None]) -> list[Event]:
        clock = self.table.clock
        with self.db.transaction():
            row = rows.read_shared(self.db, self.session_id)
            if row is None:
                return []
            state = State.from_json(row.state_json)
            moment = {Phase.CHECK_IN_BEFORE: "before", Phase.CHECK_IN_AFTER: "after"}.get(
                state.phase
            )
            if moment is None:
                return self._follow(row)
            done = state.checked.get(moment, ())
            new = tuple(p for p in who if p not in done)
            kept = {p: v for p, v in values.items() if p in new and v is not None}
            if kept:
                self.table.ports.log.check_in(self.session_id, moment, kept, clock())
            checked = {**state.checked, moment: (*done, *new)}
            everyone = set(checked[moment]) >= set(self.players)
            phase = state.phase
            counted_at = state.counted_at
            if everyone:
                phase = Phase.PLAYING if moment == "before" else Phase.OVER
                if moment == "before":
                    counted_at = clock()  # time together starts with the first card
            self._move(
                row, replace(state, phase=phase, checked=checked, counted_at=counted_at, news={})
            )
        return self.refresh()

    def _move(self, row: SharedRow, state: State) -> None:
        session = self.table.session
        plan = row.plan_json if session is None else dump_plan(session)
        position = row.position if session is None else session.position
        if not rows.move_on(
            self.db,
            self.session_id,
            seen=row.version,
            state_json=state.to_json(),
            plan_json=plan,
            position=position,
        ):
            raise StoreError("the shared table moved during a change")  # cannot: we hold the lock

    def _state_now(
        self, *, checked: Mapping[str, tuple[str, ...]], news: Mapping[str, object]
    ) -> State:
        table = self.table
        session = table.session
        seconds, since = table.counted()
        return State(
            phase=table.phase,
            turn=0 if session is None else session.turn,
            deeper=table.deeper,
            ended_early=session is not None and session.ended_early,
            asked_before=table.asked_before,
            checked=checked,
            seconds_open=seconds,
            counted_at=since,
            news=news,
        )

    # What a seat draws.

    def seat_view(self, player: str) -> Seat:
        """The card on the table as ``player``'s seat sees it."""
        view = self.table.view(player)
        tips = listening_tips(self.table.library, view)
        return Seat(view, player, role_of(view, player), tip_for(view, player, tips))

    def close(self) -> None:
        """Let go of the database."""
        self.link.close()


@dataclass(frozen=True)
class Seat:
    """What one seat draws: the card, the player's role on it, their own tip."""

    view: View
    player: str
    role: Role
    tip: str | None
    """This player's own listening tip (None when they are not only listening)."""


def _of(events: list[Event]) -> dict[str, object]:
    """What a press did that the card does not show, for every seat to say once."""
    news: dict[str, object] = {}
    for event in events:
        if isinstance(event, Passed):
            news.update(passed=event.who, left=event.left)
        elif isinstance(event, Hidden):
            news["hidden"] = True
        elif isinstance(event, SetBreak):
            news.update(set=event.set_number, sets=event.sets, depth=int(event.depth))
    return news


def _news(news: Mapping[str, object]) -> list[Event]:
    events: list[Event] = []
    try:
        if "passed" in news:
            events.append(Passed(str(news["passed"]), int(str(news["left"]))))
        if news.get("hidden"):
            events.append(Hidden())
        if "set" in news:
            set_number, sets = int(str(news["set"])), int(str(news["sets"]))
            events.append(SetBreak(set_number, sets, Depth(int(str(news["depth"])))))
    except (KeyError, ValueError):
        return events  # news that cannot be read is only not said
    return events
