"""The ports in SQLite: everything kept in the player's own database, committed at once.

A full disk, a read-only folder or a damaged file never stops a game: the first failure
turns keeping off for the rest of the run and leaves one notice for the players.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from closeness_cards.store.db import Database, StoreError
from closeness_cards.store.paths import database_path
from closeness_cards.store.readonly import open_history
from closeness_cards.store.settings import JSONValue, get_setting, set_setting
from closeness_cards.table.ports import Ports, Unfinished
from closeness_cards.table.resuming import check_in_of

if TYPE_CHECKING:
    from closeness_cards.core.cards import Card
    from closeness_cards.core.summary import Left
    from closeness_cards.store import checkins, history, leases
    from closeness_cards.store import favourites as favs
    from closeness_cards.store.favourites import Favourite, HiddenCard
    from closeness_cards.store.leases import Holder
    from closeness_cards.store.records import SessionDetail, SessionSummary, TrendPoint
    from closeness_cards.table.ports import LeftRecord, Started


class _Later(ModuleType):
    """A store module imported on first use: the setup screen's first frame needs only the
    settings, not the history, favourites and check-in code and their records."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self.__name__)
        return getattr(self._module, attribute)


if not TYPE_CHECKING:
    checkins = _Later("closeness_cards.store.checkins")
    history = _Later("closeness_cards.store.history")
    leases = _Later("closeness_cards.store.leases")
    favs = _Later("closeness_cards.store.favourites")

T = TypeVar("T")

HISTORY_OFF = "History is off for this session"
PRIVATE = "Private session: nothing is saved."
DECK_SWITCHES = "deck_switches"
THEME = "theme"
PLAYERS = "players"


class Link:
    """The database the SQLite ports share, and the notices about it."""

    def __init__(self, db: Database | None, notices: list[str]) -> None:
        self.db = db
        self.notices = notices

    def run(self, work: Callable[[Database], T], fallback: T) -> T:
        """Do ``work`` on the database; on any storage failure, stop keeping and say so.

        Rows the work had to skip (they could not be read) are said once each, here.
        """
        db = self.db
        if db is None:
            return fallback
        try:
            result = work(db)
        except (StoreError, sqlite3.Error, OSError) as error:
            self.notices.append(f"{HISTORY_OFF}: {error}")
            self.db = None
            return fallback
        finally:
            self.notices.extend(db.unreadable.new_notices())
        return result

    @property
    def keeping(self) -> bool:
        """Whether writes reach the database (not after a failure, nor when read-only)."""
        return self.db is not None and not self.db.read_only

    def write(self, work: Callable[[Database], T], fallback: T) -> T:
        """Like ``run``, for work that writes: skipped, quietly, on a read-only history.

        Its notice, said when it was opened, covers every write left out.
        """
        if not self.keeping:
            return fallback
        return self.run(work, fallback)

    def close(self) -> None:
        """Close the database; safe to call twice."""
        if self.db is not None:
            self.db.close()
            self.db = None


