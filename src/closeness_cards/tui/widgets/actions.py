"""The action bar: every key the screen offers now, as buttons a finger can tap.

A phone in a browser often has no keyboard, and a footer one line high cuts off what does
not fit. The bar shows the same bindings a footer would (those the screen's
``check_action`` allows now and that are shown), each as a button with its words and its
key, in rows that wrap to the width. A tap runs the binding's action as its key would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.dom import DOMNode
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button

GAP = 1
"""Columns between two buttons in a row."""
PADDING = 2
"""Columns a button adds around its words."""


def rows_of(widths: Sequence[int], room: int, gap: int = GAP) -> list[list[int]]:
    """Pack items of these widths, in order, into rows no wider than ``room``.

    Returns the indices of the items in each row; an item wider than ``room`` has a row
    of its own.
    """
    rows: list[list[int]] = []
    used = 0
    for index, width in enumerate(widths):
        if rows and used + gap + width <= room:
            rows[-1].append(index)
            used += gap + width
        else:
            rows.append([index])
            used = width
    return rows


def balanced_rows(widths: Sequence[int], room: int, gap: int = GAP) -> list[list[int]]:
    """As :func:`rows_of`, in as few rows, but as even as they can be: a last row of one
    lonely button stretched across the screen looks like a mistake."""
    rows = rows_of(widths, room, gap)
    narrowest = max(widths, default=0)
    while room > narrowest and len(rows_of(widths, room - 1, gap)) == len(rows):
        room -= 1
    return rows_of(widths, room, gap)


@dataclass(frozen=True)
class Offer:
    """One thing the screen offers now: a binding's action, its key and its words."""

    action: str
    node: DOMNode
    """Where the action runs (the screen, a widget, the app)."""
    key: str
    """The key as shown."""
    words: str
    tooltip: str

    @property
    def label(self) -> Content:
        """The key first, as the footer shows it, then the words."""
        return Content.assemble((self.key, "bold $text-accent"), " ", self.words)

    @property
    def width(self) -> int:
        """The button's width at rest."""
        return cell_len(f"{self.key} {self.words}") + PADDING


class ActionButton(Button, can_focus=False):
    """One offer as a button. It never takes the focus: keys keep working as they did."""

    def __init__(self, offer: Offer, *, weight: int) -> None:
        super().__init__(offer.label, classes="action")
        self.offer = offer
        self.tooltip = offer.tooltip or None
        # Wider words get a wider share of the row, so a full row fits every label.
        self.styles.width = f"{weight}fr"


class ActionBar(Widget):
    """Buttons for what the screen offers now; they wrap into as many rows as they need."""

    DEFAULT_CSS = """
    ActionBar {
        dock: bottom;
        height: auto;
        padding: 0 1;
    }
    ActionBar .action-row {
        height: auto;
    }
    ActionBar ActionButton {
        min-width: 0;
        height: 3;
        padding: 0;
        margin: 0 0 0 1;
    }
    ActionBar ActionButton.-first {
        margin: 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._offers: tuple[Offer, ...] = ()
        self._rows: list[list[int]] = []

    @property
    def offers(self) -> tuple[Offer, ...]:
        """What the bar shows now, in order."""
        return self._offers

    def compose(self) -> ComposeResult:
        for row in self._rows:
            with Horizontal(classes="action-row"):
                for place, index in enumerate(row):
                    offer = self._offers[index]
                    button = ActionButton(offer, weight=offer.width)
                    button.set_class(place == 0, "-first")
                    yield button

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._update()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: Resize) -> None:
        self._update()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._update()

    def _update(self) -> None:
        """Redraw the buttons when what is offered, or how it wraps, changed."""
        offers = tuple(self._offered())
        room = self.content_size.width or self.app.size.width
        rows = balanced_rows([offer.width for offer in offers], room)
        if offers == self._offers and rows == self._rows:
            return
        self._offers, self._rows = offers, rows
        self.refresh(recompose=True)

    def _offered(self) -> list[Offer]:
        """The screen's shown bindings that may be used now, one per action, in order."""
        offers: list[Offer] = []
        seen: set[tuple[int, str]] = set()
        for node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not (binding.show and enabled) or (id(node), binding.action) in seen:
                continue  # "space,enter" is two keys for one action: the first is shown
            seen.add((id(node), binding.action))
            key = self.app.get_key_display(binding)
            offers.append(Offer(binding.action, node, key, binding.description, tooltip))
        return offers

    @on(Button.Pressed, "ActionButton")
    async def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert isinstance(event.button, ActionButton)
        offer = event.button.offer
        await self.app.run_action(offer.action, offer.node)
