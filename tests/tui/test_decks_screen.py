"""Pilot tests of the decks screen: counts, switching decks off and on, broken decks, reading."""

from __future__ import annotations

from collections.abc import Collection

from rich.console import Console
from textual.app import App
from textual.widgets import DataTable, Static

from closeness_cards.core.cards import ALL_STAGES, Card, Deck, Depth, Stage
from closeness_cards.core.deckfile import DeckError, DeckProblem
from closeness_cards.core.library import Library
from closeness_cards.tui.screens.decks import DeckReaderScreen, DecksScreen, reader_sections
from support import make_cards

MARKUP_TEXT = "Say [bold]this[/bold] as written, brackets and all?"


def library() -> Library:
    """Two good decks (one for dating, one for every stage) and one broken deck file."""
    dating = make_cards(deck="sparks", stages=frozenset({Stage.DATING}))
    dating += [
        Card("sparks", "m-1", "A mature card for the test deck.", Depth.DEEP, mature=True),
        Card("sparks", "plain", MARKUP_TEXT, Depth.WARM_UP, stages=frozenset({Stage.DATING})),
    ]
    anyone = make_cards(per_depth=2, deck="anyone", actions=0, closings=0, tips=0)
    decks = (
        Deck("anyone", "For Anyone", tuple(anyone), stages=ALL_STAGES),
        Deck("sparks", "Sparks", tuple(dating), stages=frozenset({Stage.DATING})),
    )
    broken = DeckError(
        [
            DeckProblem("/decks/broken.yaml", 4, 3, "unknown key 'txt'", "did you mean 'text'?"),
            DeckProblem("/decks/broken.yaml", 9, 5, "depth must be 1, 2 or 3"),
        ]
    )
    return Library(decks, (broken,))


class DecksHost(App[None]):
    """Shows the decks screen as the app does, and keeps every Toggled message."""

    def __init__(self, library: Library, switched_off: Collection[str] = ()) -> None:
        super().__init__()
        self.library = library
        self.switched_off = switched_off
        self.toggles: list[tuple[str, bool]] = []

    def on_mount(self) -> None:
        self.push_screen(DecksScreen(self.library, self.switched_off))

    def action_go_back(self) -> None:
        if len(self.screen_stack) > 2:
            self.pop_screen()

    def on_decks_screen_toggled(self, event: DecksScreen.Toggled) -> None:
        self.toggles.append((event.deck_id, event.enabled))


def cells(table: DataTable[object], row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


def plain(static: Static, width: int = 100) -> str:
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(static.content)
    return capture.get()


async def test_decks_are_listed_by_stage_with_counts_and_broken_decks_apart() -> None:
    app = DecksHost(library())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DecksScreen)
        table = screen.query_one("#decks", DataTable)
        assert table.row_count == 2
        # The dating deck comes first; a deck for every stage comes after the stages.
        assert cells(table, 0) == ["on", "Dating", "Sparks", "11/10/11", "6", "sparks"]
        assert cells(table, 1) == ["on", "Any stage", "For Anyone", "2/2/2", "0", "anyone"]
        broken = str(screen.query_one("#broken", Static).render())
        assert "/decks/broken.yaml:4:3: unknown key 'txt' (did you mean 'text'?)" in broken
        assert "and 1 more problem" in broken
        assert screen.query_one("#broken-title").display


async def test_space_switches_a_deck_off_and_on_and_says_so() -> None:
    app = DecksHost(library(), switched_off={"anyone"})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DecksScreen)
        table = screen.query_one("#decks", DataTable)
        note = screen.query_one("#decks-note", Static)
        assert cells(table, 1)[0] == "off"
        assert "1 of 2 decks on" in str(note.render())
        await pilot.press("space")
        assert cells(table, 0)[0] == "off"
        assert "Every deck is off" in str(note.render())
        await pilot.press("space")
        await pilot.pause()
        assert cells(table, 0)[0] == "on"
        assert app.toggles == [("sparks", False), ("sparks", True)]
        assert screen.switched_off == {"anyone"}


