"""A session in play: whose turn it is, passes, hiding, ending early, and what was played."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from closeness_cards.core.cards import Card, Kind
from closeness_cards.core.game import Deal, Shape, Step, assign_turns, depth_bounds, nearest_depths
from closeness_cards.core.summary import Left

Clock = Callable[[], datetime]


class Refusal(str, Enum):
    """Why the engine will not do what the players asked; front ends word it."""

    CLOSING_CARD = "closing-card"
    """The closing card cannot be passed or hidden: it is how every session ends."""
    NO_PASSES_LEFT = "no-passes-left"
    """The player who would pass has used every pass of the session."""
    SESSION_OVER = "session-over"
    """No card is on the table any more."""


class Refused(ValueError):
    """An action the rules do not allow now; ``refusal`` says why."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


class Outcome(str, Enum):
    """What became of a card."""

    ANSWERED = "answered"
    PASSED = "passed"
    HIDDEN = "hidden"


@dataclass(frozen=True)
class Play:
    """A card that left the table, and how."""

    position: int
    step: Step
    outcome: Outcome
    at: datetime


class Session:
    """The engine's state of one session being played.

    The interface asks it what is on the table and tells it what the players did; all the
    rules (turns, passes, replacements, ending) live here.
    """

    def __init__(self, deal: Deal, clock: Clock, *, position: int = 0) -> None:
        self.deal = deal
        self.clock = clock
        self.steps: list[Step] = list(deal.steps)
        self.position = position
        """Index of the step on the table."""
        self.turn = 0
        """Index into the current step's answerers."""
        self.reserve: list[Card] = list(deal.reserve)
        self.passes_left = dict.fromkeys(deal.options.players, deal.options.passes)
        self.plays: list[Play] = []
        self.started_at = clock()
        self.ended_at: datetime | None = None
        self.ended_early = False

    @property
    def current(self) -> Step | None:
        """The step on the table, or None once the session is over."""
        if self.ended_at is not None or self.position >= len(self.steps):
            return None
        return self.steps[self.position]

    @property
    def finished(self) -> bool:
        """Whether the session is over."""
        return self.current is None

    @property
    def answerer(self) -> str | None:
        """Whose turn it is to answer (None for a card done together)."""
        step = self.current
        if step is None or step.together:
            return None
        return step.answerers[min(self.turn, len(step.answerers) - 1)]

    @property
    def listeners(self) -> tuple[str, ...]:
        """Everyone but the person answering now."""
        who = self.answerer
        return tuple(p for p in self.deal.options.players if p != who)

    @property
    def is_closing(self) -> bool:
        """Whether the closing card is on the table."""
        step = self.current
        return step is not None and step.card.kind is Kind.CLOSING

    @property
    def question_count(self) -> int:
        """How many cards the session deals before its closing card."""
        return sum(1 for step in self.steps if step.card.kind is not Kind.CLOSING)

    @property
    def progress(self) -> tuple[int, int]:
        """(this card's number, the number of cards), counting the closing card out."""
        total = self.question_count
        return min(self.position + 1, total), total

    def done(self) -> Play | None:
        """The current answerer is done; move to the next answerer or the next card.

        Returns the Play when the card left the table.
        """
        step = self.current
        if step is None:
            return None
        if not step.together and self.turn + 1 < len(step.answerers):
            self.turn += 1
            return None
        return self._leave(Outcome.ANSWERED)

    @property
    def passer(self) -> str | None:
        """Who would spend a pass now: the person answering, or the reader of a card done
        together (None once the session is over)."""
        step = self.current
        if step is not None and step.together:
            return step.reader
        return self.answerer

    def pass_refusal(self) -> Refusal | None:
        """Why the card on the table cannot be passed now, or None when it can."""
        if self.current is None:
            return Refusal.SESSION_OVER
        if self.is_closing:
            return Refusal.CLOSING_CARD
        who = self.passer
        if who is None or self.passes_left.get(who, 0) <= 0:
            return Refusal.NO_PASSES_LEFT
        return None

    def hide_refusal(self) -> Refusal | None:
        """Why the card on the table cannot be hidden now, or None when it can."""
        if self.current is None:
            return Refusal.SESSION_OVER
        if self.is_closing:
            return Refusal.CLOSING_CARD
        return None

    def can_pass(self) -> bool:
        """Whether the card on the table can be passed now."""
        return self.pass_refusal() is None

    def pass_card(self) -> Play | None:
        """The passer passes, no reason asked, and spends one pass.

        On the first answer of a card the card is replaced by another at the same depth
        (returned as a Play with outcome PASSED); on a later turn only that person's turn is
        skipped.

        Raises:
            Refused: the rules do not allow a pass now.
        """
        refusal = self.pass_refusal()
        who = self.passer
        if refusal is not None or who is None:
            raise Refused(refusal or Refusal.NO_PASSES_LEFT)
        self.passes_left[who] -= 1
        if self.turn > 0:
            return self.done()
        return self._replace(Outcome.PASSED)

    def hide_card(self) -> Play:
        """Never deal this card again: replace it now (hiding costs no pass).

        Raises:
            Refused: the rules do not allow hiding the card on the table.
        """
        refusal = self.hide_refusal()
        if refusal is not None:
            raise Refused(refusal)
        return self._replace(Outcome.HIDDEN)

    def end(self) -> None:
        """The players end the session (the `q` key of every front end).

        Off the closing card it goes straight to the closing card; on it (or with none) the
        session ends. Stopping is how an open-ended session is meant to end, so it finishes;
        any other shape is marked as ended early unless its closing card came in play.
        """
        open_ended = self.deal.options.shape is Shape.OPEN
        closing = next((i for i, s in enumerate(self.steps) if s.card.kind is Kind.CLOSING), None)
        if closing is None or self.position >= closing:
            self.ended_early = not open_ended and (self.ended_early or not self.is_closing)
            self.ended_at = self.clock()
            return
        self.ended_early = not open_ended
        self.position = closing
        self.turn = 0

    @property
    def played_through(self) -> bool:
        """Whether the session is over and was not ended early (q on open-ended counts)."""
        return self.finished and not self.ended_early

    def left_cards(self) -> list[Left]:
        """Every card that left the table in this run, as the summary counts them."""
        return [Left(p.step.card.kind, p.step.card.depth, p.outcome.value) for p in self.plays]

    def _leave(self, outcome: Outcome) -> Play:
        step = self.steps[self.position]
        play = Play(self.position, step, outcome, self.clock())
        self.plays.append(play)
        self.position += 1
        self.turn = 0
        if self.position >= len(self.steps):
            self.ended_at = play.at
        return play

    def _replace(self, outcome: Outcome) -> Play:
        step = self.steps[self.position]
        play = Play(self.position, step, outcome, self.clock())
        self.plays.append(play)
        replacement = self._take_reserve(step)
        if replacement is None:
            # Nothing left to deal at any depth: the slot goes, the session moves on.
            del self.steps[self.position]
        else:
            self.steps[self.position] = step.replace(card=replacement, fallback=None)
        # The rotation goes on from the reader of the card that left: after a dropped slot
        # nobody reads twice in a row; a wildcard that became a question takes a turn; a
        # question marked `both` is answered by everyone.
        self._reassign_turns(step.reader)
        self.turn = 0
        if self.position >= len(self.steps):
            self.ended_at = play.at
        return play

    def _take_reserve(self, step: Step) -> Card | None:
        """The spare card that replaces ``step``'s card, taken out of the reserve: never one
        of an idea the session has already dealt."""
        # Plans saved before slots kept their target fall back on the card's own depth.
        slot = step.target if step.target is not None else step.card.depth
        used = {s.card.idea_key for s in self.steps} | {p.step.card.idea_key for p in self.plays}
        if step.together:
            # Another wildcard if one fits the slot; otherwise a question at the slot's depth.
            for index, card in enumerate(self.reserve):
                if card.kind is Kind.ACTION and card.depth <= slot and card.idea_key not in used:
                    return self.reserve.pop(index)
            depth = slot
        else:
            depth = step.card.depth
        # After a dropped slot the position runs behind the slot's index in the deal; the
        # bounds only differ at the end of an open-ended session's first set.
        floor, ceiling = depth_bounds(self.deal.options, self.position)
        for wanted in (depth, *nearest_depths(depth)):
            if not floor <= wanted <= ceiling:
                continue
            for index, card in enumerate(self.reserve):
                fresh = card.idea_key not in used
                if card.kind is Kind.QUESTION and card.depth is wanted and fresh:
                    return self.reserve.pop(index)
        return None

    def _reassign_turns(self, reader: str) -> None:
        """Give the steps from the table on their turns again, the rotation starting at
        ``reader`` (the reader of the next question when the card on the table was dealt)."""
        players = self.deal.options.players
        if reader not in players:
            return
        rest = self.steps[self.position :]
        turns = assign_turns(
            [s.card for s in rest],
            players,
            everyone=self.deal.options.everyone,
            first=players.index(reader),
        )
        self.steps[self.position :] = [
            s.replace(reader=who, answerers=answerers)
            for s, (who, answerers) in zip(rest, turns, strict=True)
        ]
