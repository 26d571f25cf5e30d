"""Pilot tests: play whole sessions through the real app, key by key."""

from __future__ import annotations

import gc
import json

import pytest
from textual.widgets import Input, Static

from closeness_cards.cli import main
from closeness_cards.core.cards import Kind, Stage
from closeness_cards.core.game import DepthPlan, Options, Shape
from closeness_cards.core.library import Library
from closeness_cards.table.sqlite import reading_ports
from closeness_cards.tui.screens.checkin import CheckInScreen
from closeness_cards.tui.screens.help import HelpScreen
from closeness_cards.tui.screens.play import PlayScreen
from closeness_cards.tui.screens.ritual import OpeningScreen
from closeness_cards.tui.screens.setup import SetupScreen
from closeness_cards.tui.screens.summary import SummaryScreen
from closeness_cards.tui.widgets.card import CardView
from support.tui import make_app


def card_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one(CardView).query_one("#card-text", Static).render())


async def test_a_quick_session_from_setup_to_summary(builtin_library: Library) -> None:
    app = make_app(builtin_library)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, SetupScreen)
        app.screen.query_one("#player-1", Input).value = ""
        await pilot.press(*"Ana", "tab")
        app.screen.query_one("#player-2", Input).value = ""
        await pilot.press(*"Ben", "enter")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "stage"  # on through the form
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OpeningScreen)  # the opening, then the check-in
        await pilot.press("space")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen), app.screen_stack
        await pilot.press("4", "5")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        session = app.session
        assert session is not None and session.deal.options.players == ("Ana", "Ben")
        seen: list[str] = []
        for _ in range(40):
            if isinstance(app.screen, CheckInScreen):
                break
            assert app.session is not None and app.session.current is not None
            assert card_text(app) == app.session.current.card.text
            seen.append(card_text(app))
            await pilot.press("space")
            await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("6", "escape", "y")  # Ben's skipped, once asked
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        closeness = str(app.screen.query_one("#summary-closeness", Static).render())
        assert closeness == "Closeness (1–7): Ana 4 → 6 · Ben 5 before"
        body = str(app.screen.query_one("#summary-body", Static).render())
        assert "Questions answered: " in body and "Time together" in body
        assert len(set(seen)) == session.question_count + 1  # every card once, then closing


