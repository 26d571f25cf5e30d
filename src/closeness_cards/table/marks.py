"""What players marked at this table: favourites and the revisit marks of its session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from closeness_cards.core.cards import Card
from closeness_cards.table.events import FavouriteChanged, RevisitChanged
from closeness_cards.table.ports import Keepsakes


class Marks:
    """Favourites (read once, then kept in step) and this session's revisit marks."""

    def __init__(self, keepsakes: Keepsakes, clock: Callable[[], datetime]) -> None:
        self.keepsakes = keepsakes
        self.clock = clock
        self._favourites: set[str] | None = None
        self.revisits: set[str] = set()
        """The cards of this session marked to revisit."""
        self.kept_now: dict[str, str] = {}
        """The cards kept as favourites in this window's session: id to text, in order."""

    def begin(self, revisits: set[str]) -> None:
        """A session comes to the table, with the revisit marks it already has."""
        self.revisits = revisits
        self.kept_now = {}

    def favourites(self) -> set[str]:
        """The ids of every favourite."""
        if self._favourites is None:
            self._favourites = self.keepsakes.favourite_ids()
        return self._favourites

    def toggle_favourite(self, card: Card, *, saved: bool) -> FavouriteChanged:
        """Keep a card among the favourites, or take it out."""
        favourites = self.favourites()
        if card.global_id in favourites:
            self.forget_favourite(card.global_id)
            return FavouriteChanged(False, saved)
        favourites.add(card.global_id)
        self.kept_now[card.global_id] = card.text
        self.keepsakes.add_favourite(card, self.clock())
        return FavouriteChanged(True, saved)

    def forget_favourite(self, card_id: str) -> None:
        """Take a card out of the favourites."""
        self.favourites().discard(card_id)
        self.kept_now.pop(card_id, None)
        self.keepsakes.remove_favourite(card_id)

    def toggle_revisit(self, session_id: int | None, card: Card, *, saved: bool) -> RevisitChanged:
        """Mark a card's topic to come back to, or unmark it."""
        if card.global_id in self.revisits:
            self.revisits.discard(card.global_id)
            self.keepsakes.unmark_revisit(session_id, card.global_id)
            return RevisitChanged(False, saved)
        self.revisits.add(card.global_id)
        self.keepsakes.mark_revisit(session_id, card, self.clock())
        return RevisitChanged(True, saved)
