"""The JSON Schema for decks: shipped in the package, and in agreement with the loader."""

from __future__ import annotations

from importlib import resources
from typing import Any

import jsonschema
import pytest
import yaml

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
    SLUG_MAX,
    STAGE_NAMES,
    TITLE_MAX,
)
from closeness_cards.core.decktext import (
    ALLOWED_PATTERN,
    BLANK_OR_VISIBLE_PATTERN,
    VISIBLE_PATTERN,
)
from support.decks import (
    ABSENT,
    BAD_DECKS,
    BUILTIN_DECKS,
    VALID_DECK,
    Written,
    deck_with,
    dump,
    loader_accepts,
    read_as_written,
    schema,
    schema_accepts,
    validator,
)

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
    assert schema()["$defs"]["table"]["enum"] == [f.value for f in Fits]
    assert deck["properties"]["table"]["$ref"] == card["properties"]["table"]["$ref"]
    assert deck["properties"]["table"]["$ref"] == "#/$defs/table"
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
    (deck_with(card_table="pair"), True),
    (deck_with(card_table="group"), True),
    (deck_with(table="group"), True),
    (deck_with(table="pair", card_table="group"), True),
    (deck_with(card_table="Pair"), False),
    (deck_with(card_table="any"), False),
    (deck_with(card_table=["pair"]), False),
    (deck_with(card_table=2), False),
    (deck_with(card_table=None), False),
    (deck_with(table="groups"), False),
    (deck_with(table=True), False),
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
    (deck_with(cards=ABSENT), False),
    (deck_with(extra=1), False),
]


@pytest.mark.parametrize(("deck", "valid"), EDGES)
def test_loader_and_schema_agree_at_the_edges(deck: dict[str, Any], valid: bool) -> None:
    document = dump(deck)
    assert loader_accepts(document) is valid
    assert schema_accepts(document) is valid


def test_the_valid_sample_deck_is_valid_both_ways() -> None:
    assert loader_accepts(VALID_DECK)
    assert schema_accepts(VALID_DECK)
