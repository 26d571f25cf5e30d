"""Plain mode: the game as lines of text, for screen readers and terminals without full screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TextIO

from closeness_cards.core.cards import Kind, Stage
from closeness_cards.core.game import GameError, Options, Shape, Step, plan_deal
from closeness_cards.core.library import Library
from closeness_cards.core.plan import resume
from closeness_cards.core.session import Play, Session
from closeness_cards.journal import Journal, utc_now
from closeness_cards.plain_setup import SetupDefaults, ask_options, defaults_from_args, folded
from closeness_cards.store.export import format_players
from closeness_cards.wording import summary_lines

__all__ = [
    "ACTIONS",
    "HELP",
    "KEYS",
    "UNKNOWN_KEY",
    "EndOfInput",
    "PlainGame",
    "SetupDefaults",
    "defaults_from_args",
    "progress_line",
    "run_plain",
    "summary_lines",
]

KEYS = "[Enter] done  p pass  d deeper  f favourite  x hide  r revisit  q end  ? help"
HELP = (
    "Enter: the person answering is done; the next person answers, or the next card comes.",
    "p: pass this card, no reason needed. Each player has a few passes.",
    "d: show the card's dig-deeper prompt, if it has one.",
    "f: keep this card among your favourites. Press f again to undo.",
    "x: hide this card for good. Another card is dealt in its place.",
    "r: mark this topic to come back to later. Press r again to undo.",
    "q: end early and go to the closing card. On the closing card, q ends the session.",
    "End of input (Ctrl+D) stops at once. Nothing is lost: the session can be resumed.",
)
_KEYS_FOR = {
    "done": ("",),
    "pass": ("p", "pass"),
    "deeper": ("d", "deeper"),
    "favourite": ("f", "favourite", "favorite"),
    "hide": ("x", "hide"),
    "revisit": ("r", "revisit"),
    "end": ("q", "end"),
    "help": ("?", "h", "help"),
}
ACTIONS = {key: action for action, keys in _KEYS_FOR.items() for key in keys}
"""What each typed line (trimmed, lower case) asks for."""
UNKNOWN_KEY = "Press Enter when done, or type one of p, d, f, x, r, q or ? and Enter."


class EndOfInput(Exception):
    """Standard input ended: the players left; whatever was played is already saved."""


class PlainGame:
    """One run of plain mode: setup questions, the table, and the summary, line by line.

    It plays the same engine and records into the same journal as the TUI; no box drawing,
    colour or cursor movement, one idea per line, so screen readers read it as it comes.
    """

    def __init__(
        self,
        library: Library,
        journal: Journal,
        stdin: TextIO,
        stdout: TextIO,
        clock: Callable[[], datetime],
    ) -> None:
        self.library = library
        self.journal = journal
        self.stdin = stdin
        self.stdout = stdout
        self.clock = clock
        self._echoes = stdin.isatty()
        self._notice_shown: str | None = None

    # Talking and listening.

    def say(self, *lines: str) -> None:
        """Print lines, one idea per line."""
        for line in lines:
            self.stdout.write(line + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        """Print a prompt and read one line (without its newline); raise EndOfInput at EOF."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line or not self._echoes:
            # Nothing echoed a newline (piped input, or Ctrl+D): end the prompt's line here.
            self.stdout.write("\n")
        if not line:
            raise EndOfInput
        return line.rstrip("\r\n")

    def show_notice(self) -> None:
        """Say the journal's notice (history off, a file set aside) once each time it changes."""
        notice = self.journal.notice
        if notice and notice != self._notice_shown:
            self.say(notice)
        self._notice_shown = notice

    # Before the first card.

    def offer_resume(self) -> Session | None:
        """If the last session never finished, offer to pick it up; the resumed session or None."""
        unfinished = self.journal.unfinished()
        if unfinished is None:
            return None
        item = unfinished.summary
        stage = next((s.label for s in Stage if s.value == item.stage), item.stage)
        self.say(f"The last session ({format_players(item.players)}, {stage}) did not finish.")
        while True:
            answer = folded(self.ask("Pick it up where it stopped? [r]esume / [c]lose it: "))
            if answer in ("", "r", "resume", "y", "yes"):
                break
            if answer in ("c", "close", "close it", "n", "no"):
                self.journal.abandon(item.id)
                self.say("Closed. It stays in your history.")
                return None
            self.say("Please type r to resume it or c to close it.")
        try:
            session = resume(unfinished.plan_json, unfinished.position, self.library, self.clock)
        except ValueError as error:
            self.say(f"That session cannot be resumed: {error}")
            self.journal.abandon(item.id)
            return None
        self.journal.adopt(item.id)
        self.say("Picking up where you stopped.")
        return session

    def new_session(self, options: Options) -> Session:
        """Deal a session the way the TUI does (fresh cards first, hidden ones left out)."""
        deal = plan_deal(
            self.library.cards,
            options,
            seen=self.journal.seen(options.players),
            hidden=self.journal.hidden(),
        )
        session = Session(deal, self.clock)
        self.journal.start(session)
        return session

    # At the table.

    def play(self, session: Session) -> None:
        """Play a session to its end, one typed line at a time."""
        if not session.finished:
            self.announce(session)
        while not session.finished:
            step = session.current
            assert step is not None  # not finished
            before = (session.position, step.card.global_id)
            turn = session.turn
            self.act(session, ACTIONS.get(self.ask(KEYS + " > ").strip().casefold()))
            self.show_notice()
            now = session.current
            if now is None:
                break
            if (session.position, now.card.global_id) != before:
                if session.position != before[0] and session.at_set_break:
                    self.pause(now)
                self.announce(session)
            elif session.turn != turn:
                self.say(*self.turn_lines(session, now))
        self.journal.finish(session)
        summary = session.summary()
        self.say("", "Thank you for playing." if summary.finished else "Session ended.")
        self.say(*summary_lines(summary))
        self.say(*(f"To revisit later: {text}" for text in self.journal.revisit_texts(session)))

    def announce(self, session: Session) -> None:
        """Print the card on the table: where we are, who reads, the card, tip and note."""
        step = session.current
        if step is None:
            return
        self.say("", progress_line(session, step))
        if step.together:
            self.say("Everyone does this together.")
        elif len(step.answerers) == 1:
            self.say(f"{step.reader} reads to {step.answerers[0]}.")
        else:
            self.say(f"{step.reader} reads. Everyone answers in turn.")
        self.say(step.card.text)
        if step.card.minutes:
            minutes = step.card.minutes
            self.say(f"Take about {minutes} minute{'s' if minutes != 1 else ''} for this.")
        if len(step.answerers) > 1 and not step.together:
            self.say(*self.turn_lines(session, step, first=True))
        elif step.tip is not None and session.answerer is not None:
            self.say(self.tip_line(session, step))
        if step.fallback is not None:
            self.say(
                f"No more {step.fallback.label} cards for this stage: "
                f"dealing {step.card.depth.label} cards instead."
            )
        if self.journal.is_favourite(step.card):
            self.say("This card is one of your favourites.")

    def turn_lines(self, session: Session, step: Step, *, first: bool = False) -> list[str]:
        """Whose turn it is on a card everyone answers, and the tip for the others."""
        who = session.answerer
        if who is None:
            return []
        lines = [f"{who} answers first." if first else f"Now {who} answers."]
        if step.tip is not None:
            lines.append(self.tip_line(session, step))
        return lines

    def tip_line(self, session: Session, step: Step) -> str:
        """The listening tip, addressed to everyone but the person answering."""
        tip = step.tip.text if step.tip is not None else ""
        return f"While {session.answerer} answers, {format_players(session.listeners)}: {tip}"

    def act(self, session: Session, action: str | None) -> None:
        """Do what the players typed."""
        step = session.current
        assert step is not None
        card = step.card
        if action == "done":
            self.record(session, session.done())
        elif action == "pass":
            self.pass_card(session, step)
        elif action == "deeper":
            self.say(
                f"Dig deeper: {card.follow_up}"
                if card.follow_up
                else "This card has no dig-deeper prompt."
            )
        elif action == "favourite":
            kept = self.journal.toggle_favourite(card)
            self.say("Kept among your favourites." if kept else "Removed from favourites.")
        elif action == "hide":
            if session.is_closing:
                self.say("The closing card cannot be hidden.")
                return
            self.journal.hide(card)
            self.say("Hidden: this card will not be dealt again.")
            self.record(session, session.hide_card(), replanned=True)
        elif action == "revisit":
            marked = self.journal.toggle_revisit(card)
            self.say("Marked to revisit later." if marked else "Revisit mark removed.")
        elif action == "end":
            self.end(session)
        elif action == "help":
            self.say(*HELP)
        else:
            self.say(UNKNOWN_KEY)

    def pass_card(self, session: Session, step: Step) -> None:
        """Pass if the rules allow it, and say how many passes are left (or why not)."""
        who = session.passer
        if not session.can_pass() or who is None:
            if step.card.kind is Kind.CLOSING:
                self.say("Only questions can be passed.")
            else:
                self.say(f"{who} has no passes left this session.")
            return
        self.record(session, session.pass_card(), replanned=True)
        left = session.passes_left[who]
        self.say(f"{who} passed. {left} pass{'' if left == 1 else 'es'} left for {who}.")

    def end(self, session: Session) -> None:
        """End early: to the closing card, or end the session when it is on the table."""
        session.end()
        if not session.finished:
            self.say("To the closing card.")

    def record(self, session: Session, play: Play | None, *, replanned: bool = False) -> None:
        """Commit a card that left the table (with the new plan when the deal changed)."""
        if play is not None:
            self.journal.record(session, play, replanned=replanned)

    def pause(self, step: Step) -> None:
        """The breather between the sets of a three-set session; Enter goes on."""
        self.say(
            "",
            f"Pause. Set {step.set_number} of 3 is next.",
            f"The next twelve cards go to {step.card.depth.label}.",
            "Stretch, take a sip of water, and come back to each other when you are ready.",
        )
        self.ask("Press Enter to go on: ")