async def test_enter_opens_the_reader_grouped_by_stage_and_depth() -> None:
    app = DecksHost(library())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, DeckReaderScreen) and reader.deck.id == "sparks"
        titles = [str(s.render()) for s in reader.query(".reader-section").results(Static)]
        assert titles == [
            "Dating · depth 1 · warm-up",
            "Dating · depth 2 · open up",
            "Dating · depth 3 · deep",
            "Any stage · depth 3 · deep",
            "Closing cards",
            "Listening tips",
        ]
        text = "\n".join(plain(s) for s in reader.query(".reader-cards").results(Static))
        assert MARKUP_TEXT in text
        assert "↳ deeper: Deeper prompt for question 0?" in text
        assert "A mature card for the test deck.  18+ mature" in text
        assert "(wildcard)" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DecksScreen)


def test_reader_sections_keep_wildcards_with_their_depth_and_rituals_last() -> None:
    deck = library().deck("sparks")
    assert deck is not None
    sections = reader_sections(deck)
    assert sum(len(cards) for _, cards in sections) == len(deck.cards)
    warm_up = dict(sections)["Dating · depth 1 · warm-up"]
    assert [card.id for card in warm_up][-7:] == ["a-0", "a-1", "a-2", "a-3", "a-4", "a-5", "plain"]


async def test_the_decks_table_fits_80_columns() -> None:
    from support.tui import screen_rows

    app = DecksHost(library())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = screen_rows(app)
        header = next(row for row in rows if "By depth" in row)
        assert header.rstrip().endswith("Id")
        assert any(row.rstrip().endswith("sparks") for row in rows)


async def test_many_broken_decks_make_one_notice() -> None:
    from pathlib import Path

    from closeness_cards.table.decks import load_decks
    from closeness_cards.table.records import data_dir
    from support.tui import make_app, notifications

    folder = data_dir() / "decks"
    folder.mkdir(parents=True)
    for n in range(300):
        Path(folder / f"broken-{n:03}.yaml").write_text("schema: 1\nid: [\n", encoding="utf-8")
    library = load_decks()
    assert len(library.problems) >= 300
    app = make_app(library)
    notes = notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        skipped = [note for note in notes if "skipped" in note]
        assert len(skipped) == 1  # one notice, not three hundred
        assert "more decks could not be loaded: F4 lists them all" in skipped[0]


async def test_off_shows_whole_after_every_deck_was_on() -> None:
    from support.tui import screen_rows

    app = DecksHost(library())  # every deck on: the column was as wide as "on"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        rows = screen_rows(app)  # type: ignore[arg-type]
        assert any(row.split()[:2] == ["off", "Dating"] for row in rows if row.split()), rows


async def test_the_builtin_decks_show_whole_at_80_columns_and_the_id_when_it_fits() -> None:
    from closeness_cards.table.decks import load_decks
    from support.tui import screen_rows

    builtin = load_decks([])
    for width, with_id in ((80, False), (120, True)):
        app = DecksHost(builtin)
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            table = app.screen.query_one("#decks", DataTable)
            assert ("id" in table.columns) is with_id
            text = "\n".join(screen_rows(app))
            for deck in builtin.decks:
                assert deck.title in text  # every title whole, none cut
            await pilot.resize_terminal(200 - width, 24)  # and back the other way
            await pilot.pause()
            assert ("id" in table.columns) is not with_id
            assert table.row_count == len(builtin.decks)


async def test_many_broken_decks_leave_the_title_and_the_table_in_view() -> None:
    problems = tuple(
        DeckError([DeckProblem(f"/decks/broken-{n:03}.yaml", 1, 1, "no id")]) for n in range(40)
    )
    app = DecksHost(Library(library().decks, problems))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from support.tui import screen_rows

        rows = screen_rows(app)
        assert rows[0].strip() == "Decks"
        assert any("By depth" in row for row in rows)
