"""The help key on the screens over the table, which do not see the app's own bindings."""

from __future__ import annotations

from textual.binding import Binding

from closeness_cards.text.keys import APP_KEYS

HELP = next(key for key in APP_KEYS if key.id == "help")
"""The help key of the one key table."""


def help_binding(*, show: bool = False) -> Binding:
    """``?`` opens help over a modal screen (the opening, a pause, the check-in).

    A modal screen stops the app's bindings at its edge, so each binds help itself; help
    closes back onto the screen it was opened from.
    """
    return Binding(HELP.bind, "app.help", HELP.label, show=show, tooltip=HELP.help, id=HELP.id)
