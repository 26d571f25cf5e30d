"""The items of an export, each checked: favourites, hidden cards, revisit marks, sessions.

Each check takes a parsed value and where it sits in the document, and returns the store's
own record (``Favourite``, ``SessionDetail``, ...) or raises ``ImportRefused`` (see
``store.fields``). Limits are generous against what the game writes, and tight against
what would slow or break a reader.
"""

from __future__ import annotations

from collections.abc import Sequence

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import DepthPlan, Shape
from closeness_cards.store.favourites import Favourite, HiddenCard, Revisit
from closeness_cards.store.fields import (
    ImportRefused,
    check_players,
    choice,
    keys_of,
    listed,
    moment,
    optional_text,
    player,
    seconds,
    text,
    whole,
)
from closeness_cards.store.records import (
    KINDS,
    MOMENTS,
    OUTCOMES,
    SESSION_STATUSES,
    CheckIn,
    PlayRecord,
    SessionDetail,
    SessionSummary,
)
from closeness_cards.store.sessions import LARGEST_ID, SMALLEST_ID

STAGES = tuple(stage.value for stage in Stage)
"""The stages a session or a favourite may name."""
SHAPES = tuple(shape.value for shape in Shape)
DEPTH_PLANS = tuple(plan.value for plan in DepthPlan)
"""How deep a session may go: ``rise``, ``gentle``, or one depth."""
ID_LONGEST = 200
"""The longest card or deck id taken (a deck's ids are at most 64 + 1 + 64 characters)."""
TEXT_LONGEST = 2000
"""The longest card text, follow-up or revisit text taken (a deck's are at most 280)."""
DECKS_MOST = 1000
"""The most decks one session may name."""
POSITION_MOST = 100_000
"""The largest plan step a play may name (an open session plans 120)."""


_FAVOURITE_KEYS = ("card", "deck", "text", "follow_up", "stages", "depth", "added_at")


def favourite(value: object, where: str) -> Favourite:
    """A favourite as ``export.favourite_json`` writes it.

    ``player`` (who kept it at a seat) may be missing, as in every export made before seats,
    or null: then the favourite is the household's.
    """
    found = keys_of(value, where, _FAVOURITE_KEYS, optional=("player",))
    whose = found.get("player")
    stages = listed(found["stages"], f"{where}.stages", _stage, most=len(STAGES))
    return Favourite(
        card_id=text(found["card"], f"{where}.card", ID_LONGEST),
        deck_id=text(found["deck"], f"{where}.deck", ID_LONGEST),
        text=text(found["text"], f"{where}.text", TEXT_LONGEST),
        follow_up=optional_text(found["follow_up"], f"{where}.follow_up", TEXT_LONGEST),
        stages=tuple(stages),
        depth=_depth(found["depth"], f"{where}.depth"),
        added_at=moment(found["added_at"], f"{where}.added_at"),
        player=None if whose is None else player(whose, f"{where}.player"),
    )


def _stage(value: object, where: str) -> str:
    return choice(value, where, STAGES)


def hidden(value: object, where: str) -> HiddenCard:
    """A hidden card as ``export.hidden_json`` writes it."""
    found = keys_of(value, where, ("card", "deck", "text", "hidden_at"))
    return HiddenCard(
        card_id=text(found["card"], f"{where}.card", ID_LONGEST),
        deck_id=text(found["deck"], f"{where}.deck", ID_LONGEST),
        text=text(found["text"], f"{where}.text", TEXT_LONGEST),
        hidden_at=moment(found["hidden_at"], f"{where}.hidden_at"),
    )


def _revisit(value: object, where: str, session_id: int | None) -> Revisit:
    """A revisit mark of the session ``session_id`` (None: made outside any session)."""
    found = keys_of(value, where, ("session_id", "card", "text", "marked_at"))
    marked_in = found["session_id"]
    if session_id is None and marked_in is not None:
        raise ImportRefused(
            f"{where}.session_id must be null: marks made in a session are kept with it"
        )
    if session_id is not None and (type(marked_in) is not int or marked_in != session_id):
        raise ImportRefused(f"{where}.session_id must be {session_id}, the id of its session")
    return Revisit(
        session_id=session_id,
        card_id=text(found["card"], f"{where}.card", ID_LONGEST),
        text=text(found["text"], f"{where}.text", TEXT_LONGEST),
        marked_at=moment(found["marked_at"], f"{where}.marked_at"),
    )


def loose_revisit(value: object, where: str) -> Revisit:
    """A revisit mark made outside any session (its ``session_id`` is null)."""
    return _revisit(value, where, None)


