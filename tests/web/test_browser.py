"""A real browser at a hosted table: two seats see one card, a press at one moves both."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from closeness_cards.table import Phase
from closeness_cards.table.decks import load_decks
from closeness_cards.table.shared import SharedTable
from web.browser import Seat, wait
from web.hosting import Host

pytestmark = pytest.mark.usefixtures("browser_ready")

PLAYERS = ("Ana", "Ben")


def refused(url: str, headers: dict[str, str] | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})):
            return 200
    except urllib.error.HTTPError as error:
        return error.code
    except urllib.error.URLError:
        return 0  # nobody listens


def latest_session() -> int:
    from closeness_cards.store.readonly import open_history

    db = open_history()
    try:
        return int(db.conn.execute("SELECT max(session_id) FROM shared_tables").fetchone()[0])
    finally:
        db.close()


def first_words(text: str, count: int = 3) -> str:
    return " ".join(text.split()[:count])


def test_two_seats_share_one_table_and_the_room_needs_its_key(
    private_home: Path,
) -> None:
    host = Host(private_home, "--stage", "dating", "--players", *PLAYERS, "--seed", "11")
    seats: list[Seat] = []
    try:
        link = host.link()
        origin, key = link.rsplit("/", 2)[0], link.rsplit("/", 2)[1]
        assert len(key) >= 32  # 192 random bits, URL-safe
        # Without the key, or with a wrong one, the page and its websocket are refused.
        assert refused(origin + "/") == 403
        assert refused(f"{origin}/{key[:-1]}x/") == 403
        upgrade = {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        }
        assert refused(f"{origin}/nokey/ws", upgrade) == 403
        stranger = Seat(origin + "/")
        seats.append(stranger)
        page = stranger.driver.page_source
        assert "whole link" in page and "ask the host" in page

        ana, ben = Seat(link), Seat(link, width=400, height=800)
        seats += [ana, ben]
        assert ana.wait_for("Who is sitting here?") and ben.wait_for("Who is sitting here?")
        ana.press("1")
        ben.press("2")
        for seat in (ana, ben):  # the check-in, privately at each seat
            assert seat.wait_for("how close do you feel")
            seat.press("4")
        shared = SharedTable.join(load_decks(), latest_session(), switchable=True)
        # Both have checked in when the table has a card to play.
        assert wait(lambda: shared.poll() is not None and shared.table.phase is Phase.PLAYING, 30)
        view = shared.table.view()
        card = first_words(view.card.text)
        assert ana.wait_for(card) and ben.wait_for(card)
        answerer = view.answerer or view.reader
        at, other = (ana, ben) if answerer == "Ana" else (ben, ana)
        assert at.wait_for("Your turn to answer")
        ana.forget()
        ben.forget()
        at.press(" ")
        assert shared.table.session is not None
        position = shared.table.session.position
        assert wait(lambda: bool(shared.poll()), 30)
        after = shared.table.view()
        assert shared.table.session.position == position + 1 or after.answerer != view.answerer
        new = first_words(after.card.text)
        assert at.wait_for(new) and other.wait_for(new)
        shared.close()
        assert host.quit() == 0
        assert refused(origin + "/") == 0  # the room ended with the host
    finally:
        for seat in seats:
            seat.quit()
        host.close()


def test_a_name_is_one_seat_and_a_page_closed_or_refreshed_frees_it(private_home: Path) -> None:
    host = Host(private_home, "--stage", "dating", "--players", *PLAYERS, "--seed", "11")
    seats: list[Seat] = []
    try:
        link = host.link()
        first = Seat(link)
        seats.append(first)
        assert first.wait_for("Who is sitting here?")
        first.press("1")
        assert first.wait_for("Your seat: Ana")
        assert wait(lambda: b"Sitting: Ana" in host.screen, 30)  # the host's terminal
        second = Seat(link, width=400, height=800)
        seats.append(second)
        assert second.wait_for("Ana (sitting)")
        second.press("1")
        assert second.wait_for("Ana is sitting at another screen")
        seats.remove(first)
        first.quit()  # the first page closes (or is refreshed): its seat process ends

        def sat_again() -> bool:
            second.press("1")
            return second.wait_for("Your seat: Ana", 1)

        assert wait(sat_again, 60)
        second.driver.refresh()  # a new page and a new seat process; the old one ends
        assert second.wait_for("Who is sitting here?")
        assert wait(sat_again, 60)  # once the old process has gone, Ana sits again
        assert host.quit() == 0
    finally:
        for seat in seats:
            seat.quit()
        host.close()
