"""Planning a session: which cards, in which order, who reads and who answers."""

from __future__ import annotations

import os
import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from enum import Enum

from closeness_cards.core.cards import Card, Depth, Fits, Kind
from closeness_cards.core.deal import DEFAULT_PASSES as DEFAULT_PASSES
from closeness_cards.core.deal import Deal as Deal
from closeness_cards.core.deal import DepthPlan as DepthPlan
from closeness_cards.core.deal import Options as Options
from closeness_cards.core.deal import Shape as Shape
from closeness_cards.core.deal import Step as Step
from closeness_cards.core.decktext import hidden_character, shows_nothing
from closeness_cards.core.limits import Limits

MIN_PLAYERS = 2
MAX_PLAYERS = 8
NAME_MAX = 24
SET_SIZE = 12
OPEN_LIMIT = 120
"""An open-ended session is planned this far ahead; players stop whenever they like."""
WILDCARD_RATE = 1 / 6


class Problem(str, Enum):
    """Why options cannot make a session; front ends put it into words."""

    PLAYER_COUNT = "player-count"
    """``count``: how many players were named."""
    EMPTY_NAME = "empty-name"
    LONG_NAME = "long-name"
    """``name``: the name that is too long."""
    CONTROL_IN_NAME = "control-in-name"
    SAME_NAME = "same-name"
    NO_QUESTIONS = "no-questions"
    """``stage``: the stage no question fits."""
    PASSES_RANGE = "passes-range"


class GameError(ValueError):
    """Options that cannot make a session: a code and the values the words need."""

    def __init__(self, problem: Problem, **values: object) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.values = values


def new_seed() -> int:
    """A fresh seed for a deal nobody asked to reproduce."""
    return int.from_bytes(os.urandom(4), "big") >> 1


