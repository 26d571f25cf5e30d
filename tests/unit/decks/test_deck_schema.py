"""The JSON Schema for decks: shipped in the package, and in agreement with the loader."""

from __future__ import annotations

import json
import math
import random
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from closeness_cards.core.cards import MINUTES_MAX, TEXT_MAX, TEXT_MIN, THEMES, Audience, Kind
from closeness_cards.core.deckfile import (
    CARD_KEYS,
    DECK_KEYS,
    DESCRIPTION_MAX,
    LANGUAGE_MAX,
    LANGUAGE_MIN,
    REQUIRED_CARD_KEYS,
    REQUIRED_DECK_KEYS,
    SLUG_MAX,
    STAGE_NAMES,
    TITLE_MAX,
    DeckError,
    parse_deck,
)
from closeness_cards.core.decktext import (
    ALLOWED_PATTERN,
    BLANK_OR_VISIBLE_PATTERN,
    VISIBLE_PATTERN,
)
from support.decks import BAD_DECKS, BUILTIN_DECKS, VALID_DECK

MODELINE = "# yaml-language-server: $schema=../src/closeness_cards/deck.schema.json"

SCHEMA_REASONS = {
    "unknown_key_deck.yaml", "unknown_key_card.yaml", "wrong_type_depth.yaml",
    "wrong_type_text.yaml", "wrong_type_both.yaml", "wrong_type_cards.yaml",
    "wrong_type_card_list.yaml", "top_level_list.yaml", "top_level_scalar.yaml",
    "depth_out_of_range.yaml", "minutes_out_of_range.yaml", "missing_key_deck.yaml",
    "missing_key_card.yaml", "null_value.yaml", "bad_enum_kind.yaml", "bad_enum_stage.yaml",
    "bad_enum_theme.yaml", "bad_enum_audience.yaml", "empty_stages.yaml", "empty_cards.yaml",
    "bad_slug_deck.yaml", "bad_slug_card.yaml", "future_schema.yaml", "wrong_schema.yaml",
    "text_too_short.yaml", "text_too_long.yaml", "title_too_long.yaml", "control_escape.yaml",
    "control_bell.yaml", "bidi_override.yaml", "bidi_isolate.yaml", "several_errors.yaml",
    "number_form.yaml", "hidden_tags.yaml", "blank_text.yaml", "escape_in_key.yaml",
}  # fmt: skip
"""Fixtures the loader refuses for a reason the schema states too: it must refuse them."""

OTHER_REASONS = {
    "malformed.yaml": "not YAML: an unclosed quote",
    "tabs.yaml": "not YAML: tabs used to indent",
    "empty.yaml": "no document at all",
    "comments_only.yaml": "no document at all",
    "duplicate_key_deck.yaml": "YAML parsers keep the last of duplicate keys silently",
    "duplicate_key_card.yaml": "YAML parsers keep the last of duplicate keys silently",
    "duplicate_card_ids.yaml": "JSON Schema cannot require a property to be unique",
    "anchors.yaml": "anchors and aliases are a YAML feature, gone once loaded",
    "billion_laughs.yaml": "anchors and aliases are a YAML feature, gone once loaded",
    "merge_key.yaml": "merge keys are a YAML feature, gone once loaded",
    "python_name.yaml": "tags are a YAML feature; safe_load refuses this one itself",
    "two_documents.yaml": "a second YAML document, which safe_load refuses itself",
}
"""Fixtures the loader refuses for reasons no JSON Schema can see."""


@cache
def schema() -> dict[str, Any]:
    text = (resources.files("closeness_cards") / "deck.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


# Once YAML is read, JSON Schema sees the number 2 whether the file said 2, 02, 0x2, +2 or
# 2.0: it cannot see how a number was written. The schema's description states the rule
# (whole numbers in plain decimal digits); to hold the schema to it, the tests read YAML
# with numbers as written: only plain digits give an integer, and "integer" means a
# number written as one.
PLAIN_DIGITS = re.compile("0|[1-9][0-9]{0,999}")


class AsWritten(yaml.CSafeLoader):
    """libyaml, as the loader uses, with integers only where the file wrote plain digits."""


def _integer_as_written(loader: AsWritten, node: yaml.ScalarNode) -> int | float:
    value = loader.construct_scalar(node)
    # Any other form: a number, but not an integer (nan: never in any range either).
    return int(value) if PLAIN_DIGITS.fullmatch(value) else math.nan


AsWritten.add_constructor("tag:yaml.org,2002:int", _integer_as_written)

_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, instance: type(instance) is int
    ),
)


@cache
def validator() -> Any:
    return _Validator(schema())


def read_as_written(document: str) -> Any:
    return yaml.load(document, Loader=AsWritten)


def loader_accepts(document: str) -> bool:
    try:
        parse_deck(document.encode("utf-8"), "generated.yaml")
    except DeckError:
        return False
    return True


