"""The deal a session would get now: the one rule `deal` and the table share.

``deal_now`` reads what a deal depends on (the players' deck switches, when they last saw
each card, the cards they hid) from the history when there is one; with none there is
nothing to read, and nothing of the store is imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from datetime import datetime

from closeness_cards.core.game import Deal, Options, plan_deal
from closeness_cards.core.library import Library, switched_off


def deal_from(
    library: Library,
    options: Options,
    *,
    switches: Mapping[str, bool] | None,
    seen: Mapping[str, datetime],
    hidden: Set[str],
) -> Deal:
    """Deal from the decks switched on (all of them with ``switches`` None: --deck)."""
    if switches is not None:
        library = library.without(switched_off(library.decks, dict(switches)))
    return plan_deal(library.cards, options, seen=seen, hidden=hidden, shares=library.shares)


def deal_now(
    library: Library, options: Options, *, history: bool = True, switchable: bool = True
) -> Deal:
    """The deal `play` would give with these options now, reading without writing.

    Args:
        history: False for a private session: the history is not read.
        switchable: Whether the players' deck switches apply (not to --deck decks).

    Raises:
        GameError: The options cannot deal.
    """
    from closeness_cards.store.paths import history_exists

    if history and history_exists():
        from closeness_cards.table.sqlite import reading_ports
        from closeness_cards.table.table import Table

        with reading_ports() as ports:
            return Table(library, ports, switchable=switchable).deal(options)
    return deal_from(library, options, switches={} if switchable else None, seen={}, hidden=set())
