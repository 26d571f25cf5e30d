"""A seat at a shared table: the player's role on the card, what they may do, their tip."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from enum import Enum

from closeness_cards.core.cards import Kind
from closeness_cards.core.library import Library
from closeness_cards.table.events import Action, Reason, View


class Role(str, Enum):
    """What the card on the table asks of one player; front ends word it."""

    ANSWER = "answer"
    """It is this player's turn to answer."""
    READ = "read"
    """This player reads the card aloud, then listens."""
    NEXT = "next"
    """This player answers after the one answering now."""
    LISTEN = "listen"
    TOGETHER = "together"
    """A wildcard: everyone does it together."""
    CLOSING = "closing"
    """The closing card: everyone takes part."""


def role_of(view: View, player: str) -> Role:
    """The role of ``player`` on the card on the table."""
    if view.closing:
        return Role.CLOSING
    if view.together:
        return Role.TOGETHER
    if player == view.answerer:
        return Role.ANSWER
    if player == view.reader:
        return Role.READ
    if player in view.waiting:
        return Role.NEXT
    return Role.LISTEN


def not_offered(view: View, action: Action) -> Reason | None:
    """Why the card on the table allows ``action`` to nobody (None when it allows it).

    The closing card is how every session ends: it cannot be passed or hidden. Only a card
    with a follow-up prompt can go deeper.
    """
    if action in (Action.PASS, Action.HIDE) and view.closing:
        return Reason.CLOSING_CARD
    if action is Action.DEEPER and not view.card.follow_up:
        return Reason.NO_FOLLOW_UP
    return None


def offered(view: View, action: Action) -> bool:
    """Whether the card on the table allows ``action`` at all, whoever asks."""
    return not_offered(view, action) is None


def whose(view: View, action: Action) -> tuple[str, ...]:
    """The players whose seats may take ``action`` now (every player: anyone may; nobody:
    the card does not allow it)."""
    if not offered(view, action):
        return ()
    everyone = view.players
    if action is Action.DONE:
        # The person answering says when they are done; a card done together, anyone.
        return everyone if view.answerer is None else (view.answerer,)
    if action is Action.PASS:
        # A pass spends the passer's own pass: only their seat spends it.
        return (view.reader,) if view.answerer is None else (view.answerer,)
    if action is Action.HIDE:
        holders = (view.reader,) if view.answerer is None else (view.reader, view.answerer)
        return everyone if view.together else holders
    return everyone


def refusal(view: View, player: str, action: Action) -> tuple[Reason, str] | None:
    """Why ``player``'s seat may not take ``action`` now (and whose it is), or None.

    None too when nobody may: the table's own rules then say why (the closing card).
    """
    allowed = whose(view, action)
    if not allowed or player in allowed:
        return None
    return Reason.NOT_YOURS, allowed[0]


def tip_for(view: View, player: str, tips: Sequence[str]) -> str | None:
    """This player's own listening tip (None when they are not only listening).

    The first listener gets the card's tip; each other listener another tip, the same one
    on every screen and every run for the same card and player.
    """
    if view.tip is None or player not in view.listeners:
        return None
    index = view.listeners.index(player)
    others = [tip for tip in tips if tip != view.tip]
    if index == 0 or not others:
        return view.tip
    start = zlib.crc32(view.card.global_id.encode("utf-8"))
    return others[(start + index) % len(others)]


def listening_tips(library: Library, view: View) -> list[str]:
    """The tips that fit this table: its stage and its number of players."""
    count = len(view.players)
    return [
        card.text
        for card in library.cards
        if card.kind is Kind.TIP
        and view.stage in card.stages
        and (card.table is None or card.table.admits(count))
    ]
