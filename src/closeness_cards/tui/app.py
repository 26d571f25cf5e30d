"""The Textual app: draws the table's events as screens; the table owns the session."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import Provider
from textual.dom import DOMNode
from textual.notifications import Notify, SeverityLevel
from textual.screen import Screen

from closeness_cards.core.game import GameError
from closeness_cards.core.safe_text import for_terminal
from closeness_cards.table.setup import Choices, with_remembered_names
from closeness_cards.text import words
from closeness_cards.text.keys import APP_KEYS
from closeness_cards.tui.notices import NoticeBoard
from closeness_cards.tui.themes import keep_theme, tuned_variables

if TYPE_CHECKING:
    from closeness_cards.core.library import Library
    from closeness_cards.core.session import Session
    from closeness_cards.table import CheckInAsked, Event, Ports, SetBreak, Table
    from closeness_cards.tui.screens.decks import DecksScreen

# Screens are imported when first shown, and the table (the engine, the decks) when first
# needed: the setup screen's first frame waits for nothing it does not draw.


def _cards_commands() -> type[Provider]:
    from closeness_cards.tui.commands import CardsCommands  # loaded when the palette opens

    return CardsCommands


def restart_collector() -> None:
    """Turn the garbage collector back on, keeping what start-up made out of its way."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


MIN_WIDTH = 60
MIN_HEIGHT = 20
HEARTBEAT_SECONDS = 30.0
"""How often a window renews its claim on the session it has open."""

SetupChoices = Choices
"""What the setup screen starts with."""
TableBuilder = Callable[[], "Table"]
"""Builds the table (loads the decks) when the game first needs it."""