def target_depths(plan: DepthPlan, count: int, *, open_ended: bool = False) -> list[Depth]:
    """The depth each of ``count`` question slots aims for.

    Rising sessions spend a third each at depths 1, 2 and 3 (gentle ones half each at 1 and
    2). Open-ended ones rise over their first set like a standard session, then stay at open
    up and deep (gentle: open up): a long evening has warmed up once and does not go back.
    """
    if plan in (DepthPlan.ONE, DepthPlan.TWO, DepthPlan.THREE):
        return [Depth(int(plan.value))] * count
    if open_ended:
        first = target_depths(plan, min(count, SET_SIZE))
        if plan is DepthPlan.GENTLE:
            return first + [Depth.OPEN_UP] * (count - len(first))
        return first + [Depth(2 + i % 2) for i in range(count - len(first))]
    if plan is DepthPlan.GENTLE:
        return [Depth(1 + (2 * i) // count) for i in range(count)]
    return [Depth(1 + (3 * i) // count) for i in range(count)]


def depth_bounds(options: Options, index: int) -> tuple[Depth, Depth]:
    """The gentlest and the deepest depth question slot ``index`` may deal, fallbacks included.

    Gentle sessions never go past open up; an open-ended session that has risen through its
    first set never goes back to warm-up, even when open up and deep run out.
    """
    ceiling = Depth.OPEN_UP if options.depth is DepthPlan.GENTLE else Depth.DEEP
    rising = options.depth in (DepthPlan.RISE, DepthPlan.GENTLE)
    risen = rising and options.shape is Shape.OPEN and index >= SET_SIZE
    return (Depth.OPEN_UP if risen else Depth.WARM_UP), ceiling


def check_players(names: Sequence[str]) -> tuple[str, ...]:
    """Clean and check player names; raise GameError saying what is wrong."""
    players = tuple(" ".join(name.split()) for name in names)
    if not MIN_PLAYERS <= len(players) <= MAX_PLAYERS:
        raise GameError(Problem.PLAYER_COUNT, count=len(players))
    for name in players:
        check_name(name)
    folded = [name.casefold() for name in players]
    if len(set(folded)) != len(folded):
        raise GameError(Problem.SAME_NAME)
    return players


def check_name(name: str) -> str:
    """Check one player's name, already cleaned; raise GameError saying what is wrong."""
    if not name:
        raise GameError(Problem.EMPTY_NAME)
    if len(name) > NAME_MAX:
        raise GameError(Problem.LONG_NAME, name=name)
    hidden = hidden_character(name)
    if hidden is not None or shows_nothing(name):
        # Emoji with joiners and variation selectors are names too; what cannot be
        # seen, or moves the terminal, is not.
        raise GameError(Problem.CONTROL_IN_NAME, what=hidden or "nothing that shows")
    return name


def eligible(cards: Iterable[Card], options: Options, hidden: Iterable[str] = ()) -> list[Card]:
    """The cards a session may deal: fitting its stage and its table (a pair or a group),
    not hidden, mature only if enabled, touch only if the players switched it on.

    Everything a deal holds, the reserve included, comes from these: a card whose words
    fit another table is never dealt, not even to replace a passed one.
    """
    stage, mature, touch, off = options.stage, options.mature, options.touch, set(hidden)
    # Card.fits_table, decided once for the table rather than once a card.
    unfit = {fits for fits in Fits if not fits.admits(len(options.players))}
    fitting = [
        c
        for c in cards
        if stage in c.stages
        and (mature or not c.mature)
        and (touch or not c.touch)
        and c.table not in unfit
    ]
    return [c for c in fitting if c.global_id not in off] if off else fitting


def seen_ideas(cards: Iterable[Card], seen: Mapping[str, datetime]) -> dict[str, datetime]:
    """When each idea was last asked: ``seen`` (by card) keyed by ``Card.idea_key``.

    A card that shares its idea with others counts as seen when any of them was: a question
    asked last week in other words is not fresh. ``cards`` are all the cards loaded, so a
    card seen at another stage counts too.
    """
    ideas = {card.global_id: card.idea_key for card in cards if card.idea is not None}
    if not ideas:
        return dict(seen)
    last: dict[str, datetime] = {}
    for card_id, when in seen.items():
        key = ideas.get(card_id, card_id)
        if key not in last or when > last[key]:
            last[key] = when
    return last


def freshest_first(
    cards: Iterable[Card], seen: Mapping[str, datetime], rng: random.Random
) -> list[Card]:
    """Never-seen cards in random order, then seen cards from the longest ago.

    ``seen`` is keyed by idea (``seen_ideas``): a card whose idea was asked is not new.
    """
    ordered = sorted(cards, key=lambda card: card.global_id)
    rng.shuffle(ordered)
    never = [card for card in ordered if card.idea_key not in seen]
    before = sorted(
        (card for card in ordered if card.idea_key in seen),
        key=lambda card: seen[card.idea_key],
    )
    return never + before


def nearest_depths(depth: Depth) -> list[Depth]:
    """Depths to fall back on when ``depth`` has run out, nearest (and gentler) first."""
    order = [depth - 1, depth + 1, depth - 2, depth + 2]
    return [Depth(d) for d in order if 1 <= d <= 3]


def turn_order(
    players: Sequence[str], index: int, *, everyone: bool
) -> tuple[str, tuple[str, ...]]:
    """Who reads question ``index`` (counting questions only) and who answers it, in order.

    The reader rotates through the players; the next player answers. With two players this
    makes the reader alternate on every question, so each asks and each answers in turn.
    """
    count = len(players)
    reader = players[index % count]
    answerer = (index + 1) % count
    if not everyone:
        return reader, (players[answerer],)
    return reader, tuple(players[(answerer + k) % count] for k in range(count))


def assign_turns(
    cards: Sequence[Card], players: Sequence[str], *, everyone: bool, first: int = 0
) -> list[tuple[str, tuple[str, ...]]]:
    """Who reads and who answers each of ``cards``, in order, the rotation starting at ``first``.

    Turns move on with each question only: a wildcard is done together, so counting it as a
    turn would leave one partner answering more questions than the other. A wildcard goes to
    the reader of the next question; the closing card is answered by everyone.
    """
    asked = first
    turns = []
    for card in cards:
        together = everyone or card.both or card.kind is Kind.CLOSING
        turns.append(turn_order(players, asked, everyone=together))
        if card.kind is Kind.QUESTION:
            asked += 1
    return turns


def plan_deal(
    cards: Iterable[Card],
    options: Options,
    *,
    seen: Mapping[str, datetime] | None = None,
    hidden: Iterable[str] = (),
    shares: Mapping[str, int] | None = None,
) -> Deal:
    """Plan a whole session from the loaded cards.

    The same cards, options (seed included), history and hidden list always give the
    same deal. A session asks each idea once at most (``Card.idea``), and a deck with a
    share (percent, by deck id in ``shares``) gives at most that share of its questions
    while other decks still have a card for the slot.

    Raises:
        GameError: no question fits the stage with these decks.
    """
    rng = random.Random(options.seed)
    cards = list(cards)
    seen = seen_ideas(cards, seen or {})
    pool = eligible(cards, options, hidden)
    by_kind = {kind: [c for c in pool if c.kind is kind] for kind in Kind}
    questions = freshest_first(by_kind[Kind.QUESTION], seen, rng)
    if not questions:
        raise GameError(Problem.NO_QUESTIONS, stage=options.stage.value)
    queues = {depth: [c for c in questions if c.depth is depth] for depth in Depth}
    count = options.shape.card_count
    open_ended = count is None
    slots = target_depths(
        options.depth, count or min(OPEN_LIMIT, len(questions)), open_ended=open_ended
    )
    # A set pause is a fresh start: the players come back to a question, not a task.
    pauses = range(SET_SIZE, len(slots), SET_SIZE) if options.shape is Shape.THREE_SETS else ()
    wild = _wildcard_slots(
        len(slots), options.wildcards and bool(by_kind[Kind.ACTION]), rng, barred=set(pauses)
    )
    actions = freshest_first(by_kind[Kind.ACTION], seen, rng)
    tips = freshest_first(by_kind[Kind.TIP], {}, rng)
    picked: list[Card] = []
    limits = Limits(len(slots), shares or {}, seen.keys())
    for index, target in enumerate(slots):
        if index in wild:
            wildcard = limits.take(actions, deepest=target)
            if wildcard is not None:
                picked.append(wildcard)
                continue
        floor, ceiling = depth_bounds(options, index)
        depths = [target, *(d for d in nearest_depths(target) if floor <= d <= ceiling)]
        card = limits.question(queues, depths)
        if card is None:
            break
        picked.append(card)
    if options.depth in (DepthPlan.RISE, DepthPlan.GENTLE):
        # A fallback can pick a gentler card late: re-order so the session still only rises.
        # An open-ended session rises over its first set only; re-ordering it whole would
        # pull every warm-up of a long evening to the front.
        end = SET_SIZE if open_ended else len(picked)
        picked = _rising(picked[:end]) + picked[end:]
    closings = freshest_first(by_kind[Kind.CLOSING], seen, rng)
    last = limits.take(closings)
    closing = [] if last is None else [last]
    turns = assign_turns([*picked, *closing], options.players, everyone=options.everyone)
    steps: list[Step] = []
    warned: set[Depth] = set()
    for index, card in enumerate(picked):
        target, fallback = slots[index], None
        if card.kind is Kind.QUESTION and card.depth is not target and target not in warned:
            warned.add(target)
            fallback = target
        reader, answerers = turns[index]
        # A card with a tip of its own keeps the dealt tips for the cards without one.
        dealt_tip = tips and card.kind is Kind.QUESTION and card.tip is None
        tip = tips.pop(0) if dealt_tip else None
        set_number = 1 + index // SET_SIZE if options.shape is Shape.THREE_SETS else 1
        steps.append(Step(card, reader, answerers, set_number, tip, fallback, target))
    if closing:
        reader, answerers = turns[-1]
        set_number = steps[-1].set_number if steps else 1
        steps.append(Step(closing[0], reader, answerers, set_number))
    spare = actions if options.wildcards else []
    reserve = tuple(
        card
        for card in (*(card for depth in Depth for card in queues[depth]), *spare)
        if card.idea_key not in limits.used
    )
    return Deal(options, tuple(steps), reserve)


def _rising(cards: list[Card]) -> list[Card]:
    """``cards`` with their questions in order of depth; other cards keep their places."""
    questions = iter(sorted((c for c in cards if c.kind is Kind.QUESTION), key=lambda c: c.depth))
    return [next(questions) if c.kind is Kind.QUESTION else c for c in cards]


def _wildcard_slots(count: int, enabled: bool, rng: random.Random, *, barred: set[int]) -> set[int]:
    """Slots for wildcards: a modest share, never two in a row, none in ``barred``.

    The first two cards are questions: a wildcard makes a better break than a beginning.
    """
    slots: set[int] = set()
    if not enabled:
        return slots
    most = max(1, round(count * WILDCARD_RATE))
    for index in range(2, count):
        if index in barred or index - 1 in slots or len(slots) >= most:
            continue
        if rng.random() < WILDCARD_RATE:
            slots.add(index)
    return slots
