"""The closeness check-in: each player in turn picks how close they feel, 1 to 7, or skips."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from closeness_cards.core.safe_text import for_terminal
from closeness_cards.text import words
from closeness_cards.tui.help_key import help_binding
from closeness_cards.tui.widgets.closeness import VALUES, ClosenessScale
from closeness_cards.tui.widgets.turn import name_text, player_colour

MOMENTS = ("before", "after")
TITLES = {"before": "Before you begin", "after": "After the session"}
HINT = "Press 1–7 or click a pair · ←/→ then enter · s skip · esc skip everyone"
SHORT_HINT = "1–7 or click · ←/→ enter · s skip · esc skip all"
SEAT_HINT = "Press 1–7 or click a pair · ←/→ then enter · s or esc to skip"
SEAT_SHORT_HINT = "1–7 or click · ←/→ enter · s or esc skip"


class CheckInScreen(ModalScreen[dict[str, int | None]]):
    """Ask each player in turn how close they feel; dismissed with ``{player: value or None}``.

    Players are asked one after another and earlier answers are not shown, so nobody's
    number leans on someone else's.
    """

    BINDINGS = [
        *(Binding(str(value), f"choose({value})", show=False) for value in VALUES),
        Binding("s", "skip", "Skip", tooltip="Skip this player's check-in"),
        Binding(
            "escape",
            "ask_skip_all",
            "Skip everyone",
            tooltip="Ask, then skip the check-in for everyone still to answer",
        ),
        help_binding(),
    ]
    """1-7 answer for the player being asked, wherever the focus is; s skips them; escape
    asks before it skips everyone still to answer (it is pressed in a hurry, to close
    something else); ? opens help over the check-in."""

    DEFAULT_CSS = """
    CheckInScreen {
        align: center middle;
    }
    #checkin {
        width: 96;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        border-title-align: center;
        border-title-color: $text-primary;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 1 2;
    }
    #checkin-question { width: 1fr; text-align: center; text-style: bold; }
    #checkin-legend { width: 1fr; text-align: center; color: $text-muted; margin-bottom: 1; }
    #checkin-hint { width: 1fr; text-align: center; color: $text-muted; margin-top: 1; }
    #checkin-buttons { width: 1fr; height: auto; align: center middle; }
    #checkin-buttons Button { margin: 0 1; padding: 0 1; background: $panel; }
    CheckInScreen.-wide #checkin { width: 126; }
    CheckInScreen.-short #checkin { padding: 0 1; }
    CheckInScreen.-short #checkin-legend { margin-bottom: 0; }
    CheckInScreen.-short #checkin-hint { margin-top: 0; }
    """
    """A centred box over the table; at short heights it drops its padding and margins."""

    EVERYONE = True
    """Whether others answer on this screen too: "Skip everyone" and a skip for each name."""
    HINTS = (HINT, SHORT_HINT)
    """The keys, in words: for wide screens, and for narrow ones."""

    def __init__(self, players: tuple[str, ...], moment: str) -> None:
        if moment not in MOMENTS:
            raise ValueError(f"moment must be before or after, got {moment!r}")
        if not players:
            raise ValueError("a check-in needs at least one player")
        super().__init__()
        self.players = players
        self.moment = moment
        self.values: dict[str, int | None] = dict.fromkeys(players)
        self.asking = 0
        """Index of the player being asked."""
        self.done = False
        """Dismissed already: a key pressed twice in a hurry must not close a second screen."""

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin"):
            yield Static(id="checkin-question", markup=False)
            yield Static(id="checkin-legend", markup=False)
            yield ClosenessScale(self.chosen, id="checkin-scale")
            yield Static(self.HINTS[0], id="checkin-hint", markup=False)
            with Horizontal(id="checkin-buttons"):
                yield Button("Skip", id="checkin-skip", compact=True)
                if self.EVERYONE:
                    yield Button("Skip everyone", id="checkin-skip-all", compact=True)

    def on_mount(self) -> None:
        box = self.query_one("#checkin", Vertical)
        box.border_title = Text(f"{TITLES[self.moment]} · closeness check-in")
        self.ask()

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        # Wide terminals get a wider box, so the circles can grow to four lines.
        self.set_class(width >= 130, "-wide")
        self.set_class(height < 24, "-short")
        self.query_one(ClosenessScale).max_lines = 5 if height >= 24 else 3 if height >= 20 else 2
        wide, narrow = self.HINTS
        self.query_one("#checkin-hint", Static).update(wide if width >= 80 else narrow)

    @property
    def player(self) -> str:
        """The player being asked."""
        return self.players[self.asking]

    def ask(self) -> None:
        """Put the question to the current player, with a fresh scale."""
        player = self.player
        others = [name for name in self.players if name != player]
        dark = self.app.current_theme.dark
        other: Text | str = (
            name_text(self.players, others[0], dark=dark) if len(others) == 1 else "the others"
        )
        self.query_one("#checkin-question", Static).update(
            Text.assemble(
                name_text(self.players, player, dark=dark),
                ", how close do you feel to ",
                other,
                " right now?",
            )
        )
        self.query_one("#checkin-legend", Static).update(
            Text.assemble("The left circle is you, the right one is ", other, ".")
        )
        scale = self.query_one(ClosenessScale)
        scale.cursor = None
        theirs = player_colour(self.players, others[0]) if len(others) == 1 else "#a0a0b8"
        scale.colours = (player_colour(self.players, player), theirs)
        scale.focus()
        if len(self.players) > 1:
            self.query_one("#checkin", Vertical).border_subtitle = Text(
                f"{player} · {self.asking + 1} of {len(self.players)}"
            )
        if self.EVERYONE:
            # Names are plain text: a Text label is never read as markup.
            self.query_one("#checkin-skip", Button).label = Text(f"Skip {player}")

    def next_player(self) -> None:
        """On to the next player, or done when everyone has had their turn."""
        if self.asking + 1 >= len(self.players):
            self.finish()
        else:
            self.asking += 1
            self.ask()

    def finish(self) -> None:
        """Close with every player's value, None for those who skipped."""
        if not self.done:
            self.done = True
            self.dismiss(dict(self.values))

    def chosen(self, value: int) -> None:
        """The player being asked chose ``value`` (the scale calls this at once, so keys
        typed in a burst count in the order they were typed)."""
        if not self.done:
            self.values[self.player] = value
            self.next_player()

    def action_choose(self, value: int) -> None:
        """A number key while the scale does not have the focus (the check-in has only just
        opened, or a button has it): it still answers for the player being asked."""
        self.query_one(ClosenessScale).action_choose(value)

    @on(Button.Pressed, "#checkin-skip")
    def action_skip(self) -> None:
        """Skip the player being asked."""
        if not self.done:
            self.values[self.player] = None
            self.next_player()

    def action_ask_skip_all(self) -> None:
        """Escape: ask first, starting on "Go back"; yes skips everyone still to answer."""
        if self.done:
            return
        from closeness_cards.tui.screens.confirm import ConfirmScreen

        still = self.players[self.asking :]
        question = for_terminal(words.skip_check_in_question(still, self.asking))  # names
        yes = "Skip everyone" if len(still) > 1 else "Skip"

        def answered(sure: bool | None) -> None:
            if sure:
                self.action_skip_all()

        self.app.push_screen(
            ConfirmScreen(question, yes=yes, no="Go back", destructive=True), answered
        )

    @on(Button.Pressed, "#checkin-skip-all")
    def action_skip_all(self) -> None:
        """Skip everyone still to answer; what was chosen so far is kept."""
        self.finish()


class SeatCheckInScreen(CheckInScreen):
    """The check-in at one seat of a shared table: only this seat's player answers here.

    The table may go on without this answer (the host goes on without the missing ones, or
    the session ends): ``withdraw`` then closes the dialog, with no answer, as soon as it
    is on top.
    """

    BINDINGS = [Binding("s,escape", "skip", "Skip", tooltip="Skip your check-in")]
    """s or escape skips (in place of asking to skip everyone): nobody else answers at this
    seat. The ? of the terminal's check-in asks the seat's app for help, which it leaves
    to the seat's own keys screen: at a seat ? does nothing here."""

    EVERYONE = False
    HINTS = (SEAT_HINT, SEAT_SHORT_HINT)

    def __init__(self, player: str, moment: str) -> None:
        super().__init__((player,), moment)
        self.withdrawn = False
        """The table went on without this answer: close as soon as this is on top."""

    def withdraw(self) -> None:
        """Close without an answer: the table has gone on without it."""
        self.withdrawn = True
        if self.is_current:
            self._close()

    def on_screen_resume(self) -> None:
        if self.withdrawn:
            self._close()

    def _close(self) -> None:
        if not self.done:
            self.done = True
            self.dismiss(None)
