"""The words of a seat at a table played on several screens: roles, waiting, the join link."""

from __future__ import annotations

from collections.abc import Sequence

ROLES = {
    "answer": "Your turn to answer",
    "read": "Read this aloud",
    "listen": "Listening — a tip for you",
    "together": "Do this together",
    "closing": "The closing card: everyone takes part",
}
"""What each role asks, in plain words (``next`` names who answers first)."""


def role_words(role: str, answerer: str | None) -> str:
    """What the card on the table asks of this seat's player."""
    if role == "next":
        return f"You answer after {answerer}" if answerer else "You answer next"
    if role == "read" and answerer:
        return f"Read this aloud, then listen to {answerer}"
    if role == "listen" and answerer:
        return f"Listening to {answerer} — a tip for you"
    return ROLES.get(role, "")


def closing_words(answerer: str | None, player: str) -> str:
    """The closing card at one seat: everyone takes part, and whose turn it is now."""
    if answerer is None:
        return ROLES["closing"]
    if answerer == player:
        return "The closing card: your turn (everyone takes part)"
    return f"The closing card: {answerer}'s turn now (everyone takes part)"


def waiting_for(players: Sequence[str], moment: str) -> str:
    """A seat that has checked in waits for the others (their numbers stay hidden)."""
    names = ", ".join(players)
    when = "the first card" if moment == "before" else "the summary"
    return f"Thank you. Waiting for {names} to check in; {when} comes when everyone has."


def joined_as(player: str) -> str:
    """The line at the top of a seat."""
    return f"Your seat: {player}"


def passes_left(left: int) -> str:
    """The passes a seat's player has left."""
    return f"{left} pass left" if left == 1 else f"{left} passes left"


AFTER_THE_SUMMARY = "That was the evening. You can close this page; the host ends the room."
"""The last line at a seat, under the summary: nothing is left to press."""

SITTING = "(sitting)"
"""After a name on the picker that another screen sits as."""

TAKEN_HINT = (
    "A name marked (sitting) is in use at another screen. If it was yours on a page that "
    "closed or lost its connection, it comes free here by itself within about half a minute."
)
"""Under the picker while any name is taken: how someone whose old page died gets back in."""


def already_sitting(player: str) -> str:
    """A seat picked a name that another screen sits as."""
    return f"{player} is sitting at another screen. Pick your own name."


def just_taken(player: str) -> str:
    """Two screens picked the same name at once, and the other one sat down first."""
    return f"Someone else sat down as {player} a moment ago. Pick your own name."


def seat_lost(player: str) -> str:
    """This screen stopped renewing its seat for a long while, and another screen took it."""
    return f"Another screen sat down as {player} while this one was away. Pick a name to sit again."


def went_on_without(moment: str) -> str:
    """The table went on before this seat's player checked in."""
    where = "to the first card" if moment == "before" else "to the summary"
    return f"The table went on {where} without your check-in."


def who_sits(sitting: Sequence[str], free: Sequence[str]) -> list[str]:
    """Who has taken a seat, and who has not, for the host's terminal."""
    if not sitting:
        return ["Nobody has taken a seat yet.", f"Still free: {', '.join(free)}"]
    if not free:
        return [f"Sitting: {', '.join(sitting)}", "Everyone has a seat."]
    return [f"Sitting: {', '.join(sitting)}", f"Still free: {', '.join(free)}"]


def join_lines(link: str, *, lan: bool) -> list[str]:
    """What the host's terminal says under the QR code."""
    reach = (
        "Phones and laptops on this network can open it."
        if lan
        else "Only this computer can open it (add --lan for phones on this Wi-Fi, "
        "or forward the port over SSH: see the README)."
    )
    return [
        "Open this link to take a seat:",
        link,
        reach,
        "The link is the key to the room: share it only with the players.",
    ]


def on_the_table(reader: str, answerer: str | None) -> str:
    """Who reads and who answers the card on the table, for the host's terminal."""
    return f"{reader} reads · {answerer} answers" if answerer else f"{reader} reads · all together"


END_QUESTION = "End the evening for everyone?"
END_YES = "Yes, end it"
END_NO = "Keep playing"


def end_question(closing: bool) -> str:
    """A seat asks before its q ends the evening at every seat."""
    after = (
        "The summary comes next." if closing else "The closing card comes next, then the summary."
    )
    return f"{END_QUESTION}\n{after}"


KEYS_TITLE = "Keys at your seat"
KEYS_NOTE = "The buttons at the bottom do the same: tap one. Only what is yours to do now is shown."


ROOM_CLOSING = "Closing the room…"
"""The host's terminal, the moment the host quits (every seat is being closed)."""
SEAT_CLOSED = "This seat has closed: the host closed the room, or the link dropped."
"""What a browser shows once its seat has closed (the page cannot tell which it was)."""
SEAT_THANKS = "Thank you for playing."
JOIN_AGAIN = "Join again"
"""The button under it: opens the link again, a fresh seat if the room is still open."""


def room_closed(*, resumable: bool) -> str:
    """The host's terminal after the room closed (and whether the session can go on)."""
    if not resumable:
        return "The room is closed. Thank you for playing."
    return (
        "The room is closed. The session stays unfinished: "
        "closeness-cards host (or play) picks it up where it stopped."
    )
