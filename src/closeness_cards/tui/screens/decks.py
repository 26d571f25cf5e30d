"""The decks screen: every deck with its counts, switched on or off, and a reader for its cards."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from closeness_cards.core.cards import ALL_STAGES, Card, Deck, Kind, Stage
from closeness_cards.core.deckfile import DeckError
from closeness_cards.core.library import Library
from closeness_cards.core.safe_text import for_terminal
from closeness_cards.table.decks import decks_folder
from closeness_cards.text.labels import STAGE_LABELS, depth_label
from closeness_cards.tui.safe import lines, plain

STAGE_ORDER = tuple(Stage)
ON = "on"
OFF = "off"
MATURE_MARK = "18+"


@dataclass(frozen=True)
class DeckCounts:
    """How many cards of each kind a deck holds."""

    questions: tuple[int, int, int]
    """Questions at depth 1, 2 and 3."""
    wildcards: int
    closing: int
    tips: int
    mature: int


def deck_counts(deck: Deck) -> DeckCounts:
    """Count a deck's cards by kind, and its questions by depth."""
    by_depth = [0, 0, 0]
    kinds = dict.fromkeys(Kind, 0)
    for card in deck.cards:
        kinds[card.kind] += 1
        if card.kind is Kind.QUESTION:
            by_depth[int(card.depth) - 1] += 1
    return DeckCounts(
        questions=(by_depth[0], by_depth[1], by_depth[2]),
        wildcards=kinds[Kind.ACTION],
        closing=kinds[Kind.CLOSING],
        tips=kinds[Kind.TIP],
        mature=sum(1 for card in deck.cards if card.mature),
    )


def stages_label(stages: Collection[Stage], *, short: bool = False) -> str:
    """The stages as players read them; ``short`` keeps the first and counts the rest."""
    if set(stages) >= ALL_STAGES:
        return "Any stage"
    ordered = [STAGE_LABELS[stage] for stage in STAGE_ORDER if stage in stages]
    if short and len(ordered) > 1:
        return f"{ordered[0]} +{len(ordered) - 1}"
    return ", ".join(ordered)


def stage_key(stages: Collection[Stage]) -> int:
    """Sort key: a deck or card goes with its earliest stage; every-stage ones come last."""
    if set(stages) >= ALL_STAGES or not stages:
        return len(STAGE_ORDER)
    return min(STAGE_ORDER.index(stage) for stage in stages)


def sorted_decks(decks: Iterable[Deck]) -> list[Deck]:
    """Decks grouped by stage in the order of a relationship, then by title."""
    return sorted(decks, key=lambda deck: (stage_key(deck.stages), deck.title.casefold()))


def first_problem(error: DeckError) -> str:
    """A broken deck's first problem, as ``FILE:LINE:COL: message (hint)``, and how many more."""
    more = len(error.problems) - 1
    extra = f"  (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{error.problems[0]}{extra}"


COLUMN_HEADINGS = ("On", "Stage", "Deck", "By depth", "Wild", "Id")
"""The headings of the decks table, in order."""


def _width(cell: str | Text) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(cell)


