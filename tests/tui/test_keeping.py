"""Pilot tests of what is kept: favourites, hidden cards, revisit marks, history and resume."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.core.library import Library
from closeness_cards.table.sqlite import reading_ports
from closeness_cards.tui.screens.confirm import ConfirmScreen
from closeness_cards.tui.screens.favourites import FavouritesScreen
from closeness_cards.tui.screens.history import HistoryScreen, SessionDetailScreen
from closeness_cards.tui.screens.play import PlayScreen
from closeness_cards.tui.screens.setup import SetupScreen
from closeness_cards.tui.screens.summary import SummaryScreen
from support.tui import make_app

OPTIONS = Options(("Ana", "Ben"), Stage.COMMITTED, Shape.QUICK, seed=21, wildcards=False)


async def test_favourite_hide_and_revisit_from_the_table(builtin_library: Library) -> None:
    app = make_app(builtin_library, options=OPTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        session = app.session
        assert session is not None and session.current is not None
        first = session.current.card
        await pilot.press("f")
        assert "♥" in str(app.screen.query_one("#card-marks", Static).render())
        await pilot.press("r")
        assert "revisit" in str(app.screen.query_one("#card-marks", Static).render())
        await pilot.press("space")
        hidden = session.current.card
        await pilot.press("x")
        assert session.current.card != hidden
        await pilot.press("q", "y", "q")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert first.text in str(app.screen.query_one("#summary-revisits", Static).render())
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FavouritesScreen)
        favourites = app.screen.query_one("#favourites", DataTable)
        assert favourites.row_count == 1
        assert first.text in [str(c) for c in favourites.get_row_at(0)]
        hidden_table = app.screen.query_one("#hidden", DataTable)
        assert [str(c) for c in hidden_table.get_row_at(0)][1] == hidden.text
        await pilot.press("u")
        assert favourites.row_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    with reading_ports() as ports:
        assert ports.keepsakes.hidden_ids() == {hidden.global_id}
        assert ports.keepsakes.favourites() == []


async def test_a_finished_session_is_in_history_with_its_cards(builtin_library: Library) -> None:
    app = make_app(builtin_library, options=OPTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(12):
            if isinstance(app.screen, SummaryScreen):
                break
            await pilot.press("space")
            await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 1
        row = [str(c) for c in table.get_row_at(0)]
        assert app.session is not None
        questions = sum(
            1
            for p in app.session.plays
            if p.outcome.value == "answered" and p.step.card.kind.value == "question"
        )
        assert questions == 6
        assert row[1] == "Ana and Ben" and row[2] == "Committed" and row[3] == str(questions)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.query_one("#sessions", DataTable).row_count == 0


async def test_an_interrupted_session_is_offered_again_at_the_same_card(
    builtin_library: Library,
) -> None:
    app = make_app(builtin_library, options=OPTIONS)
    async with app.run_test() as pilot:
        await pilot.press("space", "space", "p")
        assert app.session is not None
        stopped_at = app.session.current
        remaining = app.session.steps[app.session.position :]
        await pilot.press("ctrl+q")
    again = make_app(builtin_library)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(again.screen, PlayScreen)
        assert again.session is not None
        assert again.session.current == stopped_at
        assert again.session.steps[again.session.position :] == remaining
        assert again.session.passes_left == {"Ana": 3, "Ben": 2}


async def test_closing_an_interrupted_session_is_not_offered_twice(
    builtin_library: Library,
) -> None:
    app = make_app(builtin_library, options=OPTIONS)
    async with app.run_test() as pilot:
        await pilot.press("space", "ctrl+q")
    second = make_app(builtin_library)
    async with second.run_test() as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(second.screen, SetupScreen)
    third = make_app(builtin_library)
    async with third.run_test() as pilot:
        await pilot.pause()
        assert isinstance(third.screen, SetupScreen)


async def test_a_private_session_writes_nothing(
    builtin_library: Library, private_home: object
) -> None:
    app = make_app(builtin_library, options=OPTIONS, history=False)
    async with app.run_test() as pilot:
        await pilot.press("f", "space", "q", "y", "q")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    from closeness_cards.store.paths import database_path

    assert not database_path().exists()


async def test_escape_on_the_resume_question_keeps_the_session_for_later(
    builtin_library: Library,
) -> None:
    first = make_app(builtin_library, options=OPTIONS)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "ctrl+q")
    again = make_app(builtin_library)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ConfirmScreen)
        await pilot.press("escape")  # not now
        await pilot.pause()
        assert isinstance(again.screen, SetupScreen)
        assert again.table.unfinished() is not None  # still there to resume


async def test_forgetting_a_session_starts_on_keep(builtin_library: Library) -> None:
    first = make_app(builtin_library, options=OPTIONS)
    async with first.run_test(size=(100, 30)) as pilot:
        for _ in range(12):
            if isinstance(first.screen, SummaryScreen):
                break
            await pilot.press("space")
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(first.screen, ConfirmScreen)
        assert first.focused is not None and first.focused.id == "no"
        await pilot.press("enter")  # the default keeps it
        await pilot.pause()
        assert len(first.table.ports.archive.sessions()) == 1


async def test_history_fits_80_columns_with_time_and_status(builtin_library: Library) -> None:
    from support.tui import screen_rows

    app = make_app(builtin_library, options=OPTIONS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q", "y", "q")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        rows = screen_rows(app)
        header = next(row for row in rows if "Date" in row and "Players" in row)
        assert "Time" in header and header.rstrip().endswith("Time")
        entry = next(row for row in rows if "Ana and Ben" in row)
        assert "early" in entry  # the status column is on screen


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_summary_keeps_its_buttons_in_view(
    builtin_library: Library, size: tuple[int, int]
) -> None:
    app = make_app(builtin_library, options=OPTIONS)
    async with app.run_test(size=size) as pilot:
        for _ in range(12):
            if isinstance(app.screen, SummaryScreen):
                break
            await pilot.press("f", "r", "space")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        for button in ("#new", "#quit"):
            region = app.screen.query_one(button).region
            assert region.height and region.bottom <= size[1] - 1  # above the footer


async def test_the_favourites_list_says_whose_each_is(builtin_library: Library) -> None:
    from closeness_cards.store.db import open_database
    from closeness_cards.store.favourites import add_favourite

    with open_database() as db:
        for player in (None, "Ana", "Ben"):
            add_favourite(
                db,
                card_id="d/a",
                deck_id="d",
                text="A kept card",
                follow_up=None,
                stages=["dating"],
                depth=1,
                player=player,
            )
    app = make_app(builtin_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FavouritesScreen)
        favourites = app.screen.query_one("#favourites", DataTable)
        labels = [str(column.label) for column in favourites.columns.values()]
        assert labels == ["Stage", "Depth", "Kept by", "Card"]
        rows = [[str(c) for c in favourites.get_row_at(i)][2] for i in range(3)]
        assert rows == ["everyone", "Ana", "Ben"]
        await pilot.press("down", "u")  # Ana's: the household's and Ben's stay
        await pilot.pause()
        rows = [[str(c) for c in favourites.get_row_at(i)][2] for i in range(2)]
        assert rows == ["everyone", "Ben"]
    with reading_ports() as ports:
        assert [f.player for f in ports.keepsakes.favourites()] == [None, "Ben"]


async def test_the_lists_show_their_first_hundred_and_count_the_rest(
    builtin_library: Library,
) -> None:
    from closeness_cards.store.db import open_database
    from closeness_cards.store.favourites import add_favourite, hide_card, list_favourites

    with open_database() as db, db.transaction():
        for n in range(101):
            add_favourite(
                db,
                card_id=f"d/c{n:03d}",
                deck_id="d",
                text=f"Kept card {n}",
                follow_up=None,
                stages=["family"] if n % 2 else ["dating"],
                depth=1 + n % 3,
                player=(None, "Ana", "Ben")[n % 3],
            )
            if n < 100:
                hide_card(db, card_id=f"d/h{n:03d}", deck_id="d", text=f"Hidden card {n}")
        first = [f"Kept card {int(f.card_id[3:])}" for f in list_favourites(db)[:100]]
    app = make_app(builtin_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FavouritesScreen)
        favourites = app.screen.query_one("#favourites", DataTable)
        assert [str(favourites.get_row_at(i)[-1]) for i in range(favourites.row_count)] == first
        assert app.screen.query_one("#hidden", DataTable).row_count == 100
        note = str(app.screen.query_one("#list-note", Static).render())
        assert "Showing the first 100 of 101 favourites" in note
        assert "hidden cards" not in note  # all 100 are shown


async def test_a_new_session_after_a_resumed_one_starts_from_its_choices(
    builtin_library: Library,
) -> None:
    from closeness_cards.tui.widgets.choice import Choice

    first = make_app(builtin_library, options=OPTIONS)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "ctrl+q")
    again = make_app(builtin_library)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y")  # resume the committed-stage session
        await pilot.pause()
        assert isinstance(again.screen, PlayScreen)
        again.action_new_session()
        await pilot.pause()
        await pilot.press("y")  # leave it unfinished for a new one
        await pilot.pause()
        assert isinstance(again.screen, SetupScreen)
        assert again.screen.query_one("#stage", Choice).value == Stage.COMMITTED.value
        assert again.screen.query_one("#shape", Choice).value == Shape.QUICK.value
        assert again.choices.players == ("Ana", "Ben")
        assert not again.choices.wildcards


async def test_four_at_a_couples_stage_hear_a_word_and_still_play(
    builtin_library: Library,
) -> None:
    four = Options(("Ana", "Ben", "Cai", "Dee"), Stage.DATING, Shape.QUICK, seed=2)
    app = make_app(builtin_library, options=four)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        said = [n.message for n in app._notifications]
        assert any("written for a couple; with 4 of you" in m for m in said), said
