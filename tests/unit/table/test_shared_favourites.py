"""Favourites made at a seat belong to that player; on one laptop, to the household.

Decided: one card is one favourite per player, so two seats keeping the same card keep two
favourites; each seat's heart is its own player's, and taking it off leaves the other's.
"""

from __future__ import annotations

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.table import Action, FavouriteChanged
from closeness_cards.table.shared import SharedTable
from support.table import memory_table, sqlite_table

PLAYERS = ("Ana", "Ben", "Cai")


def hosted() -> SharedTable:
    table = sqlite_table()
    table.start(Options(players=PLAYERS, stage=Stage.DATING, seed=7), check_in=False)
    return SharedTable.share(table)


def seat(host: SharedTable) -> SharedTable:
    return SharedTable.join(host.table.library, host.session_id, switchable=True)


def whose(shared: SharedTable) -> list[tuple[str, str | None]]:
    return [(f.card_id, f.player) for f in shared.table.ports.keepsakes.favourites()]


def test_a_favourite_kept_at_a_seat_is_its_players() -> None:
    host = hosted()
    ana, ben = seat(host), seat(host)
    card = ana.seat_view("Ana").view.card.global_id
    assert ana.act("Ana", Action.FAVOURITE) == [FavouriteChanged(True, True)]
    assert whose(host) == [(card, "Ana")]
    assert ana.seat_view("Ana").view.favourite
    assert not ben.seat_view("Ben").view.favourite  # Ana's heart is not Ben's


def test_two_seats_keeping_one_card_keep_two_favourites() -> None:
    host = hosted()
    ana, ben = seat(host), seat(host)
    card = ana.seat_view("Ana").view.card.global_id
    ana.act("Ana", Action.FAVOURITE)
    assert ben.act("Ben", Action.FAVOURITE) == [FavouriteChanged(True, True)]
    assert sorted(whose(host)) == [(card, "Ana"), (card, "Ben")]
    assert ben.act("Ben", Action.FAVOURITE) == [FavouriteChanged(False, True)]
    assert whose(host) == [(card, "Ana")]
    assert not ben.seat_view("Ben").view.favourite
    assert ana.seat_view("Ana").view.favourite


def test_a_seat_may_keep_what_the_household_keeps_and_take_only_its_own_out() -> None:
    host = hosted()
    card = host.table.view().card.global_id
    host.table.act(Action.FAVOURITE)  # the host's own screen: the household's
    ana = seat(host)
    assert not ana.seat_view("Ana").view.favourite
    ana.act("Ana", Action.FAVOURITE)
    assert whose(host) == [(card, None), (card, "Ana")]
    ana.act("Ana", Action.FAVOURITE)
    assert whose(host) == [(card, None)]


def test_on_one_laptop_a_favourite_has_no_player_as_before() -> None:
    for table in (sqlite_table(), memory_table()):
        table.start(Options(players=PLAYERS, stage=Stage.DATING, seed=7), check_in=False)
        card = table.view().card.global_id
        assert table.act(Action.FAVOURITE) == [FavouriteChanged(True, table.kept)]
        assert [(f.card_id, f.player) for f in table.ports.keepsakes.favourites()] == [(card, None)]
        assert table.view().favourite
        table.act(Action.FAVOURITE)
        assert table.ports.keepsakes.favourites() == []
        table.close()


def test_in_a_private_session_a_seats_favourite_is_its_players_too() -> None:
    table = memory_table()
    table.start(Options(players=PLAYERS, stage=Stage.DATING, seed=7), check_in=False)
    card = table.view().card.global_id
    table.act(Action.FAVOURITE, "Cai")
    table.act(Action.FAVOURITE, "Ben")
    assert sorted((f.card_id, f.player or "") for f in table.ports.keepsakes.favourites()) == [
        (card, "Ben"),
        (card, "Cai"),
    ]
    assert table.view("Ben").favourite and not table.view("Ana").favourite
    # One screen's heart shows when anyone keeps the card; taking it off there takes the
    # card out of every favourite, as on one laptop before seats.
    assert table.view().favourite
    table.act(Action.FAVOURITE)
    assert table.ports.keepsakes.favourites() == []
