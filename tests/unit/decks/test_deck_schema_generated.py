"""Generated decks: the JSON Schema and the loader agree on whatever hypothesis writes."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from closeness_cards.core.cards import (
    MINUTES_MAX,
    TEXT_MAX,
    TEXT_MIN,
    THEMES,
    Audience,
    Fits,
    Kind,
)
from closeness_cards.core.deckfile import (
    CARD_KEYS,
    DECK_KEYS,
    DESCRIPTION_MAX,
    LANGUAGE_MAX,
    LANGUAGE_MIN,
    REQUIRED_CARD_KEYS,
    REQUIRED_DECK_KEYS,
    STAGE_NAMES,
    TITLE_MAX,
)
from support.decks import (
    PLAIN_DIGITS,
    Written,
    deck_with,
    dump,
    loader_accepts,
    schema_accepts,
)

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 70),
    st.floats(),
    st.text(max_size=12),
    st.lists(st.integers(0, 4) | st.text(max_size=6), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
SLUGS = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
WHITESPACE = st.sampled_from([" ", "  ", "\n", "\t", "\r\n", "\xa0", "\u3000", "\u2028"])
SPECIAL = st.sampled_from(
    ["\x1b[31m", "\x0b", "\x07", "\u202e", "\u2066", "\x85", "\ufeff", "\x00", "é",
     "\U000e0041", "\U000e007f", "\ue000", "\U0010fffd", "\u2062", "\u206a", "\ufffa",
     "\u180e", "\U0001d173", "\u200b", "\u200d", "\u2060", "\u00ad", "\ufe0f", "\u0301",
     "👩‍❤️‍👨", "🏴󠁧󠁢󠁷󠁬󠁳󠁿", "\u3164", "\u2800"]
)  # fmt: skip
INVISIBLE = st.sampled_from(
    [" ", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u034f", "\u115f", "\u3164",
     "\uffa0", "\u2800", "\ufe0f", "\U000e0100", "\u0301", "\u036f", "\u20dd", "\u1dc0",
     "\ufe20", "\u0489", "\n", "\u3000"]
)  # fmt: skip
"""Characters that show nothing (the last few are combining marks that follow anything)."""


@st.composite
def texts(draw: st.DrawFn, low: int, high: int, *, bad: bool = False) -> str:
    """Text of a length from ``low`` to ``high`` with runs of whitespace; or, when ``bad``,
    near those limits with now and then a character the loader refuses, or anything at all."""
    if bad and draw(st.booleans()):
        return draw(st.text(max_size=high + 10))
    if bad and draw(st.integers(0, 5)) == 0:  # nothing that shows, maybe but for one letter
        blank = draw(st.text(INVISIBLE, min_size=low, max_size=high + 3))
        return blank + draw(st.sampled_from(["", "", "x"]))
    size = st.integers(max(low - 3, 0), high + 3) if bad else st.integers(low, high)
    letters = list("x" * draw(size))
    for _ in range(draw(st.integers(0, 5))):
        letters.insert(draw(st.integers(0, len(letters))), draw(WHITESPACE))
    if bad and draw(st.booleans()):
        letters.insert(draw(st.integers(0, len(letters))), draw(SPECIAL))
    return "".join(letters)


@st.composite
def number_forms(draw: st.DrawFn, low: int, high: int) -> Written:
    """A number in range written some other way than plain digits (or, now and then, so)."""
    value = draw(st.integers(low, high))
    form = draw(
        st.sampled_from(
            ["{}", "0{}", "00{}", "+{}", "{}.0", "{}.", "{}e0", "0x{:x}", "0o{:o}", "0b{:b}",
             "0{:o}", "+0_{}", "{}_", "-{}", "0:{}", "{}.00e+0", "{}"]
        )
    )  # fmt: skip
    text = form.format(*[value] * form.count("{"))
    if draw(st.booleans()) and len(text) > 1:  # an underscore anywhere after the first
        at = draw(st.integers(1, len(text) - 1))
        text = text[:at] + "_" + text[at:]
    return Written(text)


def numbers(low: int, high: int) -> tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]:
    valid = st.integers(low, high)
    odd = st.sampled_from([high + 0.5, True, False, "2", None, float("inf"), float("nan")])
    huge = st.integers(41, 400).map(lambda digits: Written("9" * digits))
    floats = st.integers(low, high).map(float)
    return valid, st.one_of(st.integers(low - 3, high + 3), odd, number_forms(low, high),
                            huge, floats, JUNK)  # fmt: skip


def choices(options: list[str]) -> tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]:
    return st.sampled_from(options), st.one_of(st.text(max_size=8), JUNK)


def stage_values() -> tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]:
    stage, junk = choices(list(STAGE_NAMES))
    valid = stage | st.lists(stage, min_size=1, max_size=3)
    return valid, st.one_of(junk, st.lists(stage | junk, max_size=3))


FLAGS = (st.booleans(), st.sampled_from([0, 1, "yes", "true", None]) | JUNK)
Field = tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]
"""How to draw a field: a value the loader should take, and one it may well refuse."""
DECK_FIELDS: dict[str, Field] = {
    "schema": (
        st.just(1),
        st.sampled_from([2, 0, True, "1", None, 1.0]) | number_forms(1, 1) | JUNK,
    ),
    "id": (SLUGS, st.sampled_from(["abc\n", "Bad Id", "a" * 65, "a--b"]) | JUNK),
    "title": (texts(1, TITLE_MAX), texts(1, TITLE_MAX, bad=True)),
    "description": (texts(0, 120), texts(0, DESCRIPTION_MAX, bad=True)),
    "audience": choices([a.value for a in Audience]),
    "stages": stage_values(),
    "table": choices([f.value for f in Fits]),
    "language": (texts(LANGUAGE_MIN, LANGUAGE_MAX), texts(LANGUAGE_MIN, LANGUAGE_MAX, bad=True)),
}
CARD_FIELDS: dict[str, Field] = {
    "id": (SLUGS, st.sampled_from(["abc\n", "Card_1", ""]) | JUNK),
    "text": (texts(TEXT_MIN, TEXT_MAX), texts(TEXT_MIN, TEXT_MAX, bad=True)),
    "depth": numbers(1, 3),
    "kind": choices([k.value for k in Kind]),
    "stages": stage_values(),
    "theme": choices(sorted(THEMES)),
    "follow_up": (texts(TEXT_MIN, TEXT_MAX), texts(TEXT_MIN, TEXT_MAX, bad=True)),
    "both": FLAGS,
    "minutes": numbers(1, MINUTES_MAX),
    "mature": FLAGS,
    "table": choices([f.value for f in Fits]),
}
UNKNOWN_KEYS = st.text(min_size=1, max_size=8).filter(lambda k: k not in DECK_KEYS + CARD_KEYS)


@st.composite
def mappings(
    draw: st.DrawFn, fields: dict[str, Field], required: tuple[str, ...], chance: random.Random
) -> dict[str, Any]:
    # Mostly right, now and then wrong, so that a good share of the decks are valid. The odds
    # come from ``chance``: hypothesis would draw its edge cases (0, empty) far more often.
    built: dict[str, Any] = {}
    for key, (valid, invalid) in fields.items():
        if chance.random() < (0.97 if key in required else 0.4):
            built[key] = draw(invalid if chance.random() < 0.04 else valid)
    if chance.random() < 0.03:
        built[draw(UNKNOWN_KEYS)] = draw(JUNK)
    return built


@st.composite
def decks(draw: st.DrawFn) -> dict[str, Any]:
    chance = draw(st.randoms(use_true_random=True))
    deck = draw(mappings(DECK_FIELDS, REQUIRED_DECK_KEYS, chance))
    if chance.random() < 0.97:
        count = chance.choice([0, 1, 1, 2, 3]) if chance.random() < 0.1 else chance.randint(1, 3)
        cards: list[Any] = []
        for _ in range(count):
            junk = chance.random() < 0.03
            cards.append(draw(JUNK if junk else mappings(CARD_FIELDS, REQUIRED_CARD_KEYS, chance)))
        deck["cards"] = cards
        # Unique card ids are a rule no JSON Schema can state: keep them out of the way.
        ids = [card.get("id") for card in cards if isinstance(card, dict)]
        assume(len({repr(i) for i in ids}) == len(ids))
    return deck


def _agree(deck: Any, flow: bool | None, unicode: bool) -> None:
    document = dump(
        deck, sort_keys=False, default_flow_style=flow, allow_unicode=unicode, width=100
    )
    loader, schema = loader_accepts(document), schema_accepts(document)
    event(f"accepted: {loader}")
    assert loader == schema, f"loader accepts: {loader}, schema accepts: {schema}\n{document}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decks(), st.sampled_from([False, None, True]), st.booleans())
def test_loader_and_schema_agree_on_generated_decks(
    deck: dict[str, Any], flow: bool | None, unicode: bool
) -> None:
    _agree(deck, flow, unicode)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=TEXT_MAX + 20) | texts(TEXT_MIN, TEXT_MAX, bad=True), st.booleans())
def test_loader_and_schema_agree_on_any_card_text(text: str, unicode: bool) -> None:
    _agree(deck_with(card_text=text, card_follow_up=text), None, unicode)


@settings(max_examples=300, deadline=None)
@given(
    number_forms(1, 3),
    number_forms(1, MINUTES_MAX),
    number_forms(1, 1) | st.just(1),
    st.sampled_from([False, None]),
)
def test_loader_and_schema_agree_on_how_whole_numbers_are_written(
    depth: Written, minutes: Written, version: Written | int, flow: bool | None
) -> None:
    event(f"plain digits: {PLAIN_DIGITS.fullmatch(depth.text) is not None}")
    _agree(deck_with(card_depth=depth, card_minutes=minutes, schema=version), flow, False)
