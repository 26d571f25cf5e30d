"""The Textual app: owns the engine, the journal and the screens."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.screen import Screen

from closeness_cards.core.cards import Kind
from closeness_cards.core.game import GameError, Options, new_seed, plan_deal
from closeness_cards.core.library import Library, switched_off
from closeness_cards.core.session import Session
from closeness_cards.journal import Journal, utc_now
from closeness_cards.plain_setup import SetupDefaults, defaults_from_args
from closeness_cards.store.db import StoreError
from closeness_cards.tui.screens.play import PlayScreen
from closeness_cards.tui.themes import keep_theme

if TYPE_CHECKING:
    from closeness_cards.tui.screens.decks import DecksScreen

# Screens other than the table are imported when first shown: the first frame waits for
# nothing it does not draw.


def _cards_commands() -> type[Provider]:
    from closeness_cards.tui.commands import CardsCommands  # loaded when the palette opens

    return CardsCommands


MIN_WIDTH = 60
MIN_HEIGHT = 20


SetupChoices = SetupDefaults
"""What the setup screen starts with."""


class CardsApp(App[int]):
    """closeness-cards: a conversation-card game."""

    CSS_PATH = "app.tcss"
    TITLE = "closeness-cards"
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", priority=True, show=False, tooltip="Quit now; nothing is lost"
        ),
        Binding("question_mark", "help", "Help", tooltip="Rules and keys"),
        Binding("f2", "favourites", "Favourites", show=False, tooltip="Favourite and hidden cards"),
        Binding("f3", "history", "History", show=False, tooltip="Past sessions"),
        Binding("f4", "decks", "Decks", show=False, tooltip="Switch decks on and off; read them"),
    ]
    COMMANDS = App.COMMANDS | {_cards_commands}

    def __init__(
        self,
        library: Library,
        *,
        journal: Journal,
        options: Options | None = None,
        choices: SetupChoices | None = None,
        clock: Callable[[], datetime] = utc_now,
        switchable: bool = True,
    ) -> None:
        super().__init__()
        self.library = library
        self.switchable = switchable
        """Whether the players' deck switches apply (not to decks given with --deck)."""
        self.journal = journal
        self.clock = clock
        self.choices = choices or SetupChoices()
        self.session: Session | None = None
        self.closeness_before: dict[str, int | None] | None = None
        """The check-in before this session; None when it was not asked (then after is not)."""
        self._first_options = options

    def on_mount(self) -> None:
        from closeness_cards.cli import restart_collector

        self.call_after_refresh(restart_collector)
        keep_theme(self, self.journal)
        for error in self.library.problems:
            self.notify(
                f"A deck was skipped: {error}", severity="warning", timeout=10, markup=False
            )
        if self.journal.notice:
            self.notify(self.journal.notice, severity="warning", timeout=10, markup=False)
        # The default screen stays underneath as the table's cloth; the game's screens are
        # pushed and switched above it, so any of them can be replaced by the next.
        if self._first_options is not None:
            try:
                self.push_screen(PlayScreen(self._new_session(self._first_options)))
                return
            except GameError as error:
                self.notify(f"Can't deal: {error}.", severity="error")
        self.push_screen(self._setup_screen())
        self.offer_resume()

    def offer_resume(self) -> None:
        """If the last session never finished, offer to pick it up where it stopped."""
        from closeness_cards.store.export import format_players
        from closeness_cards.tui.screens.confirm import ConfirmScreen

        unfinished = self.journal.unfinished()
        if unfinished is None:
            return
        item = unfinished.summary
        question = (
            f"The last session ({format_players(item.players)}, {item.stage}) did not finish. "
            f"Pick it up at the card where it stopped?"
        )

        def answered(resume: bool | None) -> None:
            if resume:
                self.resume_session(
                    unfinished.summary.id, unfinished.plan_json, unfinished.position
                )
            else:
                self.journal.abandon(unfinished.summary.id)

        self.push_screen(ConfirmScreen(question, yes="Resume", no="Close it"), answered)

    def resume_session(self, session_id: int, plan_json: str, position: int) -> None:
        """Go back to the table of an interrupted session, on the card where it stopped."""
        from closeness_cards.core.plan import resume

        try:
            session = resume(plan_json, position, self.library, self.clock)
        except ValueError as error:
            self.notify(f"That session cannot be resumed: {error}", severity="warning")
            self.journal.abandon(session_id)
            return
        self.session = session
        self.journal.adopt(session_id)
        if session.finished:
            self.finish_session()
            return
        self.switch_screen(PlayScreen(session))

    def _setup_screen(self) -> Screen[None]:
        from closeness_cards.tui.screens.setup import SetupScreen

        return SetupScreen(self.choices)

    def dealt_library(self) -> Library:
        """The decks sessions deal from: all given with --deck, else those switched on."""
        return self.journal.switched_on(self.library) if self.switchable else self.library

    def _new_session(self, options: Options) -> Session:
        deal = plan_deal(
            self.dealt_library().cards,
            options,
            seen=self.journal.seen(options.players),
            hidden=self.journal.hidden(),
        )
        session = Session(deal, self.clock)
        self.session = session
        self.journal.start(session)
        return session

    def start_session(self, choices: SetupChoices) -> None:
        """Deal a new session from the setup screen's choices and go to the table."""
        options = Options(
            players=choices.players,
            stage=choices.stage,
            shape=choices.shape,
            depth=choices.depth,
            seed=choices.seed if choices.seed is not None else new_seed(),
            mature=choices.mature,
            wildcards=choices.wildcards,
            everyone=choices.everyone,
            passes=choices.passes,
        )
        try:
            session = self._new_session(options)
        except GameError as error:
            self.notify(f"Can't deal: {error}.", severity="error")
            return
        self.choices = choices
        self.check_in_before(session, opening=choices.opening)

    def check_in_before(self, session: Session, *, opening: bool) -> None:
        """Ask each player how close they feel, then go to the table."""
        from closeness_cards.tui.screens.checkin import CheckInScreen

        def checked_in(values: dict[str, int | None] | None) -> None:
            self.closeness_before = values or {}
            self.journal.record_checkins("before", self.closeness_before)
            self.switch_screen(PlayScreen(session, opening=opening))

        self.push_screen(CheckInScreen(session.deal.options.players, "before"), checked_in)

    def pause_between_sets(self) -> None:
        """Show the pause before the next set of a three-set session."""
        from closeness_cards.tui.screens.pause import PauseScreen

        if self.session is not None and self.session.current is not None:
            step = self.session.current
            self.push_screen(PauseScreen(step.set_number, step.card.depth))

    def finish_session(self) -> None:
        """The session is over: record it, ask how close everyone feels now, show the summary."""
        from closeness_cards.tui.screens.checkin import CheckInScreen, closeness_line
        from closeness_cards.tui.screens.summary import SummaryScreen

        session = self.session
        if session is None:
            return
        self.journal.finish(session)
        revisits = self.journal.revisit_texts(session)
        before = self.closeness_before
        if before is None:
            self.switch_screen(SummaryScreen(session.summary(), revisits))
            return
        players = session.deal.options.players

        def checked_in(values: dict[str, int | None] | None) -> None:
            after = values or {}
            self.journal.record_checkins("after", after)
            closeness = closeness_line(players, before, after)
            self.switch_screen(SummaryScreen(session.summary(), revisits, closeness))

        self.push_screen(CheckInScreen(players, "after"), checked_in)

    def show_setup(self) -> None:
        """Back to the setup screen for a new session."""
        self.session = None
        self.closeness_before = None
        self.switch_screen(self._setup_screen())

    def on_resize(self, event: events.Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        showing = type(self.screen).__name__ == "TooSmallScreen"
        if small and not showing:
            from closeness_cards.tui.screens.ritual import TooSmallScreen

            self.push_screen(TooSmallScreen())
        elif showing and not small:
            self.pop_screen()

    def action_go_back(self) -> None:
        """Close the screen on top and go back to the one beneath."""
        if len(self.screen_stack) > 2:
            self.pop_screen()

    def action_favourites(self) -> None:
        from closeness_cards.tui.screens.favourites import FavouritesScreen

        if not isinstance(self.screen, FavouritesScreen):
            self.push_screen(FavouritesScreen())

    def action_history(self) -> None:
        from closeness_cards.tui.screens.history import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Our palette has its own Theme entry; Textual's would list it twice.
        return (c for c in super().get_system_commands(screen) if c.title != "Theme")

    def _back_to_table(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def action_new_session(self) -> None:
        """Go to the setup screen; a session under way stays unfinished, to resume later."""
        from closeness_cards.tui.screens.confirm import ConfirmScreen

        def leave(sure: bool | None = True) -> None:
            if sure:
                self._back_to_table()
                self.show_setup()

        if self.session is None or self.session.finished:
            leave()
            return
        question = (
            "Leave this session for a new one? It stays unfinished: "
            "you can resume it from the palette (ctrl+p)."
        )
        self.push_screen(ConfirmScreen(question, yes="New session", no="Stay"), leave)

    def action_resume(self) -> None:
        """Pick up the session that stopped before its end."""
        unfinished = self.journal.unfinished()
        if unfinished is None:
            self.notify("There is no unfinished session to resume.", timeout=4)
            return
        self._back_to_table()
        summary = unfinished.summary
        self.resume_session(summary.id, unfinished.plan_json, unfinished.position)

    def action_decks(self) -> None:
        """Every deck: switch them on and off, read their cards."""
        from closeness_cards.tui.screens.decks import DecksScreen

        if isinstance(self.screen, DecksScreen):
            return
        off = switched_off(self.library.decks, self.journal.deck_switches())
        self.push_screen(DecksScreen(self.library, off, switchable=self.switchable))

    def on_decks_screen_toggled(self, event: DecksScreen.Toggled) -> None:
        self.journal.set_deck_enabled(event.deck_id, event.enabled)

    def action_export(self) -> None:
        """Save favourites and history as Markdown in the data folder."""
        from closeness_cards.tui.commands import write_markdown_export

        db = self.journal.db
        if db is None:
            message = self.journal.notice or "History is off: there is nothing to export."
            self.notify(message, severity="warning", markup=False)
            return
        try:
            path = write_markdown_export(db, self.clock())
        except (OSError, StoreError, sqlite3.Error) as error:
            self.notify(f"Could not export: {error}", severity="error", markup=False)
            return
        self.notify(f"Exported to {path}", timeout=10, markup=False)

    def action_help(self) -> None:
        from closeness_cards.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            tips = (card.text for card in self.library.cards if card.kind is Kind.TIP)
            self.push_screen(HelpScreen(tips))


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
    choices = defaults_from_args(defaults)
    app = CardsApp(
        library, journal=journal, options=options, choices=choices, switchable=not deck_paths
    )
    try:
        result = app.run()
    finally:
        journal.close()
    return result if isinstance(result, int) else 0