class SqliteLog:
    """The session log in SQLite."""

    def __init__(self, link: Link) -> None:
        self.link = link

    @property
    def keeping(self) -> bool:
        return self.link.keeping

    @property
    def notices(self) -> list[str]:
        return self.link.notices

    def close(self) -> None:
        self.link.close()

    def start(self, started: Started) -> int | None:
        return self.link.write(
            lambda db: history.start_session(
                db,
                players=started.players,
                stage=started.stage,
                shape=started.shape,
                depth=started.depth,
                seed=started.seed,
                decks=started.decks,
                options=started.options,
                plan_json=started.plan_json,
                started_at=started.started_at,
            ),
            None,
        )

    def record(
        self,
        session_id: int,
        left: LeftRecord,
        *,
        next_position: int,
        seconds_open: float,
        plan_json: str | None,
    ) -> None:
        card = left.card
        self.link.write(
            lambda db: history.record_play(
                db,
                session_id,
                position=left.position,
                card_id=card.global_id,
                deck_id=card.deck_id,
                text=card.text,
                depth=int(card.depth),
                kind=card.kind.value,
                reader=left.reader,
                answerers=left.answerers,
                outcome=left.outcome,
                played_at=left.at,
                next_position=next_position,
                seconds_open=seconds_open,
                plan_json=plan_json,
            ),
            None,
        )

    def finish(self, session_id: int, *, status: str, at: datetime, seconds_open: float) -> None:
        self.link.write(
            lambda db: history.end_session(
                db, session_id, status=status, ended_at=at, seconds_open=seconds_open
            ),
            None,
        )

    def abandon(self, session_id: int, at: datetime) -> None:
        self.link.write(lambda db: history.abandon_session(db, session_id, at), None)

    def check_in(
        self, session_id: int, moment: str, values: Mapping[str, int | None], at: datetime
    ) -> None:
        def write(db: Database) -> None:
            for player, value in values.items():
                if value is not None:
                    checkins.record_checkin(
                        db, session_id, player=player, moment=moment, value=value, at=at
                    )

        self.link.write(write, None)

    def check_ins(self, session_id: int) -> dict[str, tuple[int | None, int | None]]:
        detail = self.link.run(lambda db: history.session_detail(db, session_id), None)
        values: dict[str, tuple[int | None, int | None]] = {}
        if detail is None:
            return values
        for item in detail.checkins:
            before, after = values.get(item.player, (None, None))
            values[item.player] = (
                (item.value, after) if item.moment == "before" else (before, item.value)
            )
        return values

    def left_cards(self, session_id: int) -> list[Left]:
        from closeness_cards.core.cards import Depth, Kind
        from closeness_cards.core.summary import Left

        detail = self.link.run(lambda db: history.session_detail(db, session_id), None)
        if detail is None:
            return []
        return [
            Left(Kind(play.kind), Depth(play.depth), play.outcome)
            for play in detail.plays
            if play.kind in Kind._value2member_map_ and play.depth in (1, 2, 3)
        ]

    def unfinished(self) -> Unfinished | None:
        if not self.link.keeping:
            return None  # resuming means keeping on; a read-only history keeps nothing new
        found = self.link.run(lambda db: history.unfinished_session(db), None)
        if found is None:
            return None
        summary = found.summary
        return Unfinished(
            id=summary.id,
            players=summary.players,
            stage=summary.stage,
            plan_json=found.plan_json,
            position=found.position,
            seconds_open=summary.duration_seconds or 0.0,
            check_in=check_in_of(found.options),
        )

    def seen(self, players: Sequence[str]) -> dict[str, datetime]:
        return self.link.run(lambda db: history.last_seen(db, players), {})

    def claim(self, session_id: int, holder: str, now: datetime) -> Holder | None:
        return self.link.write(lambda db: leases.claim(db, session_id, holder, now), None)

    def release(self, session_id: int, holder: str) -> None:
        self.link.write(lambda db: leases.release(db, session_id, holder), None)

    def holder(self, session_id: int, now: datetime) -> Holder | None:
        return self.link.run(lambda db: leases.holder_of(db, session_id, now), None)


class SqliteKeepsakes:
    """Favourites, hidden cards and revisit marks in SQLite."""

    def __init__(self, link: Link) -> None:
        self.link = link

    def favourite_ids(self, player: str | None = None) -> set[str]:
        return self.link.run(lambda db: favs.favourite_ids(db, player), set())

    def add_favourite(self, card: Card, at: datetime, player: str | None = None) -> None:
        self.link.write(
            lambda db: favs.add_favourite(
                db,
                card_id=card.global_id,
                deck_id=card.deck_id,
                text=card.text,
                follow_up=card.follow_up,
                stages=sorted(stage.value for stage in card.stages),
                depth=int(card.depth),
                at=at,
                player=player,
            ),
            None,
        )

    def remove_favourite(self, card_id: str) -> None:
        self.link.write(lambda db: favs.remove_favourite(db, card_id), False)

    def remove_kept(self, card_id: str, player: str | None) -> None:
        self.link.write(lambda db: favs.remove_kept(db, card_id, player), False)

    def favourites(self, limit: int | None = None) -> list[Favourite]:
        return self.link.run(lambda db: favs.list_favourites(db, limit), [])

    def favourite_count(self) -> int:
        return self.link.run(favs.count_favourites, 0)

    def hidden_ids(self) -> set[str]:
        return self.link.run(favs.hidden_ids, set())

    def hide(self, card: Card, at: datetime) -> None:
        self.link.write(
            lambda db: favs.hide_card(
                db, card_id=card.global_id, deck_id=card.deck_id, text=card.text, at=at
            ),
            None,
        )

    def unhide(self, card_id: str) -> None:
        self.link.write(lambda db: favs.unhide_card(db, card_id), False)

    def hidden_cards(self, limit: int | None = None) -> list[HiddenCard]:
        return self.link.run(lambda db: favs.list_hidden(db, limit), [])

    def hidden_count(self) -> int:
        return self.link.run(favs.count_hidden, 0)

    def revisit_ids(self, session_id: int | None) -> set[str]:
        if session_id is None:
            return set()
        empty: list[favs.Revisit] = []
        marks = self.link.run(lambda db: favs.list_revisits(db, session_id), empty)
        return {mark.card_id for mark in marks}

    def mark_revisit(self, session_id: int | None, card: Card, at: datetime) -> None:
        self.link.write(
            lambda db: favs.mark_revisit(
                db, session_id=session_id, card_id=card.global_id, text=card.text, at=at
            ),
            None,
        )

    def unmark_revisit(self, session_id: int | None, card_id: str) -> None:
        self.link.write(lambda db: favs.unmark_revisit(db, session_id, card_id), False)


