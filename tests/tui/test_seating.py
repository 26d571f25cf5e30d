"""Who sits where, driven by Pilot: the picker refuses taken names and follows the others;
the host's terminal shows who sits; a check-in the table went on without closes itself."""

from __future__ import annotations

from textual.widgets import Button, Static

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.table import Action, Phase
from closeness_cards.table.seating import Seating
from closeness_cards.table.shared import SharedTable
from closeness_cards.tui.host import HostApp
from closeness_cards.tui.screens.checkin import CheckInScreen, SeatCheckInScreen
from closeness_cards.tui.screens.pick import PickScreen
from closeness_cards.tui.seat import SeatApp, SeatScreen
from support.table import sqlite_table

PLAYERS = ("Ana", "Ben", "Cai")


def hosted(check_in: bool = False) -> SharedTable:
    table = sqlite_table()
    table.start(Options(players=PLAYERS, stage=Stage.DATING, seed=7), check_in=check_in)
    return SharedTable.share(table)


def seat_app(host: SharedTable) -> SeatApp:
    return SeatApp(SharedTable.join(host.table.library, host.session_id, switchable=True))


def other_screen(host: SharedTable) -> Seating:
    """Another browser's seat, outside the app under test."""
    return Seating(SharedTable.join(host.table.library, host.session_id, switchable=True))


def text_of(app: SeatApp | HostApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def button(app: SeatApp, index: int) -> Button:
    return app.screen.query_one(f"#player-{index}", Button)


async def test_the_picker_marks_taken_names_refuses_them_and_follows_the_others() -> None:
    host = hosted()
    ben = other_screen(host)
    assert ben.sit("Ben")
    app = seat_app(host)
    async with app.run_test(size=(44, 40)) as pilot:
        picker = app.screen
        assert isinstance(picker, PickScreen)
        assert button(app, 1).disabled and "(sitting)" in str(button(app, 1).label)
        assert not button(app, 0).disabled and "(sitting)" not in str(button(app, 0).label)
        await pilot.press("2")  # Ben's number: refused, and said why
        await pilot.pause()
        assert app.screen is picker
        assert "Ben is sitting at another screen" in text_of(app, "#pick-note")
        assert "comes free here by itself" in text_of(app, "#pick-hint")
        cai = other_screen(host)
        assert cai.sit("Cai")
        ben.stand()  # Ben's browser closed
        picker.look()  # what the picker's timer does twice a second
        await pilot.pause()
        assert not button(app, 1).disabled and button(app, 2).disabled
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen) and app.screen.player == "Ben"
        assert app.seating.sitting() == ("Ben", "Cai")
    # The seat's app has gone (its browser closed): Ben is free for the next screen.
    assert other_screen(host).sitting() == ("Cai",)


async def test_two_screens_picking_one_name_at_once_seat_one_the_other_is_told() -> None:
    host = hosted()
    app = seat_app(host)
    async with app.run_test(size=(44, 40)) as pilot:
        picker = app.screen
        assert isinstance(picker, PickScreen) and not button(app, 0).disabled
        assert other_screen(host).sit("Ana")  # sat down after this picker's last look
        await pilot.press("1")
        await pilot.pause()
        assert app.screen is picker  # still picking
        assert "Someone else sat down as Ana a moment ago" in text_of(app, "#pick-note")
        assert button(app, 0).disabled
        assert app.seating.player is None


async def test_a_seat_whose_old_screen_died_can_sit_again() -> None:
    host = hosted()
    old = other_screen(host)
    assert old.sit("Ana")
    # The old page's process was killed: its claim names a process that is gone.
    db = host.db
    with db.transaction() as conn:
        conn.execute("UPDATE seats SET pid = 2147483646 WHERE holder = ?", (old.holder,))
    app = seat_app(host)
    async with app.run_test(size=(44, 40)) as pilot:
        assert not button(app, 0).disabled
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen) and app.screen.player == "Ana"
        assert not old.renew()  # the old screen, if it ever woke, would find its seat taken
        assert old.player is None