def progress_line(session: Session, step: Step) -> str:
    """Where the session is: "Card 3 of 12, open up", "Closing card"."""
    if step.card.kind is Kind.CLOSING:
        return "Closing card"
    number, total = session.progress
    options = session.deal.options
    where = f"Card {number}" if options.shape is Shape.OPEN else f"Card {number} of {total}"
    if options.shape is Shape.THREE_SETS:
        where += f", set {step.set_number} of 3"
    return f"{where}, {'a wildcard' if step.together else step.card.depth.label}"


def run_plain(
    *,
    library: Library,
    options: Options | None,
    journal: Journal,
    stdin: TextIO,
    stdout: TextIO,
    clock: Callable[[], datetime] = utc_now,
    defaults: SetupDefaults | None = None,
) -> int:
    """Play in plain mode until the session ends or input runs out; return the exit code.

    Args:
        library: The decks to deal from.
        options: The session's options (from --stage); None asks the setup questions and
            first offers to resume an interrupted session.
        journal: Where the session is recorded; the caller opens and closes it.
        stdin: Where the players' lines are read.
        stdout: Where the game is printed.
        clock: The game's clock.
        defaults: What the setup questions offer (from --players, --shape, ...).

    Returns:
        0 when the session ended or the players left (end of input); 2 when the given
        options cannot deal a session.
    """
    game = PlainGame(library, journal, stdin, stdout, clock)
    game.say("closeness-cards, plain mode. Type ? and Enter for help.")
    game.say(*(f"A deck was skipped: {error}" for error in library.problems))
    game.show_notice()
    session: Session | None = None
    try:
        if options is not None:
            try:
                session = game.new_session(options)
            except GameError as error:
                game.say(f"Can't deal: {error}.")
                return 2
        else:
            session = game.offer_resume()
        setup = defaults or SetupDefaults()
        while session is None:
            chosen = ask_options(game, setup)
            try:
                session = game.new_session(chosen)
            except GameError as error:
                game.say(f"Can't deal: {error}. Please choose again.")
                setup = replace(
                    setup,
                    players=chosen.players,
                    stage=chosen.stage,
                    shape=chosen.shape,
                    depth=chosen.depth,
                )
        game.play(session)
    except EndOfInput:
        if session is not None and journal.enabled:
            game.say("Stopped. Nothing is lost: start the game again to pick up at this card.")
        else:
            game.say("Stopped.")
    return 0