def schema_accepts(document: str) -> bool:
    # The same parser as the loader (libyaml), so only the rules differ, not the YAML.
    return bool(validator().is_valid(read_as_written(document)))


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema())


def test_the_schema_ships_inside_the_package() -> None:
    packaged = resources.files("closeness_cards") / "deck.schema.json"
    assert packaged.is_file()


def test_the_schema_states_the_loaders_rules() -> None:
    deck, card = schema(), schema()["$defs"]["card"]
    assert list(deck["properties"]) == list(DECK_KEYS)
    assert list(card["properties"]) == list(CARD_KEYS)
    assert deck["required"] == list(REQUIRED_DECK_KEYS)
    assert card["required"] == list(REQUIRED_CARD_KEYS)
    assert deck["additionalProperties"] is False and card["additionalProperties"] is False
    assert deck["properties"]["audience"]["enum"] == [a.value for a in Audience]
    assert card["properties"]["kind"]["enum"] == [k.value for k in Kind]
    assert card["properties"]["theme"]["enum"] == sorted(THEMES)
    assert schema()["$defs"]["stage"]["enum"] == list(STAGE_NAMES)
    assert schema()["$defs"]["slug"]["maxLength"] == SLUG_MAX
    assert (card["properties"]["depth"]["minimum"], card["properties"]["depth"]["maximum"]) == (
        1,
        3,
    )
    assert card["properties"]["minutes"]["maximum"] == MINUTES_MAX
    lengths = {
        "title": (deck["properties"]["title"], f"{{0,{TITLE_MAX - 1}}}"),
        "description": (deck["properties"]["description"], f"{{0,{DESCRIPTION_MAX - 1}}}"),
        "language": (
            deck["properties"]["language"],
            f"{{{LANGUAGE_MIN - 1},{LANGUAGE_MAX - 1}}}",
        ),
        "text": (card["properties"]["text"], f"{{{TEXT_MIN - 1},{TEXT_MAX - 1}}}"),
        "follow_up": (card["properties"]["follow_up"], f"{{{TEXT_MIN - 1},{TEXT_MAX - 1}}}"),
    }
    for field, (rule, repeat) in lengths.items():
        assert repeat in rule["allOf"][0]["pattern"], field
        assert rule["allOf"][1]["pattern"] == ALLOWED_PATTERN, field
        shows = BLANK_OR_VISIBLE_PATTERN if field == "description" else VISIBLE_PATTERN
        assert rule["allOf"][2]["pattern"] == shows, field


@pytest.mark.parametrize("path", BUILTIN_DECKS, ids=lambda path: path.name)
def test_every_builtin_deck_is_valid_by_the_schema(path: Any) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(document)]
    assert not errors


@pytest.mark.parametrize("path", BUILTIN_DECKS, ids=lambda path: path.name)
def test_every_builtin_deck_names_the_schema_on_its_first_line(path: Any) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE


def test_every_bad_fixture_is_sorted_by_why_it_is_bad() -> None:
    names = {path.name for path in BAD_DECKS.glob("*.yaml")}
    assert SCHEMA_REASONS.isdisjoint(OTHER_REASONS)
    assert names == SCHEMA_REASONS | set(OTHER_REASONS)


@pytest.mark.parametrize("name", sorted(SCHEMA_REASONS))
def test_the_schema_refuses_what_the_loader_refuses_for_a_schema_reason(name: str) -> None:
    document = (BAD_DECKS / name).read_text(encoding="utf-8")
    assert not loader_accepts(document)
    assert not validator().is_valid(read_as_written(document))


def deck_with(**fields: Any) -> dict[str, Any]:
    """A valid deck with one card, changed by ``fields`` (card fields prefixed ``card_``)."""
    card: dict[str, Any] = {"id": "one", "text": "What made you smile today?", "depth": 1}
    deck: dict[str, Any] = {"schema": 1, "id": "sample", "title": "Sample", "cards": [card]}
    for key, value in fields.items():
        target, key = (card, key[5:]) if key.startswith("card_") else (deck, key)
        if value is _ABSENT:
            del target[key]
        else:
            target[key] = value
    return deck


_ABSENT = object()


@dataclass(frozen=True)
class Written:
    """A scalar that goes into the YAML exactly as given, plain: 0x2, +0_2, 2.0."""

    text: str


class Dumper(yaml.SafeDumper):
    """``yaml.safe_dump``, with ``Written`` values written as themselves."""


def _represent_written(dumper: Dumper, value: Written) -> yaml.ScalarNode:
    # The tag YAML would give the text, so that it is written plain, with no tag or quotes.
    tag = dumper.resolve(yaml.ScalarNode, value.text, (True, False))
    return dumper.represent_scalar(tag, value.text)


Dumper.add_representer(Written, _represent_written)


def dump(value: Any, **options: Any) -> str:
    return yaml.dump(value, Dumper=Dumper, **options)


NUMBER_FORMS = ["02", "0b11", "+0_2", "0x2", "0o2", "2.0", "1_0", "+2", "2e0", "20e-1", "1:0",
                ".2e1", "-2", "0_2", "0x_2", "002", "2.", "+0x2", "-0"]  # fmt: skip
