"""Who sits at this screen: the player picks their name, and only a name nobody sits as."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from closeness_cards.table.seating import Seating
from closeness_cards.table.shared import NotShared
from closeness_cards.text import seats
from closeness_cards.tui.safe import plain


class PickScreen(Screen[str]):
    """Who sits here: the player picks their name from the table's players (or its number).

    Names that another screen sits as are marked and refused, and the list follows the
    others as they sit down and leave. Picking a name claims its seat, so no two screens
    sit as one player.
    """

    BINDINGS = [Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 9)]
    LOOK_SECONDS = 0.5
    """How often the picker looks who sits where (a seat whose screen died frees itself
    unseen: no commit tells of it)."""

    def __init__(self, seating: Seating, note: str = "") -> None:
        """Args:
        seating: Who sits where at this table, as this screen takes part in it.
        note: A word for the player as the picker opens (why they are back at it).
        """
        super().__init__()
        self.seating = seating
        self.players = seating.shared.players
        self.note = note
        self.taken: tuple[str, ...] = ()
        """The names other screens sit as, at the last look."""
        self.done = False
        """Sat down already: a name pressed twice in a hurry must not sit twice."""

    def compose(self) -> ComposeResult:
        with Center(id="pick-row"), Vertical(id="pick"):
            yield Static("Who is sitting here?", id="pick-title")
            for index in range(len(self.players)):
                yield Button(self._label(index), id=f"player-{index}", classes="player")
            yield Static(id="pick-note")
            yield Static(seats.TAKEN_HINT, id="pick-hint", markup=False)

    def on_mount(self) -> None:
        self._say(self.note)
        self.query_one("#pick-hint", Static).display = False
        self.look()
        self.set_interval(self.LOOK_SECONDS, self.look)

    def look(self) -> None:
        """Mark the names other screens sit as now."""
        try:
            taken = self.seating.sitting()
        except NotShared as error:
            self._say(str(error))
            return
        if taken == self.taken:
            return
        self.taken = taken
        for index, name in enumerate(self.players):
            button = self.query_one(f"#player-{index}", Button)
            button.disabled = name in taken
            button.label = self._label(index)
        self.query_one("#pick-hint", Static).display = bool(taken)

    @on(Button.Pressed, ".player")
    def picked(self, event: Button.Pressed) -> None:
        self.action_pick(int(str(event.button.id).rsplit("-", 1)[1]))

    def action_pick(self, index: int) -> None:
        """The player with this number sits here, unless another screen sits as them."""
        if self.done or not 0 <= index < len(self.players):
            return
        name = self.players[index]
        if name in self.taken:
            self._say(seats.already_sitting(name))
            return
        try:
            sat = self.seating.sit(name)
        except NotShared as error:
            self._say(str(error))
            return
        if not sat:  # another screen sat down as them a moment ago
            self._say(seats.just_taken(name))
            self.look()
            return
        self.done = True
        self.dismiss(name)

    def _label(self, index: int) -> Text:
        name = self.players[index]
        label = Text.assemble(f"{index + 1}  ", plain(name))
        if name in self.taken:
            label.append(f"  {seats.SITTING}")
        return label

    def _say(self, words: str) -> None:
        note = self.query_one("#pick-note", Static)
        note.update(plain(words))
        note.display = bool(words)
