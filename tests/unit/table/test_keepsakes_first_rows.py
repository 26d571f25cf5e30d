"""The favourites and hidden lists a screen shows: their first rows and how many in all.

SQLite orders and cuts the lists to the rows shown (``limit``) and counts the rest; the
memory ports slice the sorted list. Both must give the head of the whole list, at and
around the screen's cap, with favourites kept by the household and by players at seats.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

import pytest

from closeness_cards.core.cards import Card, Depth, Stage
from closeness_cards.table.memory import memory_ports
from closeness_cards.table.ports import Keepsakes, Ports
from closeness_cards.table.sqlite import open_ports
from support.table import START

SHOWN_MAX = 100
"""The screens' cap (``tui.screens.favourites.SHOWN_MAX``), around which the lists are cut."""
KEEPERS: tuple[str | None, ...] = (None, "Ana", "Ben")
STAGE_CHOICES = (
    frozenset({Stage.DATING}),
    frozenset({Stage.FAMILY}),
    frozenset({Stage.DATING, Stage.FAMILY}),
    frozenset({Stage.LATER_LIFE, Stage.FRIENDS}),
    frozenset(Stage),
)


def keep(keepsakes: Keepsakes, count: int) -> dict[str | None, set[str]]:
    """Keep ``count`` favourites and hide ``count`` cards; return each keeper's card ids.

    Cards recur across keepers (one card, one favourite per player) and share dates, so
    the order's ties are met.
    """
    rng = random.Random(count)
    kept: dict[str | None, set[str]] = {keeper: set() for keeper in KEEPERS}
    for n in range(count):
        card = Card(
            "deck",
            f"c{n // 2:03d}",
            f"Card {n}?",
            rng.choice(list(Depth)),
            stages=rng.choice(STAGE_CHOICES),
        )
        keeper = KEEPERS[n % len(KEEPERS)]
        at = START + timedelta(minutes=rng.randrange(20))
        keepsakes.add_favourite(card, at, keeper)
        kept[keeper].add(card.global_id)
        keepsakes.hide(Card("deck", f"h{n:03d}", f"Hidden {n}?", Depth.WARM_UP), at)
    return kept


@pytest.fixture(params=["sqlite", "memory"])
def ports(request: pytest.FixtureRequest) -> Iterator[Ports]:
    opened = open_ports() if request.param == "sqlite" else memory_ports(notice=None)
    yield opened
    opened.close()


@pytest.mark.parametrize("count", [0, SHOWN_MAX - 1, SHOWN_MAX, SHOWN_MAX + 1])
def test_the_first_rows_are_the_head_of_the_whole_list(ports: Ports, count: int) -> None:
    keepsakes = ports.keepsakes
    kept = keep(keepsakes, count)
    whole = keepsakes.favourites()
    assert len(whole) == keepsakes.favourite_count() == count
    for limit in (0, 1, SHOWN_MAX - 1, SHOWN_MAX, SHOWN_MAX + 1):
        assert keepsakes.favourites(limit) == whole[:limit]
    assert keepsakes.favourite_ids() == {f.card_id for f in whole} == set().union(*kept.values())
    for keeper in ("Ana", "Ben"):
        assert keepsakes.favourite_ids(keeper) == kept[keeper]
    assert keepsakes.favourite_ids("Cai") == set()
    hidden = keepsakes.hidden_cards()
    assert len(hidden) == keepsakes.hidden_count() == count
    for limit in (0, 1, SHOWN_MAX - 1, SHOWN_MAX, SHOWN_MAX + 1):
        assert keepsakes.hidden_cards(limit) == hidden[:limit]


def test_sqlite_and_memory_list_the_same_favourites_in_the_same_order() -> None:
    stored, held = open_ports(), memory_ports(notice=None)
    keep(stored.keepsakes, 40)
    keep(held.keepsakes, 40)
    assert stored.keepsakes.favourites(30) == held.keepsakes.favourites(30)
    assert stored.keepsakes.hidden_cards(30) == held.keepsakes.hidden_cards(30)
    stored.close()