_SESSION_KEYS = (
    "id",
    "started_at",
    "ended_at",
    "status",
    "stage",
    "shape",
    "depth",
    "seed",
    "players",
    "decks",
    "answered",
    "questions",
    "wildcards",
    "closings",
    "passed",
    "hidden",
    "duration_seconds",
    "plays",
    "checkins",
    "revisits",
)
_COUNTS = ("answered", "questions", "wildcards", "closings", "passed", "hidden")


def session(value: object, where: str) -> SessionDetail:
    """A session with its plays, check-ins and revisit marks, as ``export_data`` writes it.

    Its counts (``answered``, ``passed``, ...) are checked but not kept: the history counts
    them from the plays. Readers, answerers and check-ins name the session's players.
    """
    found = keys_of(value, where, _SESSION_KEYS)
    session_id = whole(found["id"], f"{where}.id", 1, LARGEST_ID)
    players = check_players(found["players"], f"{where}.players")
    counts = {name: whole(found[name], f"{where}.{name}", 0, LARGEST_ID) for name in _COUNTS}
    ended = found["ended_at"]
    summary = SessionSummary(
        id=session_id,
        started_at=moment(found["started_at"], f"{where}.started_at"),
        ended_at=None if ended is None else moment(ended, f"{where}.ended_at"),
        status=choice(found["status"], f"{where}.status", SESSION_STATUSES),
        stage=choice(found["stage"], f"{where}.stage", STAGES),
        shape=choice(found["shape"], f"{where}.shape", SHAPES),
        depth=choice(found["depth"], f"{where}.depth", DEPTH_PLANS),
        seed=whole(found["seed"], f"{where}.seed", SMALLEST_ID, LARGEST_ID),
        players=players,
        decks=tuple(listed(found["decks"], f"{where}.decks", _deck_id, most=DECKS_MOST)),
        duration_seconds=seconds(found["duration_seconds"], f"{where}.duration_seconds"),
        **counts,
    )
    return SessionDetail(
        summary=summary,
        plays=tuple(
            listed(found["plays"], f"{where}.plays", lambda item, at: _play(item, at, players))
        ),
        checkins=tuple(
            listed(
                found["checkins"],
                f"{where}.checkins",
                lambda item, at: _checkin(item, at, players),
            )
        ),
        revisits=tuple(
            listed(
                found["revisits"],
                f"{where}.revisits",
                lambda item, at: _revisit(item, at, session_id),
            )
        ),
    )


def _deck_id(value: object, where: str) -> str:
    return text(value, where, ID_LONGEST)


def _depth(value: object, where: str) -> int:
    if type(value) is not int or not 1 <= value <= 3:
        raise ImportRefused(f"{where} must be 1, 2 or 3")
    return value


def _player(value: object, where: str, players: Sequence[str]) -> str:
    if type(value) is not str or value not in players:
        raise ImportRefused(f"{where} must be one of the session's players")
    return value


_PLAY_KEYS = (
    "position",
    "card",
    "deck",
    "text",
    "depth",
    "kind",
    "reader",
    "answerers",
    "outcome",
    "played_at",
)


def _play(value: object, where: str, players: Sequence[str]) -> PlayRecord:
    found = keys_of(value, where, _PLAY_KEYS)
    return PlayRecord(
        position=whole(found["position"], f"{where}.position", 0, POSITION_MOST),
        card_id=text(found["card"], f"{where}.card", ID_LONGEST),
        deck_id=text(found["deck"], f"{where}.deck", ID_LONGEST),
        text=text(found["text"], f"{where}.text", TEXT_LONGEST),
        depth=_depth(found["depth"], f"{where}.depth"),
        kind=choice(found["kind"], f"{where}.kind", KINDS),
        reader=_player(found["reader"], f"{where}.reader", players),
        answerers=tuple(
            listed(
                found["answerers"],
                f"{where}.answerers",
                lambda item, at: _player(item, at, players),
                most=len(players),
            )
        ),
        outcome=choice(found["outcome"], f"{where}.outcome", OUTCOMES),
        played_at=moment(found["played_at"], f"{where}.played_at"),
    )


def _checkin(value: object, where: str, players: Sequence[str]) -> CheckIn:
    found = keys_of(value, where, ("player", "moment", "value"))
    return CheckIn(
        player=_player(found["player"], f"{where}.player", players),
        moment=choice(found["moment"], f"{where}.moment", MOMENTS),
        value=whole(found["value"], f"{where}.value", 1, 7),
    )