"""Ways YAML 1.1 (or 1.2) can write a number other than in plain digits."""

EDGES: list[tuple[dict[str, Any], bool]] = [
    (deck_with(), True),
    (deck_with(card_text="x" * TEXT_MIN), True),
    (deck_with(card_text="x" * (TEXT_MIN - 1)), False),
    (deck_with(card_text="x" * TEXT_MAX), True),
    (deck_with(card_text="x" * (TEXT_MAX + 1)), False),
    (deck_with(card_text="  " + "x" * TEXT_MAX + "\n"), True),  # a block scalar's newline
    (deck_with(card_text="a  b   c    d"), False),  # "a b c d": 7 characters
    (deck_with(card_text="a  b   c\n\n de"), True),  # "a b c de": 8
    (deck_with(card_text="a\u3000b\xa0c\u2028d e"), True),
    (deck_with(card_text="abc\x85defghij"), False),
    (deck_with(card_text="What\u200b is this?"), True),  # zero-width space is allowed
    (deck_with(card_text="What\ufeff is this?"), False),
    (deck_with(card_text="\ue000 private use is hidden text"), False),
    (deck_with(card_text="\U000f0041 private use, plane 15"), False),
    (deck_with(card_text="Say hi\U000e0049\U000e0047\U000e004e to me"), False),  # tags
    (deck_with(card_text="Is a\u2062b hidden?"), False),  # invisible times
    (deck_with(card_text="Is a\ufff9b\ufffbc hidden?"), False),  # annotation
    (deck_with(card_text="\u200b" * 10), False),
    (deck_with(card_text="\u200b\u200c\u200d\u2060 \u3164\u2800\u115f\ufe0f"), False),
    (deck_with(card_text="\u0301\u0336\u20dd" * 4), False),  # marks alone
    (deck_with(card_text="\u0301" * 8 + "x"), True),  # odd, but something shows
    (deck_with(card_text="Who do you love? 👩‍❤️‍👨"), True),
    (deck_with(card_text="❤️ and 1️⃣ and 🏴󠁧󠁢󠁳󠁣󠁴󠁿 flags"), True),
    (deck_with(card_text="a\u00ad soft hyphen"), True),
    (deck_with(title="\u200b"), False),
    (deck_with(title="\u3000\u200d"), False),
    (deck_with(description="\u200b\u200b"), False),
    (deck_with(description="\u200b hi"), True),
    (deck_with(card_follow_up="\u2800" * 9), False),
    (deck_with(language="\u0301\u0301"), False),
    (deck_with(card_text=12345678), False),
    (deck_with(card_id="abc\n"), False),
    (deck_with(card_id="a" * SLUG_MAX), True),
    (deck_with(card_id="a" * (SLUG_MAX + 1)), False),
    (deck_with(card_id="a--b"), False),
    (deck_with(card_depth=2.0), False),
    *[(deck_with(card_depth=Written(form)), False) for form in NUMBER_FORMS],
    *[(deck_with(card_minutes=Written(form)), False) for form in NUMBER_FORMS],
    *[(deck_with(schema=Written(form.replace("2", "1"))), False) for form in NUMBER_FORMS],
    (deck_with(card_depth=Written("2"), card_minutes=Written("10"), schema=Written("1")), True),
    (deck_with(title=Written("0x2")), False),  # a number, not text
    (deck_with(card_depth=2.5), False),
    (deck_with(card_depth=True), False),
    (deck_with(card_depth=None), False),
    (deck_with(card_minutes=0), False),
    (deck_with(card_minutes=MINUTES_MAX), True),
    (deck_with(card_stages="dating"), True),
    (deck_with(card_stages=["any", "dating"]), True),
    (deck_with(card_stages=[]), False),
    (deck_with(card_theme=None), False),
    (deck_with(card_both="true"), False),
    (deck_with(schema=1.0), False),
    (deck_with(schema=True), False),
    (deck_with(schema=2), False),
    (deck_with(title=""), False),
    (deck_with(title="   "), False),
    (deck_with(description=""), True),
    (deck_with(description="   \n "), True),
    (deck_with(description=None), False),
    (deck_with(language="e"), False),
    (deck_with(language="en-GB"), True),
    (deck_with(cards=[]), False),
    (deck_with(cards=_ABSENT), False),
    (deck_with(extra=1), False),
]


@pytest.mark.parametrize(("deck", "valid"), EDGES)
def test_loader_and_schema_agree_at_the_edges(deck: dict[str, Any], valid: bool) -> None:
    document = dump(deck)
    assert loader_accepts(document) is valid
    assert schema_accepts(document) is valid


# --- generated decks -----------------------------------------------------------------------

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


def test_the_valid_sample_deck_is_valid_both_ways() -> None:
    assert loader_accepts(VALID_DECK)
    assert schema_accepts(VALID_DECK)


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
