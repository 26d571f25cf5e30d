"""What a deal has used so far: one card of an idea, and each deck within its share."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from closeness_cards.core.cards import Card, Depth, Kind

LOOK_AHEAD = 8
"""How many of the freshest fitting cards the dealer looks through for one of a theme the
session has not just had: far enough to spread themes, near enough to keep freshness first."""


class Limits:
    """What a deal has used so far: its ideas, and each deck's questions against its share."""

    def __init__(
        self, slots: int, shares: Mapping[str, int], seen: Collection[str] = frozenset()
    ) -> None:
        self.seen = seen
        """The ideas asked before (``Card.idea_key``): a fresh card never waits for a seen
        one of a better theme."""
        self.used: set[str] = set()
        """The ideas dealt (``Card.idea_key``)."""
        self.asked: dict[str, int] = {}
        """Questions dealt, by deck."""
        self.most = {deck: slots * share // 100 for deck, share in shares.items()}
        """The most questions a deck with a share may give to a deal of ``slots`` cards."""
        self.themes: dict[str, int] = {}
        """Questions dealt, by theme."""
        self.last_theme: str | None = None
        self.theme_most = max(1, slots // 5)
        """A theme comes back at most this often in a deal (twice in twelve cards)."""

    def spread(self, card: Card) -> bool:
        """Whether a question's theme is welcome now: not the last question's, and not yet
        as often as a theme may come in this deal."""
        theme = card.theme
        return theme is None or (
            theme != self.last_theme and self.themes.get(theme, 0) < self.theme_most
        )

    def capped(self, card: Card) -> bool:
        most = self.most.get(card.deck_id)
        return most is not None and self.asked.get(card.deck_id, 0) >= most

    def take(
        self, queue: list[Card], *, deepest: Depth = Depth.DEEP, over_share: bool = True
    ) -> Card | None:
        """The first card of ``queue`` of an idea not yet used, no deeper than ``deepest``;
        from a deck over its share only when ``over_share``. Of the first few such cards, a
        question of a theme the deal has not just had comes first."""
        fitting: list[int] = []
        for position, card in enumerate(queue):
            if card.idea_key in self.used or card.depth > deepest:
                continue
            if over_share or not self.capped(card):
                if fitting and (card.idea_key in self.seen) != (
                    queue[fitting[0]].idea_key in self.seen
                ):
                    break
                fitting.append(position)
                if len(fitting) == LOOK_AHEAD:
                    break
        if not fitting:
            return None
        chosen = next(
            (at for at in fitting if queue[at].kind is not Kind.QUESTION or self.spread(queue[at])),
            fitting[0],
        )
        card = queue.pop(chosen)
        self.used.add(card.idea_key)
        return card

    def question(self, queues: Mapping[Depth, list[Card]], depths: Sequence[Depth]) -> Card | None:
        """The question for a slot, from the first of ``depths`` (its own, then those it may
        fall back on) that has one: from a deck under its share when any such card is left,
        else from any deck."""
        for over_share in (False, True):
            for depth in depths:
                card = self.take(queues[depth], over_share=over_share)
                if card is not None:
                    if card.kind is Kind.QUESTION:
                        self.asked[card.deck_id] = self.asked.get(card.deck_id, 0) + 1
                        if card.theme is not None:
                            self.themes[card.theme] = self.themes.get(card.theme, 0) + 1
                        self.last_theme = card.theme
                    return card
        return None
