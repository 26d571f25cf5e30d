"""Plain mode: the table's events as lines of text, for screen readers and simple terminals."""

from __future__ import annotations

from typing import TextIO

from closeness_cards.core.game import GameError
from closeness_cards.core.safe_text import for_terminal
from closeness_cards.plain.answers import EndOfInput, Unreadable, other_digits, read_answer
from closeness_cards.plain.setup import ask_options, folded
from closeness_cards.table import (
    Action,
    CannotResume,
    CardShown,
    CheckInAsked,
    Choices,
    DeeperChanged,
    Event,
    FavouriteChanged,
    Hidden,
    Passed,
    Phase,
    Refused,
    RevisitChanged,
    SessionOver,
    SetBreak,
    Table,
    TimerChanged,
    TimeUp,
    TurnMoved,
    View,
    options_from,
)
from closeness_cards.text import words
from closeness_cards.text.formats import format_players
from closeness_cards.text.keys import plain_actions, plain_help, plain_key_line

KEYS = plain_key_line()
RULES = (
    "How to play: one of you reads the card aloud and the other answers; then you swap.",
    "Answer as much or as little as feels right. Anyone can pass anything but the closing "
    "card, without a reason. While someone answers, the others listen: a tip says how.",
)
HELP = (*RULES, *plain_help())
ACTIONS = plain_actions()
"""What each typed line (trimmed, lower case) asks for: a key id."""
SHORT_PROMPT = "Enter, or a letter (? for the keys) > "
UNKNOWN_KEY = "Press Enter when done, or type one of p, d, f, x, r, t, q or ? and Enter."
CHECK_IN_SCALE = "1 means far apart, 7 almost one. Enter skips."
CHECK_IN_HELP = (
    "Picture two circles: 1 is far apart, 7 almost one. Type the number that feels true "
    "for you now, or press Enter to skip. The summary shows everyone's numbers together."
)


