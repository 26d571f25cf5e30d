"""A seat's keys on a phone: buttons for what is the player's to do now, and a q that asks."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from rich.console import Console
from textual.command import CommandPalette
from textual.widgets import Static

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.core.library import Library
from closeness_cards.table import Action, Phase
from closeness_cards.table.seats import whose
from closeness_cards.table.shared import SharedTable
from closeness_cards.text.keys import PLAY_KEYS
from closeness_cards.tui.screens.confirm import ConfirmScreen
from closeness_cards.tui.screens.seat_keys import SeatKeysScreen
from closeness_cards.tui.seat import SEAT_KEYS, SeatApp, SeatScreen
from closeness_cards.tui.widgets.actions import ActionBar, ActionButton, balanced_rows, rows_of
from support.table import sqlite_table

PHONE = (50, 40)
"""About a 400x800 phone in a browser."""
PLAYERS = ("Ana", "Ben")


def hosted(library: Library | None = None) -> SharedTable:
    table = sqlite_table(library)
    table.start(Options(players=PLAYERS, stage=Stage.DATING, seed=7))
    return SharedTable.share(table)


def seat_app(host: SharedTable) -> SeatApp:
    return SeatApp(SharedTable.join(host.table.library, host.session_id, switchable=True))


def answerer(host: SharedTable) -> str:
    who = host.table.view().answerer
    assert who is not None
    return who


def buttons(app: SeatApp) -> dict[str, ActionButton]:
    """The bar's buttons by the action they run."""
    return {button.offer.action: button for button in app.screen.query(ActionButton)}


def seat_screen(app: SeatApp) -> SeatScreen:
    screen = app.screen
    assert isinstance(screen, SeatScreen)
    return screen


def act(action: Action) -> str:
    return f"act('{action.value}')"


def test_buttons_wrap_in_order_and_rows_come_out_even() -> None:
    assert rows_of([10, 10, 10], 32) == [[0, 1, 2]]
    assert rows_of([10, 10, 10], 31) == [[0, 1], [2]]
    assert rows_of([40, 5], 30) == [[0], [1]]  # too wide for any row: a row of its own
    # Eight buttons that just miss one row: four and four, not seven and one.
    widths = [12, 8, 10, 10, 8, 11, 7, 8]
    assert len(rows_of(widths, 78)) == 2 and len(rows_of(widths, 78)[1]) == 1
    assert [len(row) for row in balanced_rows(widths, 78)] == [4, 4]
    assert balanced_rows([], 50) == []


async def test_a_phone_shows_every_key_the_answerer_may_use_whole_and_tappable() -> None:
    host = hosted()
    who = answerer(host)
    for size in (PHONE, (80, 24)):
        app = seat_app(host)
        async with app.run_test(size=size) as pilot:
            await pilot.press(str(PLAYERS.index(who) + 1))
            await pilot.pause()
            screen = seat_screen(app)
            shown = buttons(app)
            view = host.table.view()
            allowed = {
                act(Action(key.action))
                for key in PLAY_KEYS
                if key.id != "timer" and who in whose(view, Action(key.action))
            }
            assert set(shown) == allowed | {"keys"}
            assert {act(Action.DONE), act(Action.PASS), act(Action.END)} <= set(shown)
            for action, button in shown.items():
                assert screen.check_action(*_parsed(action)) is True  # the one rule
                region = button.region
                assert region.width >= len(button.label.plain)  # the words fit
                assert region.right <= size[0] and region.bottom <= size[1]  # on screen
            bar = screen.query_one(ActionBar)
            assert bar.region.bottom == size[1]


async def test_a_listener_gets_no_button_for_the_answerers_keys() -> None:
    host = hosted()
    listener = next(p for p in PLAYERS if p != answerer(host))
    app = seat_app(host)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press(str(PLAYERS.index(listener) + 1))
        await pilot.pause()
        shown = buttons(app)
        assert act(Action.DONE) not in shown and act(Action.PASS) not in shown
        assert {act(Action.FAVOURITE), act(Action.END), "keys"} <= set(shown)