class CardsApp(App[int]):
    """closeness-cards: a conversation-card game."""

    CSS_PATH = "app.tcss"
    TITLE = "closeness-cards"
    BINDINGS = [
        Binding(
            key.bind,
            key.action,
            key.label,
            show=key.footer,
            priority=key.id == "quit",
            tooltip=key.help,
            id=key.id,
        )
        for key in APP_KEYS
        if key.id in ("quit", "help", "favourites", "history", "decks")
    ]
    COMMANDS = {_cards_commands}
    """One provider lists every command, in one fixed order (Textual's own, Quit among them,
    came first or second as it happened); Keys and Maximize are a programmer's tools that
    help (?) and the screens already cover."""

    def __init__(
        self,
        table: Table | TableBuilder,
        *,
        choices: Choices | None = None,
        defaults: Choices | None = None,
        ports: Ports | None = None,
    ) -> None:
        """Args:
        table: The table this window plays at, or what builds it when first needed (the
            setup screen draws its first frame before the decks are loaded).
        choices: Deal these at once (from --stage); None opens the setup screen.
        defaults: What the setup screen starts with.
        ports: The table's ports; needed when ``table`` is a builder (the theme and the
            names of last time are read before the first frame).
        """
        super().__init__()
        if callable(table):
            if ports is None:
                raise ValueError("a table built later needs its ports now")
            self._table: Table | None = None
            self._build: TableBuilder | None = table
        else:
            self._table, self._build = table, None
            ports = table.ports
        self.ports: Ports = ports
        self.choices = with_remembered_names(defaults or Choices(), ports.preferences.players())
        self._first_choices = choices
        self._notices_shown = 0
        self._notice_board = NoticeBoard()

    @property
    def table(self) -> Table:
        """The table this window plays at (built, and the decks loaded, on first use)."""
        if self._table is None:
            assert self._build is not None
            self._table = self._build()
            self._build = None
        return self._table

    @property
    def table_built(self) -> bool:
        """Whether the table exists yet (its decks are loaded)."""
        return self._table is not None

    @property
    def library(self) -> Library:
        """Every loaded deck."""
        return self.table.library

    @property
    def session(self) -> Session | None:
        """The session on the table (read only: the table owns it)."""
        return self.table.session

    @property
    def switchable(self) -> bool:
        """Whether the players' deck switches apply (not to decks given with --deck)."""
        return self.table.switchable

    def get_css_variables(self) -> dict[str, str]:
        """The current theme's variables, with the game's changes to Textual's own themes."""
        # Textual calls this whenever the theme changes (and once before the first frame).
        variables = tuned_variables(self.current_theme.name, super().get_css_variables())
        self.theme_variables = variables
        return variables

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        """Restyle ``node`` and what is below it, unless it is not in the DOM yet.

        Textual restyles a widget whenever a class or a styled reactive changes, also in its
        constructor, before it is mounted; mounting styles it again from scratch. Those first
        restyles were a fifth of the setup screen's first frame.
        """
        if node is not self and not node.is_attached:
            return
        super().update_styles(node, animate)

    def on_mount(self) -> None:
        self.call_after_refresh(restart_collector)
        keep_theme(self, self.ports.preferences)
        self.set_interval(HEARTBEAT_SECONDS, self._heartbeat)
        # The default screen stays underneath as the table's cloth; the game's screens are
        # pushed and switched above it, so any of them can be replaced by the next.
        if self._first_choices is not None:
            from closeness_cards.table.setup import options_from
            from closeness_cards.tui.screens.play import PlayScreen

            if not self._table_ready():
                return
            try:
                events = self.table.start(options_from(self._first_choices))
            except GameError as error:
                self.notify(
                    f"Can't deal: {words.game_error(error)}.", severity="error", markup=False
                )
            else:
                self.push_screen(PlayScreen(self.table))
                self.handle(events)
                self._say_if_crowded(self._first_choices)
                return
            self.push_screen(self._setup_screen())
            self.offer_resume()
            return
        self.push_screen(self._setup_screen())
        # The setup screen draws first; then the decks load, and a session that never
        # finished is offered over it (this callback runs after its first refresh).
        self.call_after_refresh(self._after_setup_drawn)

    def _after_setup_drawn(self) -> None:
        if self._table_ready():
            self.offer_resume()

    def _table_ready(self) -> bool:
        """Build the table (load the decks) and say what went wrong loading them.

        Returns False, after closing the game with the reason, when the decks cannot be
        loaded at all.
        """
        try:
            table = self.table
        except Exception as error:  # e.g. no deck could be loaded: nothing to deal from
            from rich.text import Text

            self.exit(return_code=2, message=Text(for_terminal(f"closeness-cards: {error}")))
            return False
        skipped = words.skipped_decks(table.library.problems, "F4 lists them all")
        if skipped:  # one notice, however many files are broken
            self.notify(
                "\n".join(for_terminal(line) for line in skipped),
                severity="warning",
                timeout=10,
                markup=False,
            )
        self.show_notices()
        return True

    def _heartbeat(self) -> None:
        if self._table is not None:
            self._table.heartbeat()

    async def action_quit(self) -> None:
        """ctrl+q: let go of the session (it stays resumable, nothing is lost), then quit."""
        if self._table is not None:
            self._table.leave()
        await super().action_quit()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notice by the game's rule (tui/notices.py): one routine notice at a time,
        a few seconds long; warnings and errors stay their time. Screens' notices come here."""
        notice = self._notice_board.make(
            message, title=title, severity=severity, timeout=timeout, markup=markup
        )
        self.post_message(Notify(notice))

    def clear_routine_notices(self) -> None:
        """Take down the routine notices: a new card came, and they were the last card's."""
        self._notice_board.clear_routine()
        self._refresh_notifications()  # now: no notice of its own may come to redraw them

    def action_command_palette(self) -> None:
        """ctrl+p: routine notices go (nothing covers the search box), then the palette."""
        self._notice_board.clear_routine()
        super().action_command_palette()

    def show_notices(self) -> None:
        """Show each new notice about keeping (history off, a file set aside) once."""
        notices = self.ports.notices
        for notice in notices[self._notices_shown :]:
            self.notify(for_terminal(notice), severity="warning", timeout=10, markup=False)
        self._notices_shown = len(notices)

    def handle(self, events: Iterable[Event]) -> None:
        """The table's events that change screens: a set pause, a check-in, the summary."""
        from closeness_cards.table.events import CheckInAsked, SessionOver, SetBreak

        for event in events:
            if isinstance(event, SetBreak):
                from closeness_cards.tui.screens.pause import PauseScreen

                self.push_screen(PauseScreen(*words.set_break(*_set(event))))
            elif isinstance(event, CheckInAsked):
                self._check_in(event)
            elif isinstance(event, SessionOver):
                from closeness_cards.tui.screens.summary import SummaryScreen

                self._back_to_table()
                self.switch_screen(SummaryScreen(event, self.table.session_players()))
        self.show_notices()

    def _check_in(self, event: CheckInAsked) -> None:
        from closeness_cards.tui.screens.checkin import CheckInScreen
        from closeness_cards.tui.screens.play import PlayScreen

        def checked_in(values: dict[str, int | None] | None) -> None:
            events = self.table.check_in(values or {})
            if isinstance(self.screen, PlayScreen):  # before: the first card comes
                self.screen.render_events(events)
            else:
                self.handle(events)

        self.push_screen(CheckInScreen(event.players, event.moment), checked_in)

    def offer_resume(self) -> None:
        """If the last session never finished, offer to pick it up where it stopped."""
        from closeness_cards.tui.screens.confirm import ConfirmScreen

        unfinished = self.table.unfinished()
        if unfinished is None:
            where = self.table.playing_elsewhere()
            if where:
                self.notify(for_terminal(words.playing_elsewhere(where)), timeout=10, markup=False)
            return
        question = (
            f"{words.unfinished_question(unfinished.players, unfinished.stage)} "
            "Pick it up at the card where it stopped?"
        )

        def answered(resume: bool | None) -> None:
            if resume:
                self.resume_session()
            elif resume is False:  # "Close it"; escape is "not now": it stays unfinished
                self.table.abandon(unfinished)

        self.push_screen(ConfirmScreen(question, yes="Resume", no="Close it"), answered)

    def resume_session(self) -> None:
        """Go back to the table of an interrupted session, on the card where it stopped."""
        from closeness_cards.table.resuming import CannotResume
        from closeness_cards.tui.screens.play import PlayScreen

        unfinished = self.table.unfinished()
        if unfinished is None:
            self.notify("There is no unfinished session to resume.", timeout=4, markup=False)
            return
        try:
            events = self.table.resume(unfinished)
        except CannotResume as error:
            self.notify(
                for_terminal(words.cannot_resume(error.why, error.where, error.decks)),
                severity="warning",
                markup=False,
            )
            return
        session = self.table.session
        if session is not None:
            from closeness_cards.table.setup import choices_from

            # The next setup starts from the table resumed, as after one dealt here.
            self.choices = choices_from(
                session.deal.options,
                opening=self.choices.opening,
                check_in=self.choices.check_in,
            )
        self._back_to_table()
        self.switch_screen(PlayScreen(self.table))
        self.handle(events)

    def _setup_screen(self) -> Screen[None]:
        from closeness_cards.tui.screens.setup import SetupScreen

        return SetupScreen(self.choices)

    def start_session(self, choices: Choices) -> None:
        """Deal a new session from the setup screen's choices; the check-in comes first."""
        from closeness_cards.table.setup import options_from
        from closeness_cards.tui.screens.play import PlayScreen

        try:
            events = self.table.start(options_from(choices), check_in=choices.check_in)
        except GameError as error:
            self.notify(f"Can't deal: {words.game_error(error)}.", severity="error", markup=False)
            return
        self.choices = choices
        self.switch_screen(PlayScreen(self.table, begin=events, opening=choices.opening))
        self._say_if_crowded(choices)

    def _say_if_crowded(self, choices: Choices) -> None:
        crowded = words.crowded_stage(choices.stage.value, len(choices.players))
        if crowded is not None:
            self.notify(crowded, timeout=8, markup=False)

    def show_setup(self) -> None:
        """Back to the setup screen for a new session."""
        self.table.leave()
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

    def action_save_picture(self) -> None:
        """Save the screen as an SVG in the data folder, and say where (it needs no ~/Downloads)."""
        from closeness_cards.table.records import data_dir, ensure_private_dir

        try:
            path = self.save_screenshot(path=str(ensure_private_dir(data_dir())))
        except OSError as error:
            self.notify(for_terminal(f"Could not save the picture: {error}"), markup=False)
            return
        self.notify(for_terminal(f"Saved the picture as {path}"), timeout=15, markup=False)

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

        session = self.table.session
        if session is None or session.finished:
            leave()
            return
        question = (
            "Leave this session for a new one? It stays unfinished: "
            "you can resume it from the palette (ctrl+p)."
        )
        self.push_screen(ConfirmScreen(question, yes="New session", no="Stay"), leave)

    def action_resume(self) -> None:
        """Pick up the session that stopped before its end."""
        self.resume_session()

    def action_decks(self) -> None:
        """Every deck: switch them on and off, read their cards."""
        from closeness_cards.core.library import switched_off
        from closeness_cards.tui.screens.decks import DecksScreen

        if isinstance(self.screen, DecksScreen):
            return
        off = switched_off(self.library.decks, self.table.ports.preferences.deck_switches())
        self.push_screen(DecksScreen(self.library, off, switchable=self.switchable))

    def on_decks_screen_toggled(self, event: DecksScreen.Toggled) -> None:
        self.table.ports.preferences.set_deck_enabled(event.deck_id, event.enabled)

    def action_export(self) -> None:
        """Save favourites and history as Markdown in the data folder."""
        from closeness_cards.table.records import write_markdown_export

        if not self.table.kept:
            notices = self.table.notices
            message = notices[-1] if notices else "History is off: there is nothing to export."
            self.notify(for_terminal(message), severity="warning", markup=False)
            return
        try:
            path = write_markdown_export(self.table.clock())
        except Exception as error:
            self.notify(for_terminal(f"Could not export: {error}"), severity="error", markup=False)
            return
        self.notify(
            for_terminal(f"Saved your favourites and history as {path}"), timeout=30, markup=False
        )

    def action_help(self) -> None:
        from closeness_cards.core.cards import Kind
        from closeness_cards.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            tips = (card.text for card in self.library.cards if card.kind is Kind.TIP)
            self.push_screen(HelpScreen(tips))


def _set(event: SetBreak) -> tuple[int, int, Any]:
    return event.set_number, event.sets, event.depth


def run_app(
    table: Table | TableBuilder,
    *,
    choices: Choices | None,
    defaults: Choices,
    ports: Ports | None = None,
) -> int:
    """Run the TUI until the players quit; return the exit code (1 after a crash)."""
    app = CardsApp(table, choices=choices, defaults=defaults, ports=ports)
    app.run()
    if app.table_built:
        app.table.leave()
    # Textual sets the return code to 1 when the app ended on an unhandled exception.
    return app.return_code or 0
