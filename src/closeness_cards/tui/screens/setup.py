"""The setup screen: who is playing, the relationship stage, and the shape of the session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Static

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import (
    MAX_PLAYERS,
    MIN_PLAYERS,
    NAME_MAX,
    DepthPlan,
    GameError,
    Shape,
    check_players,
)
from closeness_cards.text import words
from closeness_cards.text.labels import PLAN_LABELS, SHAPE_LABELS, STAGE_LABELS
from closeness_cards.tui.widgets.choice import Choice

if TYPE_CHECKING:
    from closeness_cards.tui.app import CardsApp, SetupChoices


class NameBox(Input):
    """A player's name box. Enter goes on to the next field at once, while the app hands
    out keys, so the keys typed after it (a paste, a fast typist) land in that field: an
    ``Input.Submitted`` handler moves the focus only after the box has taken them."""

    BINDINGS = [Binding("enter", "screen.next_field", show=False, priority=True)]


class SetupScreen(Screen[None]):
    """Choose players, stage, shape and depth, then start."""

    CSS_PATH = "setup.tcss"
    AUTO_FOCUS = ""
    """No focus by Textual's rule (the first focusable widget: the scrolling form, which
    would restyle the whole form as it takes the focus and again as it gives it up); the
    first name box takes it in ``on_mount``."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Start", tooltip="Start the session"),
        Binding("ctrl+n", "add_player", "Add player", priority=True),
    ]
    """ctrl+n is a priority key: run as the app hands it out, not after the name box has
    taken the keys typed after it."""

    app: CardsApp

    def __init__(self, choices: SetupChoices) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        choices = self.choices
        with VerticalScroll(id="setup"):
            yield Static("closeness-cards", id="title")
            yield Static(
                "Take turns with questions that go from light to deep. "
                "Nothing you say is recorded.",
                id="subtitle",
            )
            yield Label("Players")
            with Vertical(id="players"):
                for number, name in enumerate(choices.players, 1):
                    yield self._player_input(number, name)
            with Horizontal(id="player-buttons"):
                yield Button("+ Add player", id="add-player", compact=True)
                yield Button("- Remove", id="remove-player", compact=True)
            yield Label("Where you are together")
            yield Choice(
                [(STAGE_LABELS[stage], stage.value) for stage in Stage],
                value=choices.stage.value,
                allow_blank=False,
                compact=True,
                id="stage",
            )
            yield Label("Length")
            yield Choice(
                [(SHAPE_LABELS[shape], shape.value) for shape in Shape],
                value=choices.shape.value,
                allow_blank=False,
                compact=True,
                id="shape",
            )
            yield Label("Depth")
            yield Choice(
                [(PLAN_LABELS[plan], plan.value) for plan in DepthPlan],
                value=choices.depth.value,
                allow_blank=False,
                compact=True,
                id="depth",
            )
            yield Checkbox(
                "Wildcards: things to do together", choices.wildcards, id="wildcards", compact=True
            )
            yield Checkbox(
                "Everyone answers every card", choices.everyone, id="everyone", compact=True
            )
            yield Checkbox(
                "Include cards about physical intimacy", choices.mature, id="mature", compact=True
            )
            yield Checkbox(
                "Wildcards may ask for touch (a hug, eye contact)",
                choices.touch,
                id="touch",
                compact=True,
            )
            yield Checkbox(
                "Begin with a short opening ritual", choices.opening, id="opening", compact=True
            )
            with Horizontal(id="setup-more"):
                yield Button("Favourites F2", id="open-favourites", compact=True)
                yield Button("History F3", id="open-history", compact=True)
                yield Button("Decks F4", id="open-decks", compact=True)
                yield Button("Help ?", id="open-help", compact=True)
        # Outside the scrolling form, so Start and the reason it refuses are always in view.
        with Vertical(id="setup-actions"):
            yield Static("", id="setup-error", markup=False)
            yield Button("Start  ▶", variant="primary", id="start")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#player-1", Input).focus(scroll_visible=False)  # the form starts at the top

    def _player_input(self, number: int, name: str) -> NameBox:
        placeholder = f"Player {number}"
        return NameBox(
            value="" if name == placeholder else name,
            placeholder=placeholder,
            max_length=NAME_MAX,
            id=f"player-{number}",
            classes="player",
            compact=True,
        )

    def player_names(self) -> list[str]:
        """The names typed, an empty box standing for its placeholder."""
        return [
            box.value.strip() or str(box.placeholder)
            for box in self.query(".player").results(Input)
        ]

    @on(Input.Changed, ".player")
    def spread_pasted_names(self, event: Input.Changed) -> None:
        """Names pasted in one burst with tabs between them ("Ana<Tab>Ben") fill the boxes."""
        if "\t" not in event.value:
            return
        names = [name.strip() for name in event.value.split("\t")]
        boxes = list(self.query(".player").results(Input))
        start = boxes.index(event.input)
        for offset, name in enumerate(names):
            if start + offset >= len(boxes):
                if len(boxes) >= MAX_PLAYERS:
                    break
                box = self._player_input(len(boxes) + 1, "")
                self.query_one("#players", Vertical).mount(box)
                boxes.append(box)
            boxes[start + offset].value = name

    @on(Button.Pressed, "#add-player")
    async def action_add_player(self) -> None:
        """A new name box, focused once it is there: the app waits for this before it hands
        out the next key, so a name typed straight after ctrl+n goes in the new box."""
        boxes = list(self.query(".player").results(Input))
        if len(boxes) >= MAX_PLAYERS:
            self.notify(f"At most {MAX_PLAYERS} players.", timeout=3, markup=False)
            return
        box = self._player_input(len(boxes) + 1, "")
        await self.query_one("#players", Vertical).mount(box)
        self.set_focus(box)

    @on(Button.Pressed, "#remove-player")
    def remove_player(self) -> None:
        boxes = list(self.query(".player").results(Input))
        if len(boxes) <= MIN_PLAYERS:
            self.notify(f"A session needs at least {MIN_PLAYERS} players.", timeout=3, markup=False)
            return
        boxes[-1].remove()

    @on(Button.Pressed, "#open-favourites")
    def open_favourites(self) -> None:
        self.app.action_favourites()

    @on(Button.Pressed, "#open-history")
    def open_history(self) -> None:
        self.app.action_history()

    @on(Button.Pressed, "#open-decks")
    def open_decks(self) -> None:
        self.app.action_decks()

    @on(Button.Pressed, "#open-help")
    def open_help(self) -> None:
        self.app.action_help()

    def action_next_field(self) -> None:
        """Enter in a name box goes on through the form, as in any form: the next name,
        then the stage; Start (or ctrl+s) starts. The focus moves now, not by a message
        (``Widget.focus`` waits for the app's next turn), so the next key goes there."""
        boxes = list(self.query(".player").results(Input))
        focused = self.focused
        if isinstance(focused, NameBox) and focused in boxes[:-1]:
            self.set_focus(boxes[boxes.index(focused) + 1])
            return
        self.set_focus(self.query_one("#stage", Choice))

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        error = self.query_one("#setup-error", Static)
        try:
            players = check_players(self.player_names())
        except GameError as problem:
            error.update(f"Can't start yet: {words.game_error(problem)}.")
            return
        error.update("")
        stage = self.query_one("#stage", Choice).value
        shape = self.query_one("#shape", Choice).value
        depth = self.query_one("#depth", Choice).value
        chosen = self.choices.replace(
            players=players,
            stage=Stage(str(stage)),
            shape=Shape(str(shape)),
            depth=DepthPlan(str(depth)),
            wildcards=self.query_one("#wildcards", Checkbox).value,
            everyone=self.query_one("#everyone", Checkbox).value,
            mature=self.query_one("#mature", Checkbox).value,
            touch=self.query_one("#touch", Checkbox).value,
            opening=self.query_one("#opening", Checkbox).value,
        )
        self.app.start_session(chosen)