async def test_a_seat_taken_while_its_screen_was_away_goes_back_to_the_picker() -> None:
    host = hosted()
    app = seat_app(host)
    async with app.run_test(size=(44, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen)
        db = host.db
        with db.transaction() as conn:  # its claim lapsed, and another screen sat down
            conn.execute("UPDATE seats SET holder = 'another screen'")
        await app.renew_seat()  # what the seat's timer does every few seconds
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        assert "Another screen sat down as Ana" in text_of(app, "#pick-note")
        assert button(app, 0).disabled


async def test_the_host_shows_who_sits_and_who_is_free() -> None:
    host = hosted()

    async def start() -> str:
        return "http://127.0.0.1:1/key/"

    async def stop() -> None:
        return None

    app = HostApp(host, start=start, stop=stop, qr=lambda link: [link], lan=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Nobody has taken a seat yet" in text_of(app, "#host-seats")
        assert "Still free: Ana, Ben, Cai" in text_of(app, "#host-seats")
        ben, ana = other_screen(host), other_screen(host)
        assert ben.sit("Ben") and ana.sit("Ana")
        app.look_seats()  # what the host's timer does twice a second
        await pilot.pause()
        assert "Sitting: Ana, Ben" in text_of(app, "#host-seats")  # in the table's order
        assert "Still free: Cai" in text_of(app, "#host-seats")
        ben.stand()
        app.look_seats()
        await pilot.pause()
        assert "Sitting: Ana" in text_of(app, "#host-seats")
        assert "Still free: Ben, Cai" in text_of(app, "#host-seats")


async def test_a_check_in_the_table_went_on_without_closes_and_the_card_shows() -> None:
    host = hosted(check_in=True)
    app = seat_app(host)
    async with app.run_test(size=(44, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SeatCheckInScreen)
        host.skip_check_in()  # the host pressed g: "Go on without them"
        seat = app.screen_stack[-2]
        assert isinstance(seat, SeatScreen)
        seat.poll()  # what the seat's timer does ten times a second
        await pilot.pause()
        assert app.screen is seat
        assert seat.shared.table.phase is Phase.PLAYING
        assert "went on to the first card without your check-in" in text_of(app, "#seat-news")
        assert app.screen.query_one("#seat-card").display
        assert text_of(app, "#seat-role")  # this player's role on the card
        assert seat.shared.table.ports.log.check_ins(host.session_id) == {}


async def test_a_check_in_after_closes_when_the_session_ends_without_it() -> None:
    host = hosted(check_in=True)
    for player in PLAYERS:
        host.check_in(player, 4)
    host.act("Ana", Action.END)  # to the closing card
    host.act("Ana", Action.END)  # and the check-in after it
    app = seat_app(host)
    async with app.run_test(size=(44, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, SeatCheckInScreen)
        host.skip_check_in()
        seat = app.screen_stack[-2]
        assert isinstance(seat, SeatScreen)
        seat.poll()
        await pilot.pause()
        assert app.screen is seat
        assert "Session ended" in text_of(app, "#seat-role")  # an evening ended early
        assert "to the summary without your check-in" in text_of(app, "#seat-news")


async def test_a_seat_answers_its_own_check_in_with_skip_only() -> None:
    host = hosted(check_in=True)
    app = seat_app(host)
    async with app.run_test(size=(44, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SeatCheckInScreen)
        labels = [str(b.label) for b in dialog.query(Button)]
        assert labels == ["Skip"]  # nobody else answers here: no "Skip everyone"
        assert "everyone" not in text_of(app, "#checkin-hint")
        await pilot.press("escape")  # skips this player's check-in
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen)
        host.poll()
        assert host.state.checked.get("before") == ("Cai",)  # answered, with no number


async def test_the_terminal_check_in_still_offers_skip_everyone() -> None:
    from textual.app import App

    class Terminal(App[None]):
        def on_mount(self) -> None:
            self.push_screen(CheckInScreen(("Ana", "Ben"), "before"))

    app = Terminal()
    async with app.run_test(size=(100, 40)):
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == ["Skip Ana", "Skip everyone"]
