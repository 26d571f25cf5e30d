"""The session journal: writes a session to the store as it is played, or stays quiet when off.

A full disk, a read-only folder or a damaged file never stops a game: the journal turns
itself off and says so once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import TypeVar

from closeness_cards.core.cards import Card
from closeness_cards.core.library import Library, switched_off
from closeness_cards.core.plan import dump_plan, options_document
from closeness_cards.core.session import Play, Session
from closeness_cards.store import checkins, history
from closeness_cards.store import favourites as favs
from closeness_cards.store.db import Database, StoreError, open_database
from closeness_cards.store.favourites import Favourite, HiddenCard
from closeness_cards.store.paths import database_path
from closeness_cards.store.records import (
    ResumableSession,
    SessionDetail,
    SessionSummary,
    TrendPoint,
)
from closeness_cards.store.settings import JSONValue, get_setting, set_setting

T = TypeVar("T")

HISTORY_OFF = "History is off for this session"
DECK_SWITCHES = "deck_switches"
THEME = "theme"


def utc_now() -> datetime:
    """The clock the game runs on."""
    return datetime.now(timezone.utc)


class Journal:
    """Records one app run's sessions, favourites, hidden cards and revisit marks."""

    def __init__(self, db: Database | None, notice: str | None = None) -> None:
        self.db = db
        self.notice = notice
        """A plain-language notice to show the players (history off, a file set aside)."""
        self.session_id: int | None = None
        self._favourites: set[str] = set()
        self._revisits: set[str] = set()
        if db is not None:
            self._favourites = self._safely(lambda d: favs.favourite_ids(d), set())

    @classmethod
    def open(cls, *, enabled: bool = True) -> Journal:
        """The journal for this run: off for a private session or when the store fails."""
        if not enabled:
            return cls(None, "Private session: nothing is saved.")
        try:
            db = open_database()
        except StoreError as error:
            return cls(None, f"{HISTORY_OFF}: {error}")
        return cls(db, db.notice)

    @classmethod
    @contextmanager
    def reading(cls, *, enabled: bool = True) -> Iterator[Journal]:
        """The journal for a command that only reads: never creates anything on disk."""
        journal = cls.open() if enabled and database_path().exists() else cls(None)
        try:
            yield journal
        finally:
            journal.close()

    @property
    def enabled(self) -> bool:
        """Whether anything is being written."""
        return self.db is not None

    def _safely(self, write: Callable[[Database], T], fallback: T) -> T:
        if self.db is None:
            return fallback
        try:
            return write(self.db)
        except (StoreError, sqlite3.Error, OSError) as error:
            # The game goes on; history stops here and the players are told once.
            self.notice = f"{HISTORY_OFF}: {error}"
            self.db = None
            return fallback

    def seen(self, players: Sequence[str]) -> dict[str, datetime]:
        """When each card was last answered by these players."""
        return self._safely(lambda db: history.last_seen(db, players), {})

    def hidden(self) -> set[str]:
        """Cards the players chose never to see again."""
        return self._safely(lambda db: favs.hidden_ids(db), set())

    def start(self, session: Session) -> None:
        """A new session begins: record it with its whole plan."""
        options = session.deal.options
        decks = sorted({step.card.deck_id for step in session.steps})
        self.session_id = self._safely(
            lambda db: history.start_session(
                db,
                players=options.players,
                stage=options.stage.value,
                shape=options.shape.value,
                depth=options.depth.value,
                seed=options.seed,
                decks=decks,
                options=options_document(options),
                plan_json=dump_plan(session),
                started_at=session.started_at,
            ),
            None,
        )
        self._revisits = set()

    def adopt(self, session_id: int) -> None:
        """Carry on recording a resumed session."""
        self.session_id = session_id
        empty: list[favs.Revisit] = []
        revisits = self._safely(lambda db: favs.list_revisits(db, session_id), empty)
        self._revisits = {r.card_id for r in revisits}

    def record(self, session: Session, play: Play, *, replanned: bool = False) -> None:
        """A card left the table: commit it now.

        ``replanned``: the deal changed with it (a pass or a hidden card brought a
        replacement); the new plan is committed in the same transaction, so a resumed
        session never deals the card that left again.
        """
        session_id = self.session_id
        if session_id is None:
            return
        card = play.step.card

        def write(db: Database) -> None:
            with db.transaction():
                history.record_play(
                    db,
                    session_id,
                    position=play.position,
                    card_id=card.global_id,
                    deck_id=card.deck_id,
                    text=card.text,
                    depth=int(card.depth),
                    kind=card.kind.value,
                    reader=play.step.reader,
                    answerers=play.step.answerers,
                    outcome=play.outcome.value,
                    played_at=play.at,
                    next_position=session.position,
                )
                if replanned:
                    history.update_plan(db, session_id, dump_plan(session))

        self._safely(write, None)

    def finish(self, session: Session) -> None:
        """The session is over."""
        session_id = self.session_id
        if session_id is None:
            return
        status = "ended-early" if session.ended_early else "finished"
        ended = session.ended_at or session.clock()
        self._safely(
            lambda db: history.end_session(db, session_id, status=status, ended_at=ended), None
        )

    def record_checkins(self, moment: str, values: dict[str, int | None]) -> None:
        """Keep each player's closeness check-in (``before`` or ``after``); skips keep nothing."""
        session_id = self.session_id
        if session_id is None:
            return
        at = utc_now()

        def write(db: Database) -> None:
            for player, value in values.items():
                if value is not None:
                    checkins.record_checkin(
                        db, session_id, player=player, moment=moment, value=value, at=at
                    )

        self._safely(write, None)

    def trend(self, players: Sequence[str]) -> list[TrendPoint]:
        """These players' check-ins over their sessions together, oldest first."""
        return self._safely(lambda db: checkins.checkin_trend(db, players), [])

    def is_favourite(self, card: Card) -> bool:
        """Whether the card is among the favourites."""
        return card.global_id in self._favourites

    def toggle_favourite(self, card: Card) -> bool:
        """Favourite or unfavourite a card; True when it is now a favourite."""
        if card.global_id in self._favourites:
            self._favourites.discard(card.global_id)
            self._safely(lambda db: favs.remove_favourite(db, card.global_id), False)
            return False
        self._favourites.add(card.global_id)
        self._safely(
            lambda db: favs.add_favourite(
                db,
                card_id=card.global_id,
                deck_id=card.deck_id,
                text=card.text,
                follow_up=card.follow_up,
                stages=sorted(stage.value for stage in card.stages),
                depth=int(card.depth),
                at=utc_now(),
            ),
            None,
        )
        return True

    def hide(self, card: Card) -> None:
        """Never deal this card again."""
        self._safely(
            lambda db: favs.hide_card(
                db, card_id=card.global_id, deck_id=card.deck_id, text=card.text, at=utc_now()
            ),
            None,
        )

    def toggle_revisit(self, card: Card) -> bool:
        """Mark or unmark a card's topic to come back to; True when now marked."""
        session_id = self.session_id
        if card.global_id in self._revisits:
            self._revisits.discard(card.global_id)
            self._safely(lambda db: favs.unmark_revisit(db, session_id, card.global_id), False)
            return False
        self._revisits.add(card.global_id)
        self._safely(
            lambda db: favs.mark_revisit(
                db, session_id=session_id, card_id=card.global_id, text=card.text, at=utc_now()
            ),
            None,
        )
        return True

    def marks(self, card: Card) -> str:
        """The marks shown on a card: a heart for a favourite, a flag to revisit."""
        marks = []
        if card.global_id in self._favourites:
            marks.append("♥ favourite")
        if card.global_id in self._revisits:
            marks.append("⚑ to revisit")
        return "   ".join(marks)

    def revisit_texts(self, session: Session) -> list[str]:
        """The texts of this session's cards marked to revisit."""
        wanted = self._revisits
        texts = {s.card.global_id: s.card.text for s in session.steps}
        texts.update({p.step.card.global_id: p.step.card.text for p in session.plays})
        return [texts[cid] for cid in sorted(wanted) if cid in texts]

    # Reading and tidying what is kept, for the favourites and history screens.

    def favourites(self) -> list[Favourite]:
        """Every favourite, grouped by stage and depth."""
        return self._safely(lambda db: favs.list_favourites(db), [])

    def unfavourite(self, card_id: str) -> None:
        """Take a card out of the favourites."""
        self._favourites.discard(card_id)
        self._safely(lambda db: favs.remove_favourite(db, card_id), False)

    def hidden_cards(self) -> list[HiddenCard]:
        """Every hidden card."""
        return self._safely(lambda db: favs.list_hidden(db), [])

    def unhide(self, card_id: str) -> None:
        """Let a hidden card be dealt again."""
        self._safely(lambda db: favs.unhide_card(db, card_id), False)

    def sessions(self, limit: int = 500) -> list[SessionSummary]:
        """Past sessions, newest first."""
        return self._safely(lambda db: history.list_sessions(db, limit=limit), [])

    def detail(self, session_id: int) -> SessionDetail | None:
        """One past session with its cards in order."""
        return self._safely(lambda db: history.session_detail(db, session_id), None)

    def forget(self, session_id: int) -> bool:
        """Erase one session for good."""
        return self._safely(lambda db: history.forget_session(db, session_id), False)

    def unfinished(self) -> ResumableSession | None:
        """The last session, if it never finished (a crash, ctrl+q, a killed process)."""
        return self._safely(lambda db: history.unfinished_session(db), None)

    def abandon(self, session_id: int) -> None:
        """Close an unfinished session without resuming it."""
        self._safely(lambda db: history.abandon_session(db, session_id, utc_now()), None)

    def deck_switches(self) -> dict[str, bool]:
        """Decks the players switched on or off, by id."""
        empty: dict[str, bool] = {}
        value = self._safely(lambda db: get_setting(db, DECK_SWITCHES, empty), empty)
        return {str(k): bool(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def set_deck_enabled(self, deck_id: str, enabled: bool) -> None:
        """Switch a deck on or off for the sessions to come."""
        switches: dict[str, JSONValue] = dict(self.deck_switches())
        switches[deck_id] = enabled
        self._safely(lambda db: set_setting(db, DECK_SWITCHES, switches), None)

    def theme(self) -> str | None:
        """The theme the players chose last, if any."""
        value = self._safely(lambda db: get_setting(db, THEME), None)
        return value if isinstance(value, str) else None

    def set_theme(self, name: str) -> None:
        """Remember the players' theme for the next run."""
        self._safely(lambda db: set_setting(db, THEME, name), None)

    def switched_on(self, library: Library) -> Library:
        """The decks sessions deal from: those the players left on (optional ones start off)."""
        return library.without(switched_off(library.decks, self.deck_switches()))

    def close(self) -> None:
        """Close the store."""
        if self.db is not None:
            self.db.close()
            self.db = None
