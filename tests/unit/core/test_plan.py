"""Saved plans and the `deal --json` document: what a session resumes from, and what it shows."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from closeness_cards.core.cards import Deck, Depth, Kind, Stage
from closeness_cards.core.game import Options, Shape, plan_deal
from closeness_cards.core.library import Library
from closeness_cards.core.plan import deal_document, dump_plan, load_plan
from closeness_cards.core.session import Session
from support import make_cards


def clock() -> datetime:
    return datetime(2026, 3, 1, 20, 0, tzinfo=timezone.utc)


def short_of_deep() -> Library:
    """A deck with one deep question, so a standard rising deal runs out of deep cards."""
    cards = [c for c in make_cards(10, actions=0) if c.depth != 3 or c.id.endswith("-0")]
    return Library((Deck("test", "Test", tuple(cards)),))


def test_a_fallback_is_saved_as_the_depth_asked_for_and_read_back() -> None:
    library = short_of_deep()
    deal = plan_deal(library.cards, Options(("Ana", "Ben"), Stage.DATING, Shape.STANDARD))
    saved = json.loads(dump_plan(Session(deal, clock)))
    assert [step["fallback"] for step in saved["steps"]][8] == 3
    assert all("note" not in step for step in saved["steps"])
    again, _ = load_plan(dump_plan(Session(deal, clock)), library)
    assert [s.fallback for s in again.steps] == [s.fallback for s in deal.steps]


def test_a_plan_saved_with_a_note_still_loads_and_the_note_is_dropped() -> None:
    library = short_of_deep()
    deal = plan_deal(library.cards, Options(("Ana", "Ben"), Stage.DATING, Shape.STANDARD))
    document = json.loads(dump_plan(Session(deal, clock)))
    for step in document["steps"]:
        del step["fallback"]
        step["note"] = "No more deep cards for this stage: dealing open up cards instead."
    again, _ = load_plan(json.dumps(document), library)
    assert [s.card for s in again.steps] == [s.card for s in deal.steps]
    assert {s.fallback for s in again.steps} == {None}


def test_the_deal_document_gives_the_fallback_as_a_number_and_no_sentence() -> None:
    deal = plan_deal(short_of_deep().cards, Options(("Ana", "Ben"), Stage.DATING, Shape.STANDARD))
    steps = deal_document(deal)["steps"]
    assert steps[8]["fallback"] == int(Depth.DEEP)
    assert sum(1 for step in steps if "fallback" in step) == 1
    assert all("note" not in step for step in steps)
    assert steps[-1]["kind"] == Kind.CLOSING.value
