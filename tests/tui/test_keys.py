"""Pilot tests for the keys of the play screen that change the table: p, d, t, and sizes."""

from __future__ import annotations

from textual.widgets import Digits, Static

from closeness_cards.core.cards import Card, Deck, Depth, Kind, Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.core.library import Library
from closeness_cards.table import Choices as SetupChoices
from closeness_cards.tui.screens.checkin import CheckInScreen
from closeness_cards.tui.screens.play import PlayScreen
from closeness_cards.tui.screens.ritual import OpeningScreen, TooSmallScreen
from support.tui import make_app, notifications

TIMED = Card(
    "t", "timed", "Hold hands and breathe together in silence.", Depth(1), Kind.ACTION, minutes=2
)
QUESTIONS = tuple(
    Card(
        "t",
        f"q{d}-{n}",
        f"Tell the story of moment {n} at depth {d}.",
        Depth(d),
        follow_up=f"What did moment {n} change for you?",
    )
    for d in (1, 2, 3)
    for n in range(4)
)
CLOSING = Card(
    "t", "close", "Each name one thing you will carry from tonight.", Depth(1), Kind.CLOSING
)
LIBRARY = Library((Deck("t", "Test deck", (*QUESTIONS, TIMED, CLOSING)),))


def static_text(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_pass_shows_a_new_card_and_the_passes_left() -> None:
    options = Options(("Ana", "Ben"), Stage.DATING, seed=1, passes=1, wildcards=False)
    app = make_app(LIBRARY, options=options)
    async with app.run_test(size=(100, 30)) as pilot:
        before = static_text(app, "#card-text")
        await pilot.press("p")
        assert static_text(app, "#card-text") != before
        assert "Ben 0" in static_text(app, "#status")
        await pilot.press("p")  # no pass left: the card stays, a notice says why
        assert "Ben 0" in static_text(app, "#status")


async def test_dig_deeper_shows_and_hides_the_follow_up() -> None:
    app = make_app(LIBRARY, options=Options(("Ana", "Ben"), Stage.DATING, seed=1, wildcards=False))
    async with app.run_test(size=(100, 30)) as pilot:
        follow = app.screen.query_one("#card-follow-up", Static)
        assert not follow.display
        assert "d: dig deeper" in static_text(app, "#card-marks")
        await pilot.press("d")
        assert follow.display and "What did moment" in str(follow.render())
        await pilot.press("d")
        assert not follow.display


async def test_t_runs_a_stopwatch_and_a_timed_card_counts_down() -> None:
    app = make_app(LIBRARY, options=Options(("Ana", "Ben"), Stage.DATING, Shape.STANDARD, seed=4))
    notes = notifications(app)
    bells: list[None] = []
    app.bell = lambda: bells.append(None)  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        digits = app.screen.query_one("#timer", Digits)
        assert not digits.display
        await pilot.press("t")
        assert digits.display and ":" in digits.value
        await pilot.press("t", "space")
        assert not digits.display  # a new card starts with no timer
        session = app.session
        assert session is not None
        while session.current is not None and session.current.card != TIMED:
            await pilot.press("space")
        assert "2-minute timer" in static_text(app, "#card-marks")
        await pilot.press("t")
        assert digits.display
        for _ in range(3):  # the test clock moves a minute each time it is read
            await pilot.pause(0.3)
        assert digits.value == "0:00"
        assert any("Time is up" in message for message in notes)
        assert len(bells) == 1  # a sound, once
        assert digits.has_class("-done")  # and a change to see


async def test_a_window_below_60_by_20_asks_for_more_room() -> None:
    app = make_app(LIBRARY, options=Options(("Ana", "Ben"), Stage.DATING, seed=1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.resize_terminal(50, 16)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_sessions_from_setup_open_with_the_ritual() -> None:
    app = make_app(LIBRARY, choices=SetupChoices(players=("Ana", "Ben")))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OpeningScreen), app.screen_stack  # the opening first
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)  # then the check-in
        await pilot.press("escape", "y")  # skipped for everyone, once asked
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not None and app.session.current is not None
        shown = str(app.screen.query_one("#card-text", Static).render())
        assert shown == app.session.current.card.text


async def test_a_group_of_three_is_set_up_and_takes_turns_round_the_table() -> None:
    app = make_app(LIBRARY, choices=SetupChoices(players=("Ana", "Ben"), opening=False))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+n", *"Cy", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape", "y")  # skip the check-in
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        session = app.session
        assert session is not None and session.deal.options.players == ("Ana", "Ben", "Cy")
        readers = [s.reader for s in session.steps if s.card.kind is Kind.QUESTION][:5]
        assert readers == ["Ana", "Ben", "Cy", "Ana", "Ben"]
        assert "Ana reads" in str(app.screen.query_one("#turn", Static).render())


async def test_the_turn_line_never_says_a_reader_answers_their_own_reading() -> None:
    app = make_app(LIBRARY, options=Options(("Ana", "Ben"), Stage.DATING, seed=1))
    async with app.run_test(size=(100, 30)) as pilot:
        seen: list[str] = []
        while app.session is not None and not app.session.is_closing:
            await pilot.press("space")
            await pilot.pause()
        for _ in range(2):  # the closing card: both answer in turn
            seen.append(str(app.screen.query_one("#turn", Static).render()))
            await pilot.press("space")
            await pilot.pause()
    assert seen[0] == "Ana reads · Ben answers · then Ana"
    assert all(f"{n} reads · {n} answers" not in line for line in seen for n in ("Ana", "Ben"))
    assert seen[1].startswith("Now ")


async def test_the_opening_screens_styles_do_not_leak_onto_the_setup_checkbox() -> None:
    from textual.widgets import Checkbox

    app = make_app(LIBRARY, choices=SetupChoices(players=("Ana", "Ben")))
    async with app.run_test(size=(100, 40)) as pilot:
        box = app.screen.query_one("#opening", Checkbox)
        before = (box.styles.border, box.styles.max_width, box.styles.padding)
        app.action_help()  # the help screen loads the modal styles, #opening among them
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        box = app.screen.query_one("#opening", Checkbox)
        assert (box.styles.border, box.styles.max_width, box.styles.padding) == before


async def test_the_footer_keeps_end_and_help_at_60_columns() -> None:
    from support.tui import screen_rows

    app = make_app(LIBRARY, options=Options(("Ana", "Ben"), Stage.DATING, seed=1))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        footer = screen_rows(app)[-1]
        assert "q End" in footer and "? Help" in footer
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert "palette" in screen_rows(app)[-1]  # room again for the palette hint


async def test_notices_never_cover_the_listening_tip(builtin_library: Library) -> None:
    options = Options(("Ana", "Ben"), Stage.DATING, seed=1, wildcards=False)
    app = make_app(builtin_library, options=options)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("f")  # "Kept among your favourites"
        await pilot.pause()
        tip = app.screen.query_one("#tip", Static)
        card = app.screen.query_one("#card")
        toasts = list(app.screen.query("Toast"))
        assert toasts and tip.display
        for toast in toasts:
            assert not toast.region.overlaps(tip.region)
            assert not toast.region.overlaps(card.region)
            assert toast.region.bottom <= card.region.y  # up top, away from the tip below
