"""Favourite cards grouped by stage and depth, and hidden cards, each with an undo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from closeness_cards.core.cards import Stage
from closeness_cards.text.labels import STAGE_LABELS, depth_label
from closeness_cards.tui.safe import plain

if TYPE_CHECKING:
    from closeness_cards.tui.app import CardsApp


SHOWN_MAX = 100
"""Rows a list shows: opening it costs about the same at 100 favourites as at 10,000. The rest are
counted under it, with the commands that list them all."""
_STAGE_VALUES = frozenset(stage.value for stage in Stage)


def stage_name(stages: tuple[str, ...]) -> str:
    """The first stage a card fits, as players read it ("any" for every stage)."""
    if len(stages) >= len(Stage):
        return "Any stage"
    known = [Stage(s) for s in stages if s in _STAGE_VALUES]
    return STAGE_LABELS[known[0]] if known else (stages[0] if stages else "")


def more_note(shown: int, total: int, noun: str, command: str) -> str:
    """What a capped list says under it; empty when nothing was left out."""
    if total <= shown:
        return ""
    return (
        f"Showing the first {shown:,} of {total:,} {noun}: "
        f"`closeness-cards {command}` lists them all."
    )


class FavouritesScreen(Screen[None]):
    """Cards kept as favourites, and cards hidden from every deal."""

    CSS_PATH = "lists.tcss"

    BINDINGS = [
        Binding("escape", "app.go_back", "Back"),
        Binding("u,delete", "undo", "Unfavourite / unhide"),
    ]

    app: CardsApp

    def compose(self) -> ComposeResult:
        yield Static("Favourites and hidden cards", classes="screen-title")
        with TabbedContent(id="tabs"):
            with TabPane("Favourites ♥", id="favourites-pane"):
                yield DataTable(id="favourites", cursor_type="row", zebra_stripes=True)
            with TabPane("Hidden cards", id="hidden-pane"):
                yield DataTable(id="hidden", cursor_type="row", zebra_stripes=True)
        yield Static("", id="list-note", markup=False)
        yield Static("", id="preview", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_lists()
        self.query_one("#favourites", DataTable).focus()

    def refresh_lists(self) -> None:
        """Read both lists again from the table's keepsakes."""
        table = self.app.table
        favourites = self.query_one("#favourites", DataTable)
        favourites.clear(columns=True)
        keepsakes = table.ports.keepsakes
        shown = keepsakes.favourites(SHOWN_MAX)
        # Whose a favourite is shows only once someone kept one at a seat: the household's
        # (kept on one screen) have no player, and the list of a household that never
        # hosted looks as it always did.
        whose = any(favourite.player is not None for favourite in shown)
        favourites.add_columns("Stage", "Depth", *(("Kept by",) if whose else ()), "Card")
        self.kept_rows: dict[str, tuple[str, str | None]] = {}
        for favourite in shown:
            depth = depth_label(favourite.depth) if favourite.depth in (1, 2, 3) else ""
            key = favourite.card_id
            if favourite.player is not None:
                key = f"{favourite.card_id}\n{favourite.player}"  # one row per player
            self.kept_rows[key] = (favourite.card_id, favourite.player)
            by = (plain(favourite.player or "everyone"),) if whose else ()
            favourites.add_row(
                plain(stage_name(favourite.stages)),
                depth,
                *by,
                plain(favourite.text),
                key=key,
            )
        hidden = self.query_one("#hidden", DataTable)
        hidden.clear(columns=True)
        hidden.add_columns("Deck", "Card")
        for card in keepsakes.hidden_cards(SHOWN_MAX):
            hidden.add_row(plain(card.deck_id), plain(card.text), key=card.card_id)
        more = [
            more_note(SHOWN_MAX, keepsakes.favourite_count(), "favourites", "favourites"),
            more_note(SHOWN_MAX, keepsakes.hidden_count(), "hidden cards", "export --format json"),
        ]
        note = self.query_one("#list-note", Static)
        if not table.kept:
            note.update(
                plain(table.notices[-1])
                if table.notices
                else "A private session: what you keep here is forgotten when you quit."
            )
        elif not favourites.row_count and not hidden.row_count:
            note.update("Nothing here yet: press f on a card to keep it, x to hide it.")
        else:
            said = " ".join(line for line in more if line)
            note.update(f"Press u to unfavourite or unhide the selected card. {said}".rstrip())

    def shown_table(self) -> DataTable[object]:
        """The list on the tab that is open."""
        tabs = self.query_one(TabbedContent)
        table_id = "favourites" if tabs.active == "favourites-pane" else "hidden"
        return self.query_one(f"#{table_id}", DataTable)

    @on(DataTable.RowHighlighted)
    @on(TabbedContent.TabActivated)
    def show_whole_card(self) -> None:
        """Long cards are cut short in the table: show the open list's card in full."""
        preview = self.query_one("#preview", Static)
        table = self.shown_table()
        if not table.row_count:
            preview.update("")
            return
        row = table.get_row_at(min(table.cursor_row, table.row_count - 1))
        preview.update(plain(row[-1]) if row else "")

    def action_undo(self) -> None:
        table = self.shown_table()
        table_id = table.id
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None:
            return
        if table_id == "favourites":
            card_id, player = self.kept_rows.get(key, (key, None))
            self.app.table.marks.forget_kept(card_id, player)
            self.notify("Removed from favourites.", timeout=2, markup=False)
        else:
            self.app.table.ports.keepsakes.unhide(key)
            self.notify("The card can be dealt again.", timeout=2, markup=False)
        self.refresh_lists()
