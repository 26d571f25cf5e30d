"""What a deal has used so far: one card of an idea, and each deck within its share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from closeness_cards.core.cards import Card, Depth, Kind


class Limits:
    """What a deal has used so far: its ideas, and each deck's questions against its share."""

    def __init__(self, slots: int, shares: Mapping[str, int]) -> None:
        self.used: set[str] = set()
        """The ideas dealt (``Card.idea_key``)."""
        self.asked: dict[str, int] = {}
        """Questions dealt, by deck."""
        self.most = {deck: slots * share // 100 for deck, share in shares.items()}
        """The most questions a deck with a share may give to a deal of ``slots`` cards."""

    def capped(self, card: Card) -> bool:
        most = self.most.get(card.deck_id)
        return most is not None and self.asked.get(card.deck_id, 0) >= most

    def take(
        self, queue: list[Card], *, deepest: Depth = Depth.DEEP, over_share: bool = True
    ) -> Card | None:
        """The first card of ``queue`` of an idea not yet used, no deeper than ``deepest``;
        from a deck over its share only when ``over_share``."""
        for position, card in enumerate(queue):
            if card.idea_key in self.used or card.depth > deepest:
                continue
            if over_share or not self.capped(card):
                del queue[position]
                self.used.add(card.idea_key)
                return card
        return None

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
                    return card
        return None