class SqlitePreferences:
    """Settings in SQLite."""

    def __init__(self, link: Link) -> None:
        self.link = link

    def deck_switches(self) -> dict[str, bool]:
        empty: dict[str, bool] = {}
        value = self.link.run(lambda db: get_setting(db, DECK_SWITCHES, empty), empty)
        return {str(k): bool(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def set_deck_enabled(self, deck_id: str, enabled: bool) -> None:
        switches: dict[str, JSONValue] = dict(self.deck_switches())
        switches[deck_id] = enabled
        self.link.write(lambda db: set_setting(db, DECK_SWITCHES, switches), None)

    def theme(self) -> str | None:
        value = self.link.run(lambda db: get_setting(db, THEME), None)
        return value if isinstance(value, str) else None

    def set_theme(self, name: str) -> None:
        self.link.write(lambda db: set_setting(db, THEME, name), None)

    def players(self) -> tuple[str, ...]:
        value = self.link.run(lambda db: get_setting(db, PLAYERS), None)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return ()  # nothing kept yet, or a value that is not a list of names
        return tuple(str(v) for v in value)

    def set_players(self, players: tuple[str, ...]) -> None:
        names: list[JSONValue] = list(players)
        self.link.run(lambda db: set_setting(db, PLAYERS, names), None)


class SqliteArchive:
    """Past sessions in SQLite."""

    def __init__(self, link: Link) -> None:
        self.link = link

    def sessions(self, limit: int | None = None, offset: int = 0) -> list[SessionSummary]:
        return self.link.run(lambda db: history.list_sessions(db, limit, offset), [])

    def detail(self, session_id: int) -> SessionDetail | None:
        return self.link.run(lambda db: history.session_detail(db, session_id), None)

    def forget(self, session_id: int) -> bool:
        return self.link.write(lambda db: history.forget_session(db, session_id), False)

    def trend(self, players: Sequence[str], last: int | None = None) -> list[TrendPoint]:
        return self.link.run(lambda db: checkins.checkin_trend(db, players, last), [])

    def trend_counts(self, players: Sequence[str]) -> dict[str, int]:
        return self.link.run(lambda db: checkins.checkin_counts(db, players), {})


def sqlite_ports(link: Link) -> Ports:
    """The four ports over one shared database link."""
    return Ports(
        SqliteLog(link), SqliteKeepsakes(link), SqlitePreferences(link), SqliteArchive(link)
    )


def open_ports(*, history: bool = True) -> Ports:
    """The ports for this run: SQLite, or in memory for a private session or a failed store."""
    if not history:
        from closeness_cards.table.memory import memory_ports

        return memory_ports(notice=PRIVATE)
    try:
        db = open_history()
    except StoreError as error:
        from closeness_cards.table.memory import memory_ports

        return memory_ports(notice=f"{HISTORY_OFF}: {error}")
    return sqlite_ports(Link(db, [db.notice] if db.notice else []))


@contextmanager
def reading_ports(*, history: bool = True) -> Iterator[Ports]:
    """Ports for a command that only reads: never creates anything on disk."""
    from closeness_cards.table.memory import memory_ports

    ports = open_ports() if history and database_path().exists() else memory_ports(notice=None)
    try:
        yield ports
    finally:
        ports.close()
