"""Hostile text in every field reaches every screen as plain text: no markup, no action, no
control byte, no crash.

The decks are built in code (as a crafted cache entry or a future loader bug would make
them) and the history is written with raw SQL, so nothing upstream has cleaned them.
"""

from __future__ import annotations

import json

import pytest
from textual.pilot import Pilot

from closeness_cards.core.cards import ALL_STAGES, Card, Deck, Depth, Kind, Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.core.library import Library
from closeness_cards.table.records import open_database
from closeness_cards.tui.app import CardsApp
from closeness_cards.tui.screens.decks import DeckReaderScreen, DecksScreen
from closeness_cards.tui.screens.favourites import FavouritesScreen
from closeness_cards.tui.screens.history import HistoryScreen, SessionDetailScreen
from support.tui import make_app

CLICK = "[@click=app.quit]Fun[/]"
LINK = "[link=https://example.invalid]hidden[/link]"
CLOSE = "text [/] with a stray close"
ESC = "bell\x07 and \x1b]52;c;cGF3bmVk\x07 and \x1b[2J and \x9b1m and \u202eevil"
HOSTILE = (CLICK, LINK, CLOSE, ESC)
"""Markup that runs an action, hides a link, crashes the parser; escapes that move a terminal."""


def hostile_library() -> Library:
    cards = [
        Card(
            "evil",
            f"q{int(depth)}-{n}",
            f"{HOSTILE[n % len(HOSTILE)]} question {n}?",
            depth,
            stages=ALL_STAGES,
            follow_up=f"{HOSTILE[(n + 1) % len(HOSTILE)]} deeper?",
        )
        for depth in Depth
        for n in range(8)
    ]
    cards += [Card("evil", "c-0", f"{CLICK} closing", Depth(1), Kind.CLOSING, stages=ALL_STAGES)]
    cards += [Card("evil", "t-0", f"{LINK} tip", Depth(1), Kind.TIP, stages=ALL_STAGES)]
    return Library((Deck("evil", f"{CLICK} {ESC}", tuple(cards), description=CLOSE),))


PLAYERS = ("[b]Ana[/b]", "[@click=app.quit]Ben")
OPTIONS = Options(PLAYERS, Stage.DATING, Shape.QUICK, seed=2, wildcards=False)


def fill_history() -> None:
    """Sessions, plays, favourites and hidden cards with hostile text, written raw."""
    with open_database() as db, db.transaction() as conn:
        conn.execute(
            "INSERT INTO sessions (started_at, ended_at, status, stage, shape, depth, seed, "
            "players_json, players_key, decks_json, options_json, position) VALUES "
            "('2026-01-01T20:00:00.000000+00:00', '2026-01-01T20:30:00.000000+00:00', "
            "'finished', ?, ?, 'rise', 1, ?, ?, ?, '{}', 3)",
            (CLICK, ESC, json.dumps([CLICK, ESC]), json.dumps([CLICK]), json.dumps([CLOSE])),
        )
        conn.execute(
            "INSERT INTO plays (session_id, position, card_id, deck_id, card_text, depth, "
            "kind, reader, answerers_json, outcome, played_at) VALUES "
            "(1, 0, 'evil/x', ?, ?, 1, 'question', ?, ?, 'answered', "
            "'2026-01-01T20:01:00.000000+00:00')",
            (CLICK, ESC + CLOSE, CLICK, json.dumps([ESC])),
        )
        conn.execute(
            "INSERT INTO favourites (card_id, deck_id, text, follow_up, stages_json, depth, "
            "added_at) VALUES ('evil/f', ?, ?, ?, ?, 1, '2026-01-01T20:02:00.000000+00:00')",
            (CLICK, CLICK + ESC, CLOSE, json.dumps([CLICK])),
        )
        conn.execute(
            "INSERT INTO hidden (card_id, deck_id, text, hidden_at) VALUES "
            "('evil/h', ?, ?, '2026-01-01T20:03:00.000000+00:00')",
            (ESC, CLOSE),
        )


def screen_text(app: CardsApp) -> str:
    return app.export_screenshot()


def assert_literal(app: CardsApp) -> None:
    """The screen shows no control byte, and the app was not made to quit."""
    shown = screen_text(app)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "\u202e" not in shown
    assert app.return_code is None  # still running: no markup ran app.quit


async def visit(pilot: Pilot[None], app: CardsApp, key: str) -> None:
    await pilot.press(key)
    await pilot.pause()
    assert_literal(app)


@pytest.mark.parametrize("size", [(80, 24)])
async def test_every_screen_shows_hostile_text_as_typed(size: tuple[int, int]) -> None:
    fill_history()
    app = make_app(hostile_library(), options=OPTIONS)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert_literal(app)
        shown = screen_text(app)
        assert "[/]" in shown or "@click" in shown  # the markup is on the screen as typed
        for key in ("d", "f", "r", "p", "space", "x", "t", "t"):
            await visit(pilot, app, key)
        await visit(pilot, app, "question_mark")
        await visit(pilot, app, "escape")
        await visit(pilot, app, "f2")
        assert isinstance(app.screen, FavouritesScreen)
        await pilot.click("#favourites")
        for key in ("down", "up", "tab", "down", "up"):
            await visit(pilot, app, key)
        await visit(pilot, app, "escape")
        await visit(pilot, app, "f3")
        assert isinstance(app.screen, HistoryScreen)
        assert "@click=app.quit" in screen_text(app)
        await pilot.click("#sessions")
        await visit(pilot, app, "enter")
        assert isinstance(app.screen, SessionDetailScreen)
        await visit(pilot, app, "escape")
        await visit(pilot, app, "escape")
        await visit(pilot, app, "f4")
        assert isinstance(app.screen, DecksScreen)
        await pilot.click("#decks", offset=(30, 2))  # on the hostile title
        await pilot.pause()
        assert_literal(app)
        await visit(pilot, app, "enter")
        assert isinstance(app.screen, DeckReaderScreen)
        await visit(pilot, app, "escape")
        await visit(pilot, app, "escape")
        for _ in range(12):
            await pilot.press("space")
        await pilot.pause()
        assert_literal(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_an_empty_history_and_empty_lists_take_every_arrow() -> None:
    app = make_app(hostile_library())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for screen in ("f2", "f3", "f4"):
            await pilot.press(screen)
            await pilot.pause()
            for key in ("up", "down", "pageup", "pagedown", "home", "end", "tab", "up", "enter"):
                await pilot.press(key)
                await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+p")
        for key in ("pageup", "pagedown", "up", "down", "escape"):
            await pilot.press(key)
            await pilot.pause()
        assert app.return_code is None
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_the_favourites_preview_shows_the_open_lists_card() -> None:
    from closeness_cards.table import Action, Table
    from closeness_cards.table.sqlite import open_ports
    from support.table import FakeClock, library_of

    library = library_of(6)
    table = Table(library, open_ports(), clock=FakeClock())
    table.start(Options(("Ana", "Ben"), Stage.DATING, Shape.QUICK, seed=1, wildcards=False))
    kept = table.view().card.text
    table.act(Action.FAVOURITE)
    table.act(Action.DONE)
    gone = table.view().card.text
    table.act(Action.HIDE)
    table.close()
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()  # the offer to resume comes right after the first frame
        await pilot.press("escape", "f2")  # past it
        await pilot.pause()
        assert isinstance(app.screen, FavouritesScreen)
        preview = app.screen.query_one("#preview")
        assert str(preview.render()) == kept
        await pilot.press("tab", "right")
        await pilot.pause()
        assert str(preview.render()) == gone
