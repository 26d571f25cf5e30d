"""The ports in memory: a private session, or a run whose history could not be opened.

Nothing here outlives the run. Favourites and revisit marks still work for the session,
and the front ends say they are not saved.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from closeness_cards.core.cards import Card
from closeness_cards.core.summary import Left
from closeness_cards.store.favourites import Favourite, HiddenCard, favourite_order
from closeness_cards.store.leases import Holder
from closeness_cards.store.records import (
    CheckIn,
    PlayRecord,
    SessionDetail,
    SessionSummary,
    TrendPoint,
    players_key,
)
from closeness_cards.table.ports import LeftRecord, Ports, Started, Unfinished
from closeness_cards.table.resuming import check_in_of


@dataclass
class _Session:
    started: Started
    position: int = 0
    status: str = "active"
    ended_at: datetime | None = None
    seconds_open: float = 0.0
    plays: list[LeftRecord] = field(default_factory=list)
    checkins: dict[tuple[str, str], int] = field(default_factory=dict)
    lease: tuple[str, datetime] | None = None


class MemoryLog:
    """The session log in memory."""

    def __init__(self, notices: list[str]) -> None:
        self.sessions: dict[int, _Session] = {}
        self._ids = itertools.count(1)
        self._notices = notices

    @property
    def keeping(self) -> bool:
        return False

    @property
    def notices(self) -> list[str]:
        return self._notices

    def start(self, started: Started) -> int | None:
        session_id = next(self._ids)
        self.sessions[session_id] = _Session(started)
        return session_id

    def record(
        self,
        session_id: int,
        left: LeftRecord,
        *,
        next_position: int,
        seconds_open: float,
        plan_json: str | None,
    ) -> None:
        session = self.sessions[session_id]
        session.plays.append(left)
        session.position = next_position
        session.seconds_open = seconds_open
        if plan_json is not None:
            session.started = session.started.replace(plan_json=plan_json)

    def finish(self, session_id: int, *, status: str, at: datetime, seconds_open: float) -> None:
        session = self.sessions[session_id]
        session.status, session.ended_at, session.seconds_open = status, at, seconds_open

    def abandon(self, session_id: int, at: datetime) -> None:
        session = self.sessions[session_id]
        if session.status == "active":
            session.status, session.ended_at = "abandoned", at

    def check_in(
        self, session_id: int, moment: str, values: Mapping[str, int | None], at: datetime
    ) -> None:
        for player, value in values.items():
            if value is not None:
                self.sessions[session_id].checkins[(player, moment)] = value

    def check_ins(self, session_id: int) -> dict[str, tuple[int | None, int | None]]:
        marks = self.sessions[session_id].checkins
        players = {player for player, _ in marks}
        return {p: (marks.get((p, "before")), marks.get((p, "after"))) for p in players}

    def left_cards(self, session_id: int) -> list[Left]:
        return [Left(p.card.kind, p.card.depth, p.outcome) for p in self.sessions[session_id].plays]

    def unfinished(self) -> Unfinished | None:
        active = [(i, s) for i, s in self.sessions.items() if s.status == "active"]
        if not active:
            return None
        session_id, session = active[-1]
        started = session.started
        return Unfinished(
            session_id,
            started.players,
            started.stage,
            started.plan_json,
            session.position,
            session.seconds_open,
            check_in_of(started.options),
        )

    def seen(self, players: Sequence[str]) -> dict[str, datetime]:
        key = players_key(players)
        seen: dict[str, datetime] = {}
        for session in self.sessions.values():
            if players_key(session.started.players) != key:
                continue
            for play in session.plays:
                if play.outcome == "answered":
                    seen[play.card.global_id] = max(play.at, seen.get(play.card.global_id, play.at))
        return seen

    def claim(self, session_id: int, holder: str, now: datetime) -> Holder | None:
        # One process holds a memory log: another table of it is another window.
        session = self.sessions[session_id]
        if session.lease is not None and session.lease[0] != holder:
            return Holder(session.lease[0], "this computer", 0, session.lease[1])
        session.lease = (holder, now)
        return None

    def release(self, session_id: int, holder: str) -> None:
        session = self.sessions.get(session_id)
        if session is not None and session.lease is not None and session.lease[0] == holder:
            session.lease = None

    def close(self) -> None:
        """Nothing is held open in memory."""

    def holder(self, session_id: int, now: datetime) -> Holder | None:
        session = self.sessions.get(session_id)
        if session is None or session.lease is None:
            return None
        return Holder(session.lease[0], "this computer", 0, session.lease[1])

    def summary(self, session_id: int) -> SessionSummary:
        """One session as the history lists it."""
        session = self.sessions[session_id]
        started = session.started
        answered = [p for p in session.plays if p.outcome == "answered"]
        kinds = [p.card.kind.value for p in answered]
        return SessionSummary(
            id=session_id,
            started_at=started.started_at,
            ended_at=session.ended_at,
            status=session.status,
            stage=started.stage,
            shape=started.shape,
            depth=started.depth,
            seed=started.seed,
            players=started.players,
            decks=started.decks,
            answered=len(answered),
            passed=sum(1 for p in session.plays if p.outcome == "passed"),
            hidden=sum(1 for p in session.plays if p.outcome == "hidden"),
            duration_seconds=session.seconds_open,
            questions=kinds.count("question"),
            wildcards=kinds.count("action"),
            closings=kinds.count("closing"),
        )


class MemoryKeepsakes:
    """Favourites, hidden cards and revisit marks for this run only."""

    def __init__(self) -> None:
        self._favourites: dict[tuple[str, str | None], Favourite] = {}
        self._hidden: dict[str, HiddenCard] = {}
        self._revisits: dict[int | None, set[str]] = {}

    def favourite_ids(self, player: str | None = None) -> set[str]:
        return {card_id for card_id, whose in self._favourites if player in (None, whose)}

    def add_favourite(self, card: Card, at: datetime, player: str | None = None) -> None:
        self._favourites[card.global_id, player] = Favourite(
            card_id=card.global_id,
            deck_id=card.deck_id,
            text=card.text,
            follow_up=card.follow_up,
            stages=tuple(sorted(stage.value for stage in card.stages)),
            depth=int(card.depth),
            added_at=at,
            player=player,
        )

    def remove_favourite(self, card_id: str) -> None:
        for key in [key for key in self._favourites if key[0] == card_id]:
            del self._favourites[key]

    def remove_kept(self, card_id: str, player: str | None) -> None:
        self._favourites.pop((card_id, player), None)

    def favourites(self, limit: int | None = None) -> list[Favourite]:
        return sorted(self._favourites.values(), key=favourite_order)[: _at_least(limit)]

    def favourite_count(self) -> int:
        return len(self._favourites)

    def hidden_ids(self) -> set[str]:
        return set(self._hidden)

    def hide(self, card: Card, at: datetime) -> None:
        self._hidden[card.global_id] = HiddenCard(
            card_id=card.global_id, deck_id=card.deck_id, text=card.text, hidden_at=at
        )

    def unhide(self, card_id: str) -> None:
        self._hidden.pop(card_id, None)

    def hidden_cards(self, limit: int | None = None) -> list[HiddenCard]:
        # Newest first, and ties by card id, as SQLite orders them.
        hidden = sorted(self._hidden.values(), key=lambda h: h.card_id)
        hidden.sort(key=lambda h: h.hidden_at, reverse=True)
        return hidden[: _at_least(limit)]

    def hidden_count(self) -> int:
        return len(self._hidden)

    def revisit_ids(self, session_id: int | None) -> set[str]:
        return set(self._revisits.get(session_id, set()))

    def mark_revisit(self, session_id: int | None, card: Card, at: datetime) -> None:
        self._revisits.setdefault(session_id, set()).add(card.global_id)

    def unmark_revisit(self, session_id: int | None, card_id: str) -> None:
        self._revisits.get(session_id, set()).discard(card_id)


class MemoryPreferences:
    """Settings for this run only."""

    def __init__(self) -> None:
        self._switches: dict[str, bool] = {}
        self._theme: str | None = None
        self._players: tuple[str, ...] = ()

    def deck_switches(self) -> dict[str, bool]:
        return dict(self._switches)

    def set_deck_enabled(self, deck_id: str, enabled: bool) -> None:
        self._switches[deck_id] = enabled

    def theme(self) -> str | None:
        return self._theme

    def set_theme(self, name: str) -> None:
        self._theme = name

    def players(self) -> tuple[str, ...]:
        return self._players

    def set_players(self, players: tuple[str, ...]) -> None:
        self._players = players


class MemoryArchive:
    """This run's sessions, read from the memory log."""

    def __init__(self, log: MemoryLog) -> None:
        self.log = log

    def sessions(self, limit: int | None = None, offset: int = 0) -> list[SessionSummary]:
        ids = sorted(self.log.sessions, reverse=True)[offset:]
        return [self.log.summary(i) for i in ids[:limit]]

    def detail(self, session_id: int) -> SessionDetail | None:
        session = self.log.sessions.get(session_id)
        if session is None:
            return None
        plays = tuple(
            PlayRecord(
                position=p.position,
                card_id=p.card.global_id,
                deck_id=p.card.deck_id,
                text=p.card.text,
                depth=int(p.card.depth),
                kind=p.card.kind.value,
                reader=p.reader,
                answerers=p.answerers,
                outcome=p.outcome,
                played_at=p.at,
            )
            for p in session.plays
        )
        checkins = tuple(
            CheckIn(player, moment, value)
            for (player, moment), value in sorted(session.checkins.items())
        )
        return SessionDetail(self.log.summary(session_id), plays, checkins, ())

    def forget(self, session_id: int) -> bool:
        return self.log.sessions.pop(session_id, None) is not None

    def trend(self, players: Sequence[str], last: int | None = None) -> list[TrendPoint]:
        key = players_key(players)
        points = []
        for session_id, session in sorted(self.log.sessions.items()):
            if players_key(session.started.players) != key or not session.checkins:
                continue
            values = self.log.check_ins(session_id)
            points.append(TrendPoint(session_id, session.started.started_at, values))
        return points if last is None else points[len(points) - last :] if last else []

    def trend_counts(self, players: Sequence[str]) -> dict[str, int]:
        spelling = {name.strip().casefold(): name for name in players}
        counts: dict[str, int] = {}
        for point in self.trend(players):
            for player, pair in point.values.items():
                name = spelling.get(player.strip().casefold())
                if name is not None and pair != (None, None):
                    counts[name] = counts.get(name, 0) + 1
        return counts


def memory_ports(*, notice: str | None) -> Ports:
    """Ports that keep everything in memory for this run."""
    log = MemoryLog([notice] if notice else [])
    return Ports(log, MemoryKeepsakes(), MemoryPreferences(), MemoryArchive(log))


def _at_least(limit: int | None) -> int | None:
    """A list's ``limit`` as a slice's end: None for all, never below 0 (a negative end
    would cut from the end instead)."""
    return None if limit is None else max(limit, 0)
