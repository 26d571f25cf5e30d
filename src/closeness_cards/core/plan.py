"""Deals as JSON: the `deal --json` document, and the saved plan a session resumes from."""

from __future__ import annotations

import json

from closeness_cards.core.cards import Depth, Stage
from closeness_cards.core.game import Deal, DepthPlan, Options, Shape, Step

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from closeness_cards.core.library import Library
    from closeness_cards.core.session import Session

PLAN_VERSION = 1
_UNREADABLE = (KeyError, TypeError, AttributeError, OverflowError, RecursionError, ValueError)
"""What reading a saved plan may raise on a plan that is not one (a damaged row)."""


def step_document(step: Step) -> dict[str, Any]:
    """One step as the `deal --json` document shows it."""
    card = step.card
    document: dict[str, Any] = {
        "card": card.global_id,
        "deck": card.deck_id,
        "kind": card.kind.value,
        "depth": int(card.depth),
        "text": card.text,
        "reader": step.reader,
        "answerers": list(step.answerers),
        "set": step.set_number,
    }
    if card.theme:
        document["theme"] = card.theme
    if card.follow_up:
        document["follow_up"] = card.follow_up
    if card.minutes:
        document["minutes"] = card.minutes
    tip = step.listening_tip
    if tip is not None:
        document["tip"] = tip
    if step.fallback is not None:
        document["fallback"] = int(step.fallback)
    return document


def deal_document(deal: Deal) -> dict[str, Any]:
    """The whole deal as one JSON-able document (DESIGN §5), the closing card last."""
    options = deal.options
    return {
        "seed": options.seed,
        "stage": options.stage.value,
        "shape": options.shape.value,
        "depth": options.depth.value,
        "players": list(options.players),
        "mature": options.mature,
        "touch": options.touch,
        "wildcards": options.wildcards,
        "everyone": options.everyone,
        "passes": options.passes,
        "steps": [step_document(step) for step in deal.steps],
    }


def options_document(options: Options) -> dict[str, Any]:
    """Options as plain values."""
    return {
        "players": list(options.players),
        "stage": options.stage.value,
        "shape": options.shape.value,
        "depth": options.depth.value,
        "seed": options.seed,
        "mature": options.mature,
        "touch": options.touch,
        "wildcards": options.wildcards,
        "everyone": options.everyone,
        "passes": options.passes,
    }


def options_from(document: dict[str, Any]) -> Options:
    """Options back from plain values."""
    return Options(
        players=tuple(document["players"]),
        stage=Stage(document["stage"]),
        shape=Shape(document["shape"]),
        depth=DepthPlan(document["depth"]),
        seed=int(document["seed"]),
        mature=bool(document["mature"]),
        wildcards=bool(document["wildcards"]),
        everyone=bool(document["everyone"]),
        passes=int(document["passes"]),
        touch=bool(document.get("touch", False)),  # plans saved before touch was a choice
    )


def dump_plan(session: Session) -> str:
    """What a session needs to resume exactly where it is, as JSON text."""
    steps = [
        {
            "card": s.card.global_id,
            "reader": s.reader,
            "answerers": list(s.answerers),
            "set": s.set_number,
            "tip": s.tip.global_id if s.tip else None,
            "fallback": None if s.fallback is None else int(s.fallback),
            "target": None if s.target is None else int(s.target),
        }
        for s in session.steps
    ]
    return json.dumps(
        {
            "version": PLAN_VERSION,
            "options": options_document(session.deal.options),
            "steps": steps,
            "reserve": [card.global_id for card in session.reserve],
            "passes_left": session.passes_left,
        },
        separators=(",", ":"),
    )


def load_plan(text: str, library: Library) -> tuple[Deal, dict[str, int]]:
    """A saved plan back as a deal (with the passes each player has left).

    Cards whose deck is gone are left out. Raises ValueError for a plan that cannot be read.
    """
    try:
        document = json.loads(text)
        if document.get("version") != PLAN_VERSION:
            raise ValueError("a plan saved by another version")
        options = options_from(document["options"])
        steps: list[Step] = []
        for item in document["steps"]:
            card = library.card(item["card"])
            if card is None:
                continue
            tip = library.card(item["tip"]) if item.get("tip") else None
            # Plans saved before fallbacks were data carry an English "note": not read.
            fallback, target = item.get("fallback"), item.get("target")
            steps.append(
                Step(
                    card,
                    item["reader"],
                    tuple(item["answerers"]),
                    int(item["set"]),
                    tip,
                    None if fallback is None else Depth(int(fallback)),
                    None if target is None else Depth(int(target)),
                )
            )
        reserve = tuple(
            card for card in (library.card(cid) for cid in document["reserve"]) if card is not None
        )
        passes = {str(k): int(v) for k, v in document["passes_left"].items()}
    except (
        KeyError,
        TypeError,
        AttributeError,
        OverflowError,
        RecursionError,
        ValueError,
    ) as error:
        raise ValueError(f"the saved plan cannot be read: {error}") from None
    return Deal(options, tuple(steps), reserve), passes


def resume(text: str, position: int, library: Library, clock: Any) -> Session:
    """A session rebuilt from its saved plan, on the step where it stopped."""
    from closeness_cards.core.session import Session  # only a resume needs it

    deal, passes = load_plan(text, library)
    session = Session(deal, clock, position=min(position, len(deal.steps)))
    session.passes_left.update(passes)
    return session
