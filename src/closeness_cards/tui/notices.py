"""The rule for notices (toasts): one routine notice at a time, short; problems stay to be seen.

Every notice of the game goes through ``CardsApp.notify``, which asks the board here:

- A routine notice (information: "Kept among your favourites", a path saved) replaces the
  routine notice before it, so quick keys never pile toasts over the table, and it goes
  after a few seconds (at most ``LONGEST_ROUTINE``).
- Warnings and errors are never replaced by a later notice: each stays its own time, an
  error at least ``ERROR_SECONDS``.
- Opening the palette clears the routine notices (they are old news by then), so nothing
  sits on its search box; warnings and errors still showing move below it.
"""

from __future__ import annotations

from textual.notifications import Notification, SeverityLevel

ROUTINE_SECONDS = 4.0
"""How long a routine notice stays when its maker does not say."""
LONGEST_ROUTINE = 10.0
"""The longest a routine notice stays, whatever its maker asks."""
WARNING_SECONDS = 10.0
"""How long a warning stays when its maker does not say."""
ERROR_SECONDS = 20.0
"""The shortest time an error stays: long enough to be read after a look away."""


def notice_seconds(severity: SeverityLevel, asked: float | None) -> float:
    """How long a notice stays: what its maker asked, within the rule for its severity."""
    if severity == "error":
        return max(asked or 0.0, ERROR_SECONDS)
    if severity == "warning":
        return asked if asked is not None else WARNING_SECONDS
    return min(asked if asked is not None else ROUTINE_SECONDS, LONGEST_ROUTINE)


class NoticeBoard:
    """Makes each notice by the rule, and takes down the routine notice it replaces."""

    def __init__(self) -> None:
        self._routine: list[Notification] = []
        """The routine notices made and not yet replaced (some may have gone by time)."""

    def make(
        self,
        message: str,
        *,
        title: str,
        severity: SeverityLevel,
        timeout: float | None,
        markup: bool,
    ) -> Notification:
        """The notice to show; the routine one before it is taken down (its time is up)."""
        self.clear_routine()
        notice = Notification(
            message, title, severity, notice_seconds(severity, timeout), markup=markup
        )
        if severity == "information":
            self._routine.append(notice)
        return notice

    def clear_routine(self) -> None:
        """Take down every routine notice: its time is up now (Textual drops it when it
        next draws the notices, also one made but not yet shown)."""
        for notice in self._routine:
            notice.timeout = 0
        self._routine.clear()