class DecksScreen(Screen[None]):
    """Every loaded deck with its counts; decks can be switched off and read."""

    CSS_PATH = "decks.tcss"

    BINDINGS = [
        Binding("escape", "app.go_back", "Back"),
        Binding("space", "switch", "On / off", tooltip="Switch the deck on or off"),
        Binding("enter,o", "open", "Read cards", tooltip="Read the deck's cards"),
    ]
    """Space switches the selected deck on or off; enter reads its cards; escape goes back."""

    @dataclass
    class Toggled(Message):
        """A deck was switched on or off; the app remembers it for later deals."""

        deck_id: str
        enabled: bool

    def __init__(
        self, library: Library, disabled: Collection[str] = frozenset(), *, switchable: bool = True
    ) -> None:
        """Show ``library``'s decks.

        Args:
            library: Every deck loaded, and the files that could not be loaded.
            disabled: The ids of the decks switched off.
            switchable: False when the decks were named with ``--deck``: all of them are
                played, so switching is refused.
        """
        super().__init__()
        self.library = library
        self.switchable = switchable
        self.switched_off: set[str] = set(disabled) if switchable else set()
        """The ids of the decks switched off, kept in step with what the screen shows."""
        self._deck_cells: list[tuple[Deck, tuple[str | Text, ...]]] | None = None
        """Each deck's cells but "On", made when first laid out (see ``_cells``)."""

    def compose(self) -> ComposeResult:
        yield Static("Decks", classes="screen-title")
        yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield Static("", id="decks-note", markup=False)
        yield Static("Decks that could not be loaded", id="broken-title")
        yield Static("", id="broken", markup=False)
        yield Static(f"Your own decks go in {decks_folder()}", id="decks-folder", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self._show_problems()
        self._update_note()
        self.query_one("#decks", DataTable).focus()

    def on_resize(self) -> None:
        table = self.query_one("#decks", DataTable)
        if ("id" in table.columns) != self._id_fits():
            self._fill()

    def _cells(self) -> list[tuple[Deck, tuple[str | Text, ...]]]:
        """Each deck and its cells after "On", in the order of ``COLUMN_HEADINGS`` (a
        deck's own words as literal text: a plain string in a table is read as markup).
        Made once: resizing lays them out again, it does not count the cards again."""
        if self._deck_cells is None:
            self._deck_cells = []
            for deck in sorted_decks(self.library.decks):
                counts = deck_counts(deck)
                self._deck_cells.append(
                    (
                        deck,
                        (
                            stages_label(deck.stages, short=True),
                            plain(deck.title),
                            "/".join(str(count) for count in counts.questions),
                            str(counts.wildcards),
                            plain(deck.id),
                        ),
                    )
                )
        return self._deck_cells

    def _id_fits(self) -> bool:
        """Whether the Id column fits beside the others (at 80 columns it does not: the
        deck's id is on its reader page and in `decks list`)."""
        cells = [row for _, row in self._cells()]
        widths = (
            [len(OFF) + 2]
            + [  # "On", and each column's widest cell with its padding
                max([len(heading), *(_width(row[index]) for row in cells)]) + 2
                for index, heading in enumerate(COLUMN_HEADINGS[1:])
            ]
        )
        return sum(widths) + 2 <= self.size.width  # and the scroll bar

    def _fill(self) -> None:
        """The table of decks: every column that fits (the Id column only on wide screens)."""
        table = self.query_one("#decks", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column("On", key="on", width=len(OFF))  # "off" fits when every deck is on
        table.add_column("Stage", key="stage")
        table.add_column("Deck", key="title")
        # Questions at depth 1/2/3 share a column, and the closing cards, tips and mature
        # cards are counted in the deck reader, so the table fits 80 columns.
        table.add_column("By depth", key="questions")
        table.add_column("Wild", key="wildcards")
        with_id = self._id_fits()
        if with_id:
            table.add_column("Id", key="id")
        for deck, cells in self._cells():
            on = OFF if deck.id in self.switched_off else ON
            table.add_row(on, *(cells if with_id else cells[:-1]), key=deck.id)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def _show_problems(self) -> None:
        problems = self.library.problems
        self.query_one("#broken-title").display = bool(problems)
        broken = self.query_one("#broken", Static)
        broken.display = bool(problems)
        broken.update(lines(first_problem(error) for error in problems))

    def _update_note(self) -> None:
        total = len(self.library.decks)
        on = sum(1 for deck in self.library.decks if deck.id not in self.switched_off)
        if not total:
            text = "No decks are loaded."
        elif not on:
            text = "Every deck is off: no cards can be dealt. Press space to switch one on."
        else:
            text = (
                f"{on} of {total} decks on · space: on/off · enter: read the cards · "
                "changes apply to the next deal"
            )
        self.query_one("#decks-note", Static).update(text)

    def selected_deck(self) -> Deck | None:
        """The deck under the cursor, if any."""
        table = self.query_one("#decks", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.library.deck(key) if key else None

    def action_switch(self) -> None:
        """Switch the selected deck off, or back on."""
        deck = self.selected_deck()
        if deck is None:
            return
        if not self.switchable:
            self.notify(
                "Decks given with --deck are all played; there is nothing to switch.", markup=False
            )
            return
        enabled = deck.id in self.switched_off
        if enabled:
            self.switched_off.discard(deck.id)
        else:
            self.switched_off.add(deck.id)
        table = self.query_one("#decks", DataTable)
        table.update_cell(deck.id, "on", ON if enabled else OFF)
        self._update_note()
        self.post_message(self.Toggled(deck.id, enabled))
        if enabled and deck.note:
            # What the deck is for, and what it is not for, said as it is switched on.
            self.notify(for_terminal(f"{deck.title}: {deck.note}"), timeout=15, markup=False)

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        """Read the selected deck's cards."""
        deck = self.selected_deck()
        if deck is not None:
            self.app.push_screen(DeckReaderScreen(deck))


def reader_sections(deck: Deck) -> list[tuple[str, list[Card]]]:
    """A deck's cards in reading order: by stage, then depth; closing cards and tips last.

    Wildcards stay with the questions of their depth, as they are dealt among them.
    """
    groups: dict[tuple[int, str, int], list[Card]] = {}
    closing: list[Card] = []
    tips: list[Card] = []
    for card in deck.cards:
        if card.kind is Kind.CLOSING:
            closing.append(card)
        elif card.kind is Kind.TIP:
            tips.append(card)
        else:
            stages = stages_label(card.stages)
            groups.setdefault((stage_key(card.stages), stages, int(card.depth)), []).append(card)
    sections = [
        (f"{stages} · depth {depth} · {depth_label(depth)}", cards)
        for (_, stages, depth), cards in sorted(groups.items())
    ]
    if closing:
        sections.append(("Closing cards", closing))
    if tips:
        sections.append(("Listening tips", tips))
    return sections


def card_text(card: Card) -> Text:
    """One card for reading: its text as typed, marks after it, the follow-up dimmer below."""
    # Built from plain strings, never parsed: card text shows exactly as written.
    text = plain(card.text)
    marks = []
    if card.kind is Kind.ACTION:
        marks.append("wildcard")
    if card.both:
        marks.append("everyone answers")
    if card.minutes:
        marks.append(f"{card.minutes} min")
    if marks:
        text.append(f"  ({', '.join(marks)})", style="dim")
    if card.mature:
        text.append(f"  {MATURE_MARK} mature", style="bold")
    if card.follow_up:
        text.append("\n↳ deeper: ", style="dim italic")
        text.append_text(plain(card.follow_up, style="dim italic"))
    return text


def section_grid(cards: Iterable[Card]) -> Table:
    """A section's cards as bullets with a hanging indent, so wrapped lines stay in line."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for card in cards:
        grid.add_row("•", card_text(card))
    return grid


class DeckReaderScreen(Screen[None]):
    """One deck's cards to read through, grouped by stage and depth."""

    CSS_PATH = "decks.tcss"

    BINDINGS = [Binding("escape", "app.go_back", "Back")]

    def __init__(self, deck: Deck) -> None:
        super().__init__()
        self.deck = deck

    def compose(self) -> ComposeResult:
        deck = self.deck
        counts = deck_counts(deck)
        with VerticalScroll(id="reader"):
            yield Static(plain(deck.title), classes="screen-title")
            about = [
                f"{deck.id} · for {deck.audience.value} · {stages_label(deck.stages)}",
                f"{len(deck.cards)} cards: {sum(counts.questions)} questions, "
                f"{counts.wildcards} wildcards, {counts.closing} closing, {counts.tips} tips"
                + (f", {counts.mature} mature {MATURE_MARK}" if counts.mature else ""),
            ]
            if deck.description:
                about.insert(0, deck.description)
            if deck.optional:
                # What it is for, and not for: said when switched on, and here to read again.
                about.append(f"Optional: off until you switch it on. {deck.note}".rstrip())
            if deck.source is not None and not deck.builtin:
                about.append(str(deck.source))
            yield Static(lines(about), id="reader-about")
            for title, cards in reader_sections(deck):
                yield Static(title, classes="reader-section", markup=False)
                yield Static(section_grid(cards), classes="reader-cards")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reader", VerticalScroll).focus()
