"""A page that goes (closed, navigated away, reloaded) frees its seat and its process."""

from __future__ import annotations

from pathlib import Path

import pytest

from web.browser import Seat, wait
from web.hosting import Host, living

pytestmark = pytest.mark.usefixtures("browser_ready")

PLAYERS = ("Ana", "Ben")


def test_a_page_navigated_away_frees_its_seat_and_ends_its_process(private_home: Path) -> None:
    host = Host(private_home, "--stage", "dating", "--players", *PLAYERS, "--seed", "11")
    seats: list[Seat] = []
    try:
        link = host.link()
        first = Seat(link)
        seats.append(first)
        assert first.wait_for("Who is sitting here?")
        first.press("1")
        assert first.wait_for("Your seat: Ana")
        assert wait(lambda: b"Sitting: Ana" in host.screen, 30)
        assert len(living(host.process.pid)) == 2  # the host and the first page's seat
        first.driver.get("about:blank")  # the page goes, its tab stays open
        # Its seat process ends: only the host is left.
        assert wait(lambda: len(living(host.process.pid)) == 1, 10)
        second = Seat(link, width=400, height=800)
        seats.append(second)
        assert second.wait_for("Who is sitting here?")
        second.press("1")
        assert second.wait_for("Your seat: Ana", 10)
        assert host.quit() == 0
    finally:
        for seat in seats:
            seat.quit()
        host.close()
