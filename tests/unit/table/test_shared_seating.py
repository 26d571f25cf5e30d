"""Who sits where at a shared table, as each screen takes part in it."""

from __future__ import annotations

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.store.seats import SEAT_SECONDS
from closeness_cards.table.seating import RENEW_SECONDS, Seating
from closeness_cards.table.shared import SharedTable
from support.table import sqlite_table

PLAYERS = ("Ana", "Ben", "Cai")


def screen() -> tuple[SharedTable, Seating]:
    table = sqlite_table()
    table.start(Options(players=PLAYERS, stage=Stage.DATING, seed=7))
    host = SharedTable.share(table)
    return host, Seating(host)


def another(host: SharedTable) -> Seating:
    return Seating(SharedTable.join(host.table.library, host.session_id, switchable=True))


def test_each_player_sits_at_one_screen_and_the_host_sees_who() -> None:
    host, seating = screen()
    first, second = another(host), another(host)
    assert first.sit("Cai") and first.player == "Cai"
    assert not second.sit("Cai") and second.player is None
    assert second.sit("Ana")
    assert seating.sitting() == ("Ana", "Cai")  # in the table's order
    assert seating.free(seating.sitting()) == ("Ben",)
    first.stand()
    assert first.player is None and seating.sitting() == ("Ana",)


def test_only_the_tables_players_can_be_sat_as() -> None:
    host, _ = screen()
    assert not another(host).sit("Dee")
    assert another(host).sitting() == ()


def test_a_seat_renews_its_claim_and_learns_when_it_lost_it() -> None:
    host, _ = screen()
    first = another(host)
    assert first.renew()  # no seat yet: nothing to keep
    assert first.sit("Ben") and first.renew()
    with host.db.transaction() as conn:  # the claim lapsed and another screen sat down
        conn.execute("UPDATE seats SET holder = 'another screen'")
    assert not first.renew() and first.player is None
    assert RENEW_SECONDS * 3 <= SEAT_SECONDS  # renewed several times within a claim's time