class PlainGame:
    """One run of plain mode: setup questions, the table, and the summary, line by line.

    No box drawing, colour or cursor movement, one idea per line, so screen readers read
    it as it comes. Every rule is the table's; this only words its events.
    """

    def __init__(self, table: Table, stdin: TextIO, stdout: TextIO) -> None:
        self.table = table
        self.stdin = stdin
        self.stdout = stdout
        self._echoes = stdin.isatty()
        self._notices_shown = 0

    # Talking and listening.

    def say(self, *lines: str) -> None:
        """Print lines, one idea per line, each escaped: cards, names and notices are text."""
        for line in lines:
            self.stdout.write(for_terminal(line) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        """Print a prompt and read one line (without its newline); raise EndOfInput at EOF.

        A line that is not readable text or is too long to be an answer is asked again,
        with the reason.
        """
        while True:
            self.stdout.write(for_terminal(prompt))
            self.stdout.flush()
            try:
                line = read_answer(self.stdin)
            except Unreadable as why:
                self._end_prompt(echoed=True)
                self.say(f"Sorry, {why}. Please type it again.")
                continue
            except EndOfInput:
                self._end_prompt(echoed=False)
                raise
            self._end_prompt(echoed=True)
            return line

    def _end_prompt(self, *, echoed: bool) -> None:
        if not echoed or not self._echoes:
            # Nothing echoed a newline (piped input, or Ctrl+D): end the prompt's line here.
            self.stdout.write("\n")

    def show_notices(self) -> None:
        """Say each new notice about keeping (history off, a file set aside) once."""
        notices = self.table.notices
        self.say(*notices[self._notices_shown :])
        self._notices_shown = len(notices)

    # Before the first card.

    def offer_resume(self) -> list[Event] | None:
        """If the last session never finished, offer to pick it up; its first events or None."""
        unfinished = self.table.unfinished()
        if unfinished is None:
            where = self.table.playing_elsewhere()
            if where:
                self.say(words.playing_elsewhere(where))
            return None
        self.say(words.unfinished_question(unfinished.players, unfinished.stage))
        while True:
            answer = folded(self.ask("Pick it up where it stopped? [r]esume / [c]lose it: "))
            if answer in ("", "r", "resume", "y", "yes"):
                break
            if answer in ("c", "close", "close it", "n", "no"):
                self.table.abandon(unfinished)
                self.say("Closed. It stays in your history.")
                return None
            self.say("Please type r to resume it or c to close it.")
        try:
            events = self.table.resume(unfinished)
        except CannotResume as error:
            self.say(words.cannot_resume(error.why, error.where, error.decks))
            return None
        self.say("Picking up where you stopped.")
        return events

    def new_session(self, choices: Choices) -> list[Event]:
        """Deal a new session; raises GameError when the choices cannot deal one."""
        events = self.table.start(options_from(choices), check_in=choices.check_in)
        if choices.opening:  # the opening comes first, then the check-in
            self.say("", *words.OPENING)
        return events

    # At the table.

    def play(self, events: list[Event]) -> None:
        """Word the events, then read actions until the session is over."""
        self.render(events)
        prompt = KEYS + " > "  # every key once; then a short reminder, read aloud quickly
        while self.table.phase is not Phase.OVER:
            if self.table.phase is Phase.PLAYING:
                typed = folded(self.ask(prompt))
                prompt = SHORT_PROMPT
                self.render(self.table.tick())  # a countdown that ran out while they talked
                key = ACTIONS.get(typed)
                if key == "help":
                    self.say(*HELP)
                    continue
                if key is None:
                    self.say(UNKNOWN_KEY)
                    continue
                self.render(self.table.act(Action(key)))
            else:  # a check-in came last and was already asked: nothing else to wait for
                break
            self.show_notices()

    def render(self, events: list[Event]) -> None:
        """Say what happened, event by event."""
        for event in events:
            if isinstance(event, CardShown):
                self.announce(event.view)
            elif isinstance(event, TurnMoved):
                self.say(*self.turn_lines(event.view))
            elif isinstance(event, Passed):
                self.say(words.passed(event.who, event.left))
            elif isinstance(event, Hidden):
                self.say(words.hidden(self.table.kept))
            elif isinstance(event, Refused):
                self.say(words.refusal(event.reason, event.who))
            elif isinstance(event, FavouriteChanged):
                self.say(words.favourite(event.kept, event.saved))
            elif isinstance(event, RevisitChanged):
                self.say(words.revisit(event.marked, event.saved))
            elif isinstance(event, DeeperChanged):
                follow_up = event.view.card.follow_up
                if event.view.deeper and follow_up:
                    self.say(f"Dig deeper: {follow_up}")
            elif isinstance(event, TimeUp):
                self.say(words.TIME_UP)
            elif isinstance(event, TimerChanged):
                self.say(self.timer_line(event))
            elif isinstance(event, SetBreak):
                self.pause(event)
            elif isinstance(event, CheckInAsked):
                self.render(self.table.check_in(self.check_in(event)))
            elif isinstance(event, SessionOver):
                self.finish(event)

    def timer_line(self, event: TimerChanged) -> str:
        """What t did: a countdown or a stopwatch started, or where it stopped."""
        timer = self.table.timer
        shown = timer.display() if timer is not None else ""
        if not event.running:
            return f"Timer stopped at {shown}. Type t to start it again."
        if event.seconds is None:
            return "Timer started. Type t to stop it and hear the time."
        return f"Countdown started: {shown}. Type t to stop it; I'll say when time is up."

    def announce(self, view: View) -> None:
        """Print the card on the table: where we are, who reads, the card, tip and note."""
        self.say("", words.where(view))
        if view.together:
            self.say(f"{view.reader} reads. Everyone does this together.")
        elif len(view.answerers) == 1:
            self.say(f"{view.reader} reads to {view.answerers[0]}.")
        else:
            self.say(f"{view.reader} reads. Everyone answers in turn.")
        self.say(view.card.text)
        if view.card.minutes:
            minutes = view.card.minutes
            self.say(f"Take about {minutes} minute{'s' if minutes != 1 else ''} for this.")
        if len(view.answerers) > 1 and not view.together:
            self.say(*self.turn_lines(view, first=True))
        elif view.tip is not None:
            self.say(self.tip_line(view))
        note = words.fallback_note(view)
        if note:
            self.say(note)
        if view.favourite:
            self.say("This card is one of your favourites.")

    def turn_lines(self, view: View, *, first: bool = False) -> list[str]:
        """Whose turn it is on a card everyone answers, and the tip for the others."""
        if view.answerer is None:
            return []
        lines = [f"{view.answerer} answers first." if first else f"Now {view.answerer} answers."]
        if view.tip is not None:
            lines.append(self.tip_line(view))
        return lines

    def tip_line(self, view: View) -> str:
        """The listening tip, addressed to everyone but the person answering."""
        tip = view.tip or ""
        return f"While {view.answerer} answers, {format_players(view.listeners)}: {tip}"

    def pause(self, event: SetBreak) -> None:
        """The breather between the sets of a three-set session; Enter goes on."""
        title, body = words.set_break(event.set_number, event.sets, event.depth)
        self.say("", f"Pause. {title}.", body)
        self.ask("Press Enter to go on: ")

    def check_in(self, event: CheckInAsked) -> dict[str, int | None]:
        """Ask each player, in turn, how close they feel (1 to 7; Enter skips)."""
        when = "now, before you start" if event.moment == "before" else "now, after the session"
        self.say("", f"Closeness check-in, {when}. {CHECK_IN_SCALE}")
        values: dict[str, int | None] = {}
        for player in event.players:
            while True:
                answer = self.ask(f"{player}, how close do you feel (1-7)? ").strip()
                if not answer:
                    values[player] = None
                    break
                if answer.casefold() in ("?", "help"):
                    self.say(CHECK_IN_HELP)
                    continue
                if answer in {"1", "2", "3", "4", "5", "6", "7"}:
                    values[player] = int(answer)
                    break
                if other_digits(answer):
                    self.say("Please write the number in the digits 0 to 9, or press Enter.")
                    continue
                self.say("Please type a number from 1 to 7, or press Enter to skip.")
        return values

    def finish(self, event: SessionOver) -> None:
        """The summary: the whole session, across every resume."""
        self.say("", "Thank you for playing." if event.summary.finished else "Session ended.")
        self.say(*words.summary_lines(event.summary))
        players = self.table.session.deal.options.players if self.table.session else ()
        closeness = words.closeness_line(players, event.closeness)
        if closeness:
            self.say(closeness)
        self.say(*(f"Kept as a favourite: {text}" for text in event.favourites))
        self.say(*(f"To revisit later: {text}" for text in event.revisits))


def run_plain(
    table: Table,
    *,
    choices: Choices | None,
    stdin: TextIO,
    stdout: TextIO,
    defaults: Choices | None = None,
) -> int:
    """Play in plain mode until the session ends or input runs out; return the exit code.

    Args:
        table: The table to play at; the caller opens and closes it.
        choices: The session's choices (from --stage); None asks the setup questions and
            first offers to resume an interrupted session.
        stdin: Where the players' lines are read.
        stdout: Where the game is printed.
        defaults: What the setup questions offer (from --players, --shape, ...).

    Returns:
        0 when the session ended or the players left (end of input); 2 when the given
        choices cannot deal a session.
    """
    game = PlainGame(table, stdin, stdout)
    game.say("closeness-cards, plain mode. Type ? and Enter for help.")
    game.say(
        *words.skipped_decks(table.library.problems, "'closeness-cards decks list' lists them")
    )
    game.show_notices()
    events: list[Event] | None = None
    try:
        if choices is not None:
            try:
                events = game.new_session(choices)
            except GameError as error:
                game.say(f"Can't deal: {words.game_error(error)}.")
                return 2
        else:
            events = game.offer_resume()
        setup = table.setup_choices(defaults or Choices())
        while events is None:
            chosen = ask_options(game, setup)
            try:
                events = game.new_session(chosen)
            except GameError as error:
                game.say(f"Can't deal: {words.game_error(error)}. Please choose again.")
                setup = chosen
        game.play(events)
    except EndOfInput:
        playing = table.phase in (Phase.CHECK_IN_BEFORE, Phase.PLAYING)
        if playing and table.session is not None and table.kept:
            game.say("Stopped. Nothing is lost: start the game again to pick up at this card.")
        else:
            game.say("Stopped.")
    finally:
        table.leave()
    return 0
