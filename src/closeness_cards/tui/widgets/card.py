"""The card on the table: its text large and centred, with its depth, deck and marks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from closeness_cards.core.cards import Card, Kind
from closeness_cards.text.labels import depth_label
from closeness_cards.tui.safe import plain

KIND_LABELS = {
    Kind.QUESTION: "question",
    Kind.ACTION: "wildcard: do it together",
    Kind.CLOSING: "closing",
    Kind.TIP: "listening tip",
}


class CardView(Vertical):
    """A card. Its text is always shown as typed: never read as markup."""

    DEFAULT_CSS = """
    CardView {
        width: 1fr;
        max-width: 76;
        height: auto;
        padding: 1 3;
        border: round $primary;
        background: $boost;
    }
    CardView.-action { border: round $warning; }
    CardView.-closing { border: double $success; }
    CardView #card-kind { width: 1fr; color: $text-muted; text-align: center; }
    CardView #card-text { width: 1fr; text-align: center; text-style: bold; padding: 1 0; }
    CardView #card-follow-up { width: 1fr; text-align: center; color: $text-accent; }
    CardView #card-marks { width: 1fr; color: $text-muted; text-align: center; }
    """

    shown: str | None = None
    """The global id of the card on show, to fade in only a new card."""

    def compose(self) -> ComposeResult:
        yield Static(id="card-kind", markup=False)
        yield Static(id="card-text", markup=False)
        yield Static(id="card-follow-up", markup=False)
        yield Static(id="card-marks", markup=False)

    def show(self, card: Card, *, deeper: bool, marks: str = "", deck_title: str = "") -> None:
        """Put ``card`` on the table; ``deeper`` also shows its dig-deeper prompt."""
        kind = KIND_LABELS[card.kind]
        if card.kind is Kind.QUESTION:
            kind = f"depth {int(card.depth)} · {depth_label(card.depth)}"
        if deck_title:
            kind += f" · {deck_title}"
        if card.minutes:
            kind += f" · {card.minutes} min"
        self.query_one("#card-kind", Static).update(plain(kind))
        self.query_one("#card-text", Static).update(plain(card.text))
        follow = self.query_one("#card-follow-up", Static)
        follow.update(plain(f"Deeper: {card.follow_up}") if deeper and card.follow_up else "")
        follow.display = bool(deeper and card.follow_up)
        self.query_one("#card-marks", Static).update(marks)
        self.set_class(card.kind is Kind.ACTION, "-action")
        self.set_class(card.kind is Kind.CLOSING, "-closing")
        marks_view = self.query_one("#card-marks", Static)
        marks_view.display = bool(marks)
        if self.shown is not None and self.shown != card.global_id:
            # A gentle fade as a new card lands; Textual skips it when animations are off.
            self.styles.opacity = 0.0
            self.styles.animate("opacity", value=1.0, duration=0.25, level="basic")
        self.shown = card.global_id
