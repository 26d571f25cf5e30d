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