async def test_tapping_a_button_does_what_its_key_does() -> None:
    host = hosted()
    who = answerer(host)
    app = seat_app(host)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press(str(PLAYERS.index(who) + 1))
        await pilot.pause()
        version = host.version
        await pilot.click(buttons(app)[act(Action.PASS)])
        await pilot.pause()
        host.poll()
        assert host.version == version + 1
        assert host.table.view().passes_left[who] == 2


async def test_the_closing_card_offers_no_pass_and_no_hide_at_a_seat() -> None:
    host = hosted()
    host.act(PLAYERS[0], Action.END)  # to the closing card
    closing = host.table.view()
    assert closing.closing and closing.answerer is not None
    app = seat_app(host)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press(str(PLAYERS.index(closing.answerer) + 1))
        await pilot.pause()
        screen = seat_screen(app)
        shown = buttons(app)
        for action in (Action.PASS, Action.HIDE):
            assert screen.check_action("act", (action.value,)) is False
            assert act(action) not in shown
        assert act(Action.DONE) in shown
        await pilot.press("p", "x")  # keys do nothing either
        await pilot.pause()
        host.poll()
        assert host.table.view() == closing  # nobody passed, hid or answered


async def test_q_at_a_seat_asks_before_it_ends_the_evening_for_everyone() -> None:
    host = hosted()
    app = seat_app(host)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        version = host.version
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "End the evening for everyone?" in str(app.screen.query_one(Static).render())
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("q", "q")  # twice: still one question
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        host.poll()
        assert host.version == version and not host.table.view().closing  # nothing ended
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#yes")  # a tap on "Yes, end it"
        await pilot.pause()
        host.poll()
        assert host.table.view().closing  # the closing card, not the end
        await pilot.press("q")  # on the closing card it asks too
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        host.poll()
        assert host.table.phase is not Phase.PLAYING


async def test_a_yes_after_another_seat_ended_does_not_end_the_closing_card() -> None:
    host = hosted()
    other = SharedTable.join(host.table.library, host.session_id, switchable=True)
    app = seat_app(host)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        screen = seat_screen(app)
        await pilot.press("q")  # Ana asks to end...
        await pilot.pause()
        other.act("Ben", Action.END)  # ...while Ben ends it at his seat
        screen.poll()  # what the seat's timer does
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        host.poll()
        assert host.table.phase is Phase.PLAYING and host.table.view().closing
        assert "moved on" in str(screen.query_one("#seat-news", Static).render())


async def test_a_seat_has_no_empty_palette_and_its_help_lists_its_keys() -> None:
    host = hosted()
    app = seat_app(host)
    async with app.run_test(size=PHONE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert isinstance(app.screen, SeatScreen)
        await pilot.click(buttons(app)["keys"])
        await pilot.pause()
        assert isinstance(app.screen, SeatKeysScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#seat-keys-grid", Static).content)
        listed = console.export_text()
        for key in SEAT_KEYS:
            if key.id != "help":
                assert key.help.split(":")[0] in listed
        assert "timer" not in listed  # a seat draws no timer: it has no key for one
        await pilot.click("#seat-keys-close")
        await pilot.pause()
        assert isinstance(app.screen, SeatScreen)


@pytest.mark.parametrize("size", [PHONE, (80, 24)])
def test_the_seat_of_the_one_answering(
    snap_compare: Callable[..., bool], builtin_library: Library, size: tuple[int, int]
) -> None:
    host = hosted(builtin_library)
    number = str(PLAYERS.index(answerer(host)) + 1)
    assert snap_compare(seat_app(host), press=[number], terminal_size=size)


def _parsed(action: str) -> tuple[str, tuple[object, ...]]:
    """``act('pass')`` as check_action takes it."""
    if "(" not in action:
        return action, ()
    name, argument = action.rstrip(")").split("(", 1)
    return name, (argument.strip("'"),)
