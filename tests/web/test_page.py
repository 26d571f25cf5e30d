"""The room's page in a real browser: keys act at once, and a phone's tap sits a player."""

from __future__ import annotations

from pathlib import Path

import pytest

from web.browser import Seat
from web.hosting import Host

pytestmark = pytest.mark.usefixtures("browser_ready")

PLAYERS = ("Ana", "Ben")


def test_keys_reach_the_seat_without_a_click_first(private_home: Path) -> None:
    host = Host(private_home, "--stage", "dating", "--players", *PLAYERS, "--seed", "11")
    seat: Seat | None = None
    try:
        seat = Seat(host.link())
        assert seat.wait_for("Who is sitting here?")
        seat.type("1")
        assert seat.wait_for("Your seat: Ana", 10)
        assert host.quit() == 0
    finally:
        if seat is not None:
            seat.quit()
        host.close()


def test_a_tap_on_a_phone_sits_the_player_tapped(private_home: Path) -> None:
    host = Host(private_home, "--stage", "dating", "--players", *PLAYERS, "--seed", "11")
    seat: Seat | None = None
    try:
        seat = Seat(host.link(), width=400, height=800, phone=True)
        assert seat.wait_for("Who is sitting here?") and seat.wait_for("Ben")
        assert seat.driver.execute_script("return window.innerWidth;") == 400  # the viewport
        seat.tap(*seat.where("Ben"))
        assert seat.wait_for("Your seat: Ben", 10)
        assert host.quit() == 0
    finally:
        if seat is not None:
            seat.quit()
        host.close()
