"""How the table's events are put into words, the same in every front end."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from closeness_cards.core.cards import Card, Depth, Stage
from closeness_cards.core.game import MAX_PLAYERS, MIN_PLAYERS, NAME_MAX, GameError, Problem
from closeness_cards.core.safe_text import for_terminal
from closeness_cards.text.formats import format_duration, format_players, plural
from closeness_cards.text.labels import depth_label, stage_label

if TYPE_CHECKING:
    from closeness_cards.core.summary import WholeSummary


class Place(Protocol):
    """What the words for a card on the table read (the table's View has all of it)."""

    @property
    def closing(self) -> bool: ...

    @property
    def number(self) -> int: ...

    @property
    def total(self) -> int | None: ...

    @property
    def set_number(self) -> int: ...

    @property
    def sets(self) -> int: ...

    @property
    def together(self) -> bool: ...

    @property
    def card(self) -> Card: ...

    @property
    def fallback(self) -> Depth | None: ...

    @property
    def favourite(self) -> bool: ...

    @property
    def revisit(self) -> bool: ...


NOT_SAVED = "not saved: this is a private session"


def game_error(error: GameError) -> str:
    """What is wrong with options that cannot make a session, for the players."""
    values = error.values
    problem = error.problem
    if problem is Problem.PLAYER_COUNT:
        return f"a session needs {MIN_PLAYERS} to {MAX_PLAYERS} players, not {values['count']}"
    if problem is Problem.EMPTY_NAME:
        return "a player name is empty"
    if problem is Problem.LONG_NAME:
        # The one problem that quotes a name, which need not be printable: escaped.
        name = for_terminal(str(values["name"])[:30])
        return f"the player name '{name}...' is longer than {NAME_MAX} characters"
    if problem is Problem.CONTROL_IN_NAME:
        what = values.get("what")
        if what == "nothing that shows":
            return "a player name shows nothing: it holds only invisible characters"
        return f"a player name holds {what or 'a character that does not show'}"
    if problem is Problem.SAME_NAME:
        return "two players have the same name"
    if problem is Problem.NO_QUESTIONS:
        return f"no question cards fit the stage '{values['stage']}' in these decks"
    return f"passes must be from {values.get('low', 0)} to {values.get('high', 99)}"


def refusal(reason: str, who: str | None = None) -> str:
    """Why the table did not do what was asked (``reason``: the table's code)."""
    if reason == "no-passes-left":
        return f"{who} has no passes left this session." if who else "No passes are left."
    if reason == "closing-card":
        return "The closing card is for everyone: it cannot be passed or hidden."
    if reason == "no-follow-up":
        return "This card has no dig-deeper prompt."
    if reason == "session-over":
        return "The session is over."
    if reason == "not-yours":
        return f"That is {who}'s to do." if who else "That is another player's to do."
    if reason == "moved-on":
        return "The table had already moved on: here is the card now."
    return "Not now: finish what is on the screen first."


def fallback_note(view: Place) -> str:
    """The note on a card dealt at another depth because its own ran out ("" when not)."""
    if view.fallback is None:
        return ""
    return (
        f"No more {depth_label(view.fallback)} cards for this stage: "
        f"dealing {depth_label(view.card.depth)} cards instead."
    )


def passed(who: str, left: int) -> str:
    """After a pass: no reason asked, and how many are left."""
    return f"{who} passed. {plural(left, 'pass', 'passes')} left for {who}."


def favourite(kept: bool, saved: bool) -> str:
    """After f: kept or taken out, and whether it outlives tonight."""
    if not kept:
        return "Removed from favourites."
    return "Kept among your favourites." if saved else f"Kept for tonight, {NOT_SAVED}."


def revisit(marked: bool, saved: bool) -> str:
    """After r: marked or unmarked, and whether it outlives tonight."""
    if not marked:
        return "Revisit mark removed."
    return "Marked to revisit later." if saved else f"Marked to revisit tonight, {NOT_SAVED}."


TIME_UP = "Time is up. Take a breath before you go on."
OPENING = (
    "Before the first card",
    "Put your phones away, face down or in another room.",
    "Sit where you can see each other's faces.",
    "Take three slow breaths together.",
    "There are no wrong answers, and anyone can pass.",
)
"""The opening ritual, a line each."""


def hidden(saved: bool) -> str:
    """After x: the card is gone from this session, and (when kept) from those to come."""
    if saved:
        return "Hidden: this card will not be dealt again."
    return f"Hidden for the rest of this session, {NOT_SAVED}."


def set_break(set_number: int, sets: int, depth: Depth) -> tuple[str, str]:
    """The pause before a set: its title and what the set holds."""
    return (
        f"Set {set_number} of {sets} is next",
        f"The next twelve cards go to {depth_label(depth)}. Stretch, take a sip of water, "
        "and come back to each other when you are ready.",
    )


def where(view: Place) -> str:
    """Where the session is: "Card 3 of 12, open up", "Closing card"."""
    if view.closing:
        return "Closing card"
    here = f"Card {view.number}" if view.total is None else f"Card {view.number} of {view.total}"
    if view.sets > 1:
        here += f", set {view.set_number} of {view.sets}"
    return f"{here}, {'a wildcard' if view.together else depth_label(view.card.depth)}"


def marks(view: Place) -> str:
    """The marks on a card: a heart for a favourite, a flag to revisit."""
    shown = []
    if view.favourite:
        shown.append("♥ favourite")
    if view.revisit:
        shown.append("⚑ to revisit")
    return "   ".join(shown)


def summary_lines(summary: WholeSummary) -> list[str]:
    """The end-of-session summary as lines of plain text: the whole session."""
    lines = [
        f"Questions answered: {summary.questions}",
        *(f"  {depth_label(depth)}: {summary.questions_by_depth.get(depth, 0)}" for depth in Depth),
    ]
    if summary.wildcards:
        lines.append(f"Wildcards done together: {summary.wildcards}")
    lines.append(f"Closing card: {'done' if summary.closing else 'not done'}")
    lines.append(f"Passed: {summary.passed}")
    if summary.hidden:
        lines.append(f"Hidden for good: {summary.hidden}")
    lines.append(f"Time together: {format_duration(summary.seconds)}")
    return lines


def change_text(before: int | None, after: int | None) -> str:
    """One player's closeness across a session: ``3 → 5``, or the one value given."""
    if before is not None and after is not None:
        return f"{before} → {after}"
    if before is not None:
        return f"{before} before"
    if after is not None:
        return f"{after} after"
    return "skipped"


def closeness_line(
    players: Sequence[str], values: Mapping[str, tuple[int | None, int | None]]
) -> str:
    """The summary's line, ``Closeness (1–7): Ana 3 → 5 · Ben 4 → 6``; "" if all skipped."""
    parts = [
        f"{player} {change_text(*values.get(player, (None, None)))}"
        for player in players
        if values.get(player, (None, None)) != (None, None)
    ]
    return f"Closeness (1–7): {' · '.join(parts)}" if parts else ""


def cannot_resume(why: str, where: str = "", decks: Sequence[str] = ()) -> str:
    """Why a session cannot be picked up now (``why``: the table's code)."""
    if why == "open-elsewhere":
        return f"That session is open in another window ({where}). Finish it there."
    if why == "missing-decks":
        return (
            f"That session needs decks that are not loaded: {', '.join(decks)}. "
            "Put them back and resume it; it stays unfinished."
        )
    return "That session cannot be resumed: its saved deal cannot be read."


SKIPPED_SHOWN = 3
"""How many skipped decks are named at the start; the rest are counted (F4 lists all)."""


def skipped_decks(problems: Sequence[object], where: str) -> list[str]:
    """The start's word on decks that could not be loaded: a few named, the rest counted."""
    shown = [f"A deck was skipped: {problem}" for problem in problems[:SKIPPED_SHOWN]]
    more = len(problems) - SKIPPED_SHOWN
    if more > 0:
        shown.append(f"and {plural(more, 'more deck')} could not be loaded: {where}.")
    return shown


def playing_elsewhere(where: str) -> str:
    """Said at the start when the last session is being played in another window."""
    return f"A session is being played in another window ({where}). Resume it there when it stops."


def who_played(reader: str, answerers: Sequence[str], outcome: str) -> str:
    """Who did what with a card, as history tells it: nobody answers a passed card."""
    if outcome == "passed":
        return f"{reader} read, {format_players(answerers[:1])} passed"
    if outcome == "hidden":
        return f"{reader} read, then it was hidden"
    return f"{reader} read, {format_players(answerers)} answered"


def unfinished_question(players: Sequence[str], stage: str) -> str:
    """The offer to resume a session that never finished."""
    return f"The last session ({format_players(players)}, {stage_label(stage)}) did not finish."


def skip_check_in_question(players: Sequence[str], answered: int) -> str:
    """Asked when escape is pressed on the check-in: whose check-in it would skip.

    Args:
        players: Those still to answer, the one being asked first.
        answered: How many have answered already (their answers are kept).
    """
    kept = " The answers given so far are kept." if answered else ""
    return f"Skip the check-in for {format_players(players)}?{kept}"


def crowded_stage(stage: str, players: int) -> str | None:
    """A word when a couple's stage is chosen for more than two (None when it fits).

    A couple's cards speak to two people ("us", "me"); with three or more at the table,
    friends' or family cards fit better. It is a word, not a refusal.
    """
    if players <= 2 or not Stage(stage).romantic:
        return None
    return (
        f"{stage_label(stage)} cards are written for a couple; "
        f"with {players} of you, Friends or Family may fit better."
    )
