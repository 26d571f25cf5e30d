"""Fuzzing the loader: whatever the bytes, a Deck or a DeckError, and never slowly."""

from __future__ import annotations

import time
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeness_cards.core.cards import Deck
from closeness_cards.core.deckfile import DeckError, DeckProblem, parse_deck
from support.decks import VALID_DECK

TIME_LIMIT = 1.0
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_or_refuse(data: bytes) -> None:
    """The property: ``parse_deck`` returns a Deck or raises DeckError, in bounded time."""
    began = time.perf_counter()
    try:
        deck = parse_deck(data, "fuzz.yaml")
    except DeckError as error:
        assert error.problems
        assert all(isinstance(problem, DeckProblem) for problem in error.problems)
        assert all(str(problem).startswith("fuzz.yaml") for problem in error.problems)
    else:
        assert isinstance(deck, Deck)
        assert deck.cards
    assert time.perf_counter() - began < TIME_LIMIT


@FUZZ
@given(st.binary(max_size=4096))
def test_any_bytes(data: bytes) -> None:
    load_or_refuse(data)


@FUZZ
@given(st.binary(max_size=512).map(lambda data: b"\xef\xbb\xbfschema: 1\nid: x\n" + data))
def test_any_bytes_after_a_promising_start(data: bytes) -> None:
    load_or_refuse(data)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=40),
    st.sampled_from(["schema", "id", "cards", "text", "depth", "stages", "any", "dating", 1, 3]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=10) | st.sampled_from(["id", "text", "depth"]), inner, max_size=4
        )
    ),
    max_leaves=30,
)


@FUZZ
@given(VALUES, st.sampled_from([False, True, None]), st.booleans())
def test_any_yaml_document(value: Any, flow: bool | None, unicode: bool) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=unicode)
    load_or_refuse(text.encode("utf-8"))


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["schema", "id", "title", "description", "stages", "cards"]),
        VALUES,
        max_size=6,
    ),
    st.lists(st.dictionaries(st.sampled_from(["id", "text", "depth", "kind"]), VALUES), max_size=3),
)
def test_any_deck_shaped_document(deck: dict[str, Any], cards: list[dict[str, Any]]) -> None:
    load_or_refuse(yaml.safe_dump({**deck, "cards": cards}).encode("utf-8"))


EDITS = st.lists(
    st.tuples(
        st.floats(0, 1),
        st.sampled_from(["insert", "delete", "replace"]),
        st.sampled_from(list(":-[]{}&*!|>'\"#%@`,? \t\n\\")) | st.characters(),
    ),
    min_size=1,
    max_size=8,
)


@FUZZ
@given(EDITS)
def test_a_valid_deck_with_random_edits(edits: list[tuple[float, str, str]]) -> None:
    text = VALID_DECK
    for where, how, char in edits:
        at = int(where * len(text))
        if how == "insert":
            text = text[:at] + char + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + char + text[at + 1 :]
    load_or_refuse(text.encode("utf-8", "surrogatepass"))
