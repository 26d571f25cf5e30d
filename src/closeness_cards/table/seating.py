"""Who sits where at a shared table: one screen a player, claimed when it sits.

Each seat's process claims its player in the host's database and renews the claim while it
stays; the host's terminal reads the claims to show who is sitting and who is still free.
"""

from __future__ import annotations

import contextlib
import secrets

from closeness_cards.store import seats
from closeness_cards.store.db import StoreError
from closeness_cards.table.shared import NotShared, SharedTable

RENEW_SECONDS = seats.SEAT_SECONDS / 6
"""How often a seat renews its claim: well inside the time a claim lasts unrenewed."""


class Seating:
    """One screen's part in who sits where: the seat it holds, and the others'."""

    def __init__(self, shared: SharedTable) -> None:
        """Args:
        shared: The shared table this screen is at.
        """
        self.shared = shared
        self.holder = secrets.token_hex(16)
        """This screen's own token: a claim names it, and only it renews or frees it."""
        self.player: str | None = None
        """The player this screen sits as (None: nobody yet, or the seat was lost)."""

    def sit(self, player: str) -> bool:
        """Sit as ``player``; False when another screen sits there (it keeps the seat).

        Raises:
            NotShared: the history cannot be written.
        """
        if player not in self.shared.players:
            return False
        try:
            other = seats.sit(
                self.shared.db,
                self.shared.session_id,
                player,
                self.holder,
                self.shared.table.clock(),
            )
        except StoreError as error:
            raise NotShared(str(error)) from None
        if other is not None:
            return False
        self.player = player
        return True

    def renew(self) -> bool:
        """Renew this screen's claim; False when another screen took the seat meanwhile.

        A seat's claim lapses only when its process stopped renewing it for a long while
        (a suspended computer, say); by then another screen may sit there, and keeps it.

        Raises:
            NotShared: the history cannot be written.
        """
        player = self.player
        if player is None:
            return True
        if self.sit(player):
            return True
        self.player = None
        return False

    def stand(self) -> None:
        """This screen leaves its seat; its player is free at once for another screen."""
        self.player = None
        # When the history cannot be written, the claim lapses by itself as this process goes.
        with contextlib.suppress(StoreError, NotShared):
            seats.stand(self.shared.db, self.shared.session_id, self.holder)

    def sitting(self) -> tuple[str, ...]:
        """The players someone sits as now (at this screen or another), in the table's order.

        Raises:
            NotShared: the history cannot be read.
        """
        try:
            taken = seats.sitting(self.shared.db, self.shared.session_id, self.shared.table.clock())
        except StoreError as error:
            raise NotShared(str(error)) from None
        return tuple(p for p in self.shared.players if p in taken)

    def free(self, sitting: tuple[str, ...]) -> tuple[str, ...]:
        """The players nobody sits as, in the table's order."""
        return tuple(p for p in self.shared.players if p not in sitting)
