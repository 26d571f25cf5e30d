"""The Textual app: owns the engine, the journal and the screens."""

from __future__ import annotations

import argparse
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import DepthPlan, GameError, Options, Shape, plan_deal
from closeness_cards.core.library import Library
from closeness_cards.core.session import Session
from closeness_cards.journal import Journal, utc_now
from closeness_cards.tui.screens.help import HelpScreen
from closeness_cards.tui.screens.pause import PauseScreen
from closeness_cards.tui.screens.play import PlayScreen
from closeness_cards.tui.screens.setup import SetupScreen
from closeness_cards.tui.screens.summary import SummaryScreen


@dataclass(frozen=True)
class SetupChoices:
    """What the setup screen starts with."""

    players: tuple[str, ...] = ("Player 1", "Player 2")
    stage: Stage = Stage.DATING
    shape: Shape = Shape.QUICK
    depth: DepthPlan = DepthPlan.RISE
    wildcards: bool = True
    everyone: bool = False
    mature: bool = False
    passes: int = 3
    seed: int | None = None


class CardsApp(App[int]):
    """closeness-cards: a conversation-card game."""

    CSS_PATH = "app.tcss"
    TITLE = "closeness-cards"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Quit now; nothing is lost"),
        Binding("question_mark", "help", "Help", tooltip="Rules and keys"),
    ]

    def __init__(
        self,
        library: Library,
        *,
        journal: Journal,
        options: Options | None = None,
        choices: SetupChoices | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__()
        self.library = library
        self.journal = journal
        self.clock = clock
        self.choices = choices or SetupChoices()
        self.session: Session | None = None
        self._first_options = options

    def on_mount(self) -> None:
        # The default screen stays underneath as the table's cloth; the game's screens are
        # pushed and switched above it, so any of them can be replaced by the next.
        first: Screen[None] = SetupScreen(self.choices)
        if self._first_options is not None:
            try:
                first = PlayScreen(self._new_session(self._first_options))
            except GameError as error:
                self.notify(f"Can't deal: {error}.", severity="error")
        self.push_screen(first)
        for error in self.library.problems:
            self.notify(f"A deck was skipped: {error}", severity="warning", timeout=10)
        if self.journal.notice:
            self.notify(self.journal.notice, severity="warning", timeout=10)

    def _new_session(self, options: Options) -> Session:
        deal = plan_deal(
            self.library.cards,
            options,
            seen=self.journal.seen(options.players),
            hidden=self.journal.hidden(),
        )
        session = Session(deal, self.clock)
        self.session = session
        self.journal.start(session)
        return session

    def start_session(
        self,
        *,
        players: tuple[str, ...],
        stage: Stage,
        shape: Shape,
        depth: DepthPlan,
        wildcards: bool,
        everyone: bool,
        mature: bool,
    ) -> None:
        """Deal a new session from the setup screen's choices and go to the table."""
        seed = self.choices.seed if self.choices.seed is not None else secrets.randbelow(2**31)
        options = Options(
            players=players, stage=stage, shape=shape, depth=depth, seed=seed,
            mature=mature, wildcards=wildcards, everyone=everyone, passes=self.choices.passes,
        )
        try:
            session = self._new_session(options)
        except GameError as error:
            self.notify(f"Can't deal: {error}.", severity="error")
            return
        self.choices = SetupChoices(players, stage, shape, depth, wildcards, everyone, mature,
                                    self.choices.passes)
        self.switch_screen(PlayScreen(session))

    def pause_between_sets(self) -> None:
        """Show the pause before the next set of a three-set session."""
        if self.session is not None and self.session.current is not None:
            step = self.session.current
            self.push_screen(PauseScreen(step.set_number, step.card.depth))

    def finish_session(self) -> None:
        """The session is over: record it and show the summary."""
        session = self.session
        if session is None:
            return
        self.journal.finish(session)
        revisits = self.journal.revisit_texts(session)
        self.switch_screen(SummaryScreen(session.summary(), revisits))

    def show_setup(self) -> None:
        """Back to the setup screen for a new session."""
        self.session = None
        self.switch_screen(SetupScreen(self.choices))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def run_app(
    *,
    library: Library,
    options: Options | None,
    defaults: argparse.Namespace,
    history: bool,
    deck_paths: tuple[object, ...] = (),
) -> int:
    """Run the TUI until the players quit; return the exit code."""
    journal = Journal.open(enabled=history)
    choices = SetupChoices(
        players=tuple(defaults.players) if defaults.players else SetupChoices.players,
        stage=Stage(defaults.stage) if defaults.stage else Stage.DATING,
        shape=Shape(defaults.shape),
        depth=DepthPlan(defaults.depth),
        wildcards=defaults.wildcards,
        everyone=defaults.everyone,
        mature=defaults.mature,
        passes=defaults.passes,
        seed=defaults.seed,
    )
    app = CardsApp(library, journal=journal, options=options, choices=choices)
    try:
        result = app.run()
    finally:
        journal.close()
    return result if isinstance(result, int) else 0