async def test_play_with_options_deals_exactly_what_deal_prints(
    builtin_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--stage", "long-term", "--players", "Ana", "Ben", "--shape", "quick"]
    assert main(["deal", *args, "--depth", "rise", "--seed", "11", "--json"]) == 0
    printed = [step["card"] for step in json.loads(capsys.readouterr().out)["steps"]]
    options = Options(("Ana", "Ben"), Stage.LONG_TERM, Shape.QUICK, DepthPlan.RISE, seed=11)
    app = make_app(builtin_library, options=options)
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not None
        assert [step.card.global_id for step in app.session.steps] == printed
        assert card_text(app) == app.session.steps[0].card.text


async def test_q_goes_to_the_closing_card_then_the_summary(builtin_library: Library) -> None:
    options = Options(("Ana", "Ben"), Stage.FRIENDS, Shape.STANDARD, seed=3)
    app = make_app(builtin_library, options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "q")
        await pilot.pause()
        assert app.session is not None and not app.session.is_closing  # asked first
        await pilot.press("escape")  # keep playing
        await pilot.pause()
        assert not app.session.is_closing
        await pilot.press("q", "y")
        await pilot.pause()
        assert app.session.is_closing
        assert "closing card" in str(app.screen.query_one("#status", Static).render())
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Session ended" in str(app.screen.query_one("#summary-title", Static).render())


async def test_help_opens_and_closes(builtin_library: Library) -> None:
    options = Options(("Ana", "Ben"), Stage.DATING, seed=1)
    app = make_app(builtin_library, options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#help-keys")
        assert keys.region.y >= 0 and keys.region.bottom <= 24  # every key, before the rules
        scroll = app.screen.query_one("#help")
        assert scroll.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y > 0  # down to the last listening tip
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_ctrl_q_quits_at_once(builtin_library: Library) -> None:
    app = make_app(builtin_library, options=Options(("A", "B"), Stage.FAMILY, seed=2))
    async with app.run_test() as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert app.return_code is None  # still playing
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0  # ctrl+q, and nothing else, quit it
    with reading_ports() as ports:
        left = ports.log.unfinished()
    assert left is not None and left.position == 1  # nothing lost: it can be resumed


async def test_markup_in_a_card_is_shown_as_typed(builtin_library: Library) -> None:
    from closeness_cards.core.cards import Card, Deck, Depth

    cards = (
        *(
            Card("m", f"q{d}-{n}", f"What does [bold]this[/bold] mean to you, {n}?", Depth(d))
            for d in (1, 2, 3)
            for n in range(3)
        ),
        Card("m", "close", "Say [red]goodbye[/red] kindly.", Depth(1), Kind.CLOSING),
    )
    library = Library((Deck("m", "Markup", cards),))
    app = make_app(library, options=Options(("A", "B"), Stage.DATING, seed=4))
    async with app.run_test(size=(80, 24)):
        assert "[bold]this[/bold]" in card_text(app)


async def test_the_whole_card_shows_at_60_by_20(builtin_library: Library) -> None:
    from closeness_cards.core.cards import Card, Deck, Depth

    questions = [c for c in builtin_library.cards if c.kind is Kind.QUESTION]
    longest = max(questions, key=lambda c: len(c.text) + len(c.follow_up or ""))
    card = Card("big", "big", longest.text, Depth(1), follow_up=longest.follow_up)
    closing = Card(
        "big",
        "close",
        "Tell each other one thing you will carry from tonight.",
        Depth(1),
        Kind.CLOSING,
    )
    library = Library((Deck("big", "The longest card", (card, closing)),))
    app = make_app(library, options=Options(("Ana", "Ben"), Stage.DATING, seed=1))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        footer_top = app.screen.query_one("Footer").region.y
        for part in ("#card-kind", "#card-text", "#card-follow-up"):
            region = app.screen.query_one(part).region
            assert region.height >= 1, part
            assert region.y >= 0 and region.bottom <= footer_top, part
        shown = app.screen.query_one("#card-text", Static)
        assert shown.region.height * shown.region.width >= len(card.text)


async def test_the_collector_is_back_on_after_the_first_frame(builtin_library: Library) -> None:
    gc.disable()  # as the console entry point starts the game
    try:
        app = make_app(builtin_library, options=Options(("A", "B"), Stage.DATING, seed=1))
        async with app.run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_enter_in_a_name_box_moves_on_and_start_says_why_it_waits(
    builtin_library: Library,
) -> None:
    app = make_app(builtin_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Ana", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)  # not started with "Player 2"
        assert app.focused is not None and app.focused.id == "player-2"
        await pilot.press(*"ana", "enter")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "stage"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        error = app.screen.query_one("#setup-error", Static)
        assert "same name" in str(error.render())
        assert error.region.bottom <= 24 and app.screen.query_one("#start").region.bottom <= 24


async def test_names_pasted_with_a_tab_between_them_fill_two_boxes(
    builtin_library: Library,
) -> None:
    from textual import events

    app = make_app(builtin_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = app.screen.query_one("#player-1", Input)
        first.post_message(events.Paste("Ana\tBen\tCy"))
        await pilot.pause()
        await pilot.pause()
        names = [box.value for box in app.screen.query(".player").results(Input)]
        assert names == ["Ana", "Ben", "Cy"]


@pytest.mark.parametrize("width", [80, 100])
async def test_setup_shows_whole_labels_and_a_visible_focus(
    builtin_library: Library, width: int
) -> None:
    from textual.widgets import Select

    from support.tui import screen_rows

    app = make_app(builtin_library)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        stage = app.screen.query_one("#stage", Select)
        current = stage.query_one("SelectCurrent")
        before = current.styles.background
        stage.focus()
        await pilot.pause()
        assert current.styles.background != before  # the focus can be seen
        app.screen.query_one("#setup").scroll_end(animate=False)
        await pilot.pause()
        assert any(row.rstrip().endswith("Help ?") for row in screen_rows(app))


async def test_space_answers_a_question_with_the_focused_button(builtin_library: Library) -> None:
    options = Options(("Ana", "Ben"), Stage.FRIENDS, Shape.STANDARD, seed=3)
    app = make_app(builtin_library, options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "q")
        await pilot.pause()
        await pilot.press("space")  # "End with the closing card" has the focus
        await pilot.pause()
        assert app.session is not None and app.session.is_closing


async def test_the_closing_card_offers_no_pass(builtin_library: Library) -> None:
    from support.tui import screen_rows

    options = Options(("Ana", "Ben"), Stage.DATING, Shape.QUICK, seed=5, wildcards=False)
    app = make_app(builtin_library, options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "p" in app.screen.active_bindings
        assert any("passes left" in row for row in screen_rows(app))
        for _ in range(6):
            await pilot.press("space")
            await pilot.pause()
        assert app.session is not None and app.session.is_closing
        # The footer draws what the screen's active bindings say.
        assert "p" not in app.screen.active_bindings
        assert not any("passes left" in row for row in screen_rows(app))
        await pilot.press("p")  # not taken: the closing card stays, nobody answered it
        await pilot.pause()
        assert app.session.is_closing and app.session.turn == 0


async def test_setup_lists_open_choose_and_close_by_key_and_click(builtin_library: Library) -> None:
    # The lists are built when first opened (not before the first frame): they still open
    # by key and by click, show the current value, and choose.
    from textual.widgets import Select
    from textual.widgets._select import SelectOverlay

    app = make_app(builtin_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        stage = app.screen.query_one("#stage", Select)
        assert not stage.query(SelectOverlay)  # nothing built yet
        stage.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert stage.expanded
        overlay = stage.query_one(SelectOverlay)
        assert overlay.highlighted == 0  # the current value, Dating
        assert overlay.option_count == len(Stage)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not stage.expanded and stage.value == list(Stage)[1].value
        assert "Early" in str(stage.query_one("#label", Static).render())
        depth = app.screen.query_one("#depth", Select)
        depth.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(depth)
        await pilot.pause()
        assert depth.expanded
        await pilot.press("escape")
        await pilot.pause()
        assert not depth.expanded and depth.value == DepthPlan.RISE.value
        await pilot.press("space", "up", "enter")  # opens again, now built: the list above
        await pilot.pause()
        assert not depth.expanded and depth.value == list(DepthPlan)[-1].value


async def test_decks_that_cannot_load_after_the_setup_screen_close_the_game(
    builtin_library: Library,
) -> None:
    # The setup screen draws before the decks load (the table is built after its first
    # frame): if they cannot load at all, the game closes with the reason and exit code 2.
    from closeness_cards.table.sqlite import open_ports
    from closeness_cards.tui.app import CardsApp

    ports = open_ports()
    built: list[bool] = []

    def build() -> object:
        built.append(True)
        raise ValueError("no decks could be loaded")

    app = CardsApp(build, ports=ports)  # type: ignore[arg-type]
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
        assert built and app.return_code == 2
    finally:
        ports.close()
