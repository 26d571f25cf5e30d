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
        self._favourites: dict[str | None, set[str]] = {}
        """The favourite ids read so far: every one (key None), or one player's."""
        self.revisits: set[str] = set()
        """The cards of this session marked to revisit."""
        self.kept_now: dict[str, str] = {}
        """The cards kept as favourites in this window's session: id to text, in order."""

    def begin(self, revisits: set[str]) -> None:
        """A session comes to the table, with the revisit marks it already has."""
        self.revisits = revisits
        self.kept_now = {}

    def favourites(self, player: str | None = None) -> set[str]:
        """The ids of every favourite (None), or of those ``player`` kept at a seat."""
        if player not in self._favourites:
            self._favourites[player] = self.keepsakes.favourite_ids(player)
        return self._favourites[player]

    def toggle_favourite(
        self, card: Card, *, saved: bool, player: str | None = None
    ) -> FavouriteChanged:
        """Keep a card among the favourites, or take it out.

        At a seat (``player`` given) the favourite is that player's, and taking it out
        takes out only theirs; anywhere else (None) it is the household's, and a heart
        taken off takes the card out of every favourite, as before seats.
        """
        card_id = card.global_id
        if card_id in self.favourites(player):
            if player is None:
                self.forget_favourite(card_id)
            else:
                self.forget_kept(card_id, player)
            return FavouriteChanged(False, saved)
        self.favourites(player).add(card_id)
        if player is not None:
            self.favourites().add(card_id)
        self.kept_now[card_id] = card.text
        self.keepsakes.add_favourite(card, self.clock(), player)
        return FavouriteChanged(True, saved)

    def forget_favourite(self, card_id: str) -> None:
        """Take a card out of the favourites, whoever kept it."""
        for ids in self._favourites.values():
            ids.discard(card_id)
        self.kept_now.pop(card_id, None)
        self.keepsakes.remove_favourite(card_id)

    def forget_kept(self, card_id: str, player: str | None) -> None:
        """Take out the one favourite ``player`` kept of a card (None: the household's)."""
        self.kept_now.pop(card_id, None)
        self.keepsakes.remove_kept(card_id, player)
        self._favourites = {}  # who else keeps it is the store's to say: read it again

    def toggle_revisit(self, session_id: int | None, card: Card, *, saved: bool) -> RevisitChanged:
        """Mark a card's topic to come back to, or unmark it."""
        if card.global_id in self.revisits:
            self.revisits.discard(card.global_id)
            self.keepsakes.unmark_revisit(session_id, card.global_id)
            return RevisitChanged(False, saved)
        self.revisits.add(card.global_id)
        self.keepsakes.mark_revisit(session_id, card, self.clock())
        return RevisitChanged(True, saved)
