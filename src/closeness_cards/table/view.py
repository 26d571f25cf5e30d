"""What a front end draws for the card on the table, and how deep a set goes."""

from __future__ import annotations

from collections import Counter

from closeness_cards.core.cards import Depth, Kind
from closeness_cards.core.game import Shape
from closeness_cards.core.library import Library
from closeness_cards.core.session import Session
from closeness_cards.table.events import View


def view_of(
    session: Session,
    library: Library,
    *,
    favourite: bool,
    revisit: bool,
    deeper: bool,
    kept: bool,
) -> View:
    """The card on the table with everything around it (the session must not be over)."""
    step = session.current
    assert step is not None  # the table asks only while a card is on it
    options = session.deal.options
    number, total = session.progress
    answerer = session.answerer
    deck = library.deck(step.card.deck_id)
    return View(
        stage=options.stage,
        shape=options.shape,
        number=number,
        total=None if options.shape is Shape.OPEN else total,
        set_number=step.set_number,
        sets=3 if options.shape is Shape.THREE_SETS else 1,
        closing=session.is_closing,
        card=step.card,
        deck_title=deck.title if deck is not None else step.card.deck_id,
        players=options.players,
        reader=step.reader,
        answerers=step.answerers,
        answerer=answerer,
        waiting=tuple(step.answerers[session.turn + 1 :]) if answerer is not None else (),
        listeners=session.listeners if answerer is not None else (),
        tip=step.listening_tip if answerer is not None else None,
        fallback=step.fallback,
        passes_left=dict(session.passes_left),
        favourite=favourite,
        revisit=revisit,
        deeper=deeper,
        kept=kept,
    )


def set_depth(session: Session, set_number: int) -> Depth:
    """How deep a set goes: the depth most of its questions have (deeper wins a tie)."""
    depths = Counter(
        s.card.depth
        for s in session.steps
        if s.set_number == set_number and s.card.kind is Kind.QUESTION
    )
    return max(depths, key=lambda d: (depths[d], d)) if depths else Depth.WARM_UP
