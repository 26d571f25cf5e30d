"""The kept record of the session on the table: each card that leaves it, time together, the
check-ins and the whole-session summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from closeness_cards.core.plan import dump_plan
from closeness_cards.core.session import Play, Session
from closeness_cards.core.summary import Left, WholeSummary, summarize
from closeness_cards.table.ports import LeftRecord, SessionLog


@dataclass
class Record:
    """The session on the table and what is kept of it through the session log."""

    log: SessionLog
    session: Session
    session_id: int | None
    """None when nothing could be kept of it (the log refused to start it)."""
    since: datetime
    """When time together was last counted."""
    asked_before: bool
    """Whether the players were asked how close they feel before: then they are after."""
    earlier: list[Left] = field(default_factory=list)
    """Cards that left the table before this window resumed it."""
    seconds_open: float = 0.0
    """Time together so far: only while a window had the session open."""

    def count_time(self, now: datetime) -> None:
        """Add the time since it was last counted: the game was open all along."""
        self.seconds_open += max(0.0, (now - self.since).total_seconds())
        self.since = now

    def left(self, play: Play, now: datetime, *, replanned: bool) -> None:
        """A card left the table: keep it, the resume point and a changed plan at once."""
        self.count_time(now)
        if self.session_id is None:
            return
        step = play.step
        self.log.record(
            self.session_id,
            LeftRecord(
                play.position, step.card, step.reader, step.answerers, play.outcome.value, play.at
            ),
            next_position=self.session.position,
            seconds_open=self.seconds_open,
            plan_json=dump_plan(self.session) if replanned else None,
        )

    def finish(self, now: datetime) -> None:
        """The session ended: keep how, and the time together."""
        self.count_time(now)
        if self.session_id is not None:
            status = "ended-early" if self.session.ended_early else "finished"
            self.log.finish(self.session_id, status=status, at=now, seconds_open=self.seconds_open)

    def check_in(self, moment: str, values: Mapping[str, int | None], now: datetime) -> None:
        """Keep each player's check-in, ``before`` or ``after``."""
        if moment == "before":
            self.since = now  # time together starts with the first card
        if self.session_id is not None:
            self.log.check_in(self.session_id, moment, values, now)

    def closeness(self) -> dict[str, tuple[int | None, int | None]]:
        """Each player's (before, after) check-in; empty when none was asked."""
        if self.session_id is None or not self.asked_before:
            return {}
        return self.log.check_ins(self.session_id)

    def summary(self) -> WholeSummary:
        """The whole session so far, across every resume."""
        return summarize(
            [*self.earlier, *self.session.left_cards()],
            seconds=self.seconds_open,
            finished=self.session.played_through,
        )
