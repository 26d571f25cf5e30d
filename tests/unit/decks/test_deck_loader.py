"""Reading good decks: what each field becomes, and how problems are put into words."""

from __future__ import annotations

from pathlib import Path

import pytest

from closeness_cards.core import deckfile
from closeness_cards.core.cards import (
    ALL_STAGES,
    THEMES,
    Audience,
    Card,
    Depth,
    Fits,
    Kind,
    Stage,
)
from closeness_cards.core.deckfile import DeckError, DeckProblem, parse_deck, read_deck_file
from support.decks import VALID_DECK, run_cli, write


def refuse(text: str) -> list[str]:
    with pytest.raises(DeckError) as caught:
        parse_deck(text.encode("utf-8"), "deck.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_every_field_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "sample.yaml", VALID_DECK)
    deck = read_deck_file(path, builtin=True)
    assert (deck.id, deck.title, deck.language, deck.audience) == (
        "sample",
        "A sample deck",
        "en",
        Audience.COUPLES,
    )
    assert deck.description == "A small deck that uses every field."
    assert deck.stages == {Stage.DATING, Stage.EARLY}
    assert (deck.source, deck.builtin) == (path, True)
    warm, open_up, deep, act = deck.cards
    assert warm.global_id == "sample/warm-01"
    assert (warm.depth, warm.kind, warm.theme, warm.line) == (
        Depth.WARM_UP,
        Kind.QUESTION,
        "appreciation",
        9,
    )
    assert warm.stages == deck.stages  # a card without stages takes the deck's
    assert warm.follow_up == "What made it land the way it did?"
    # A folded block: line breaks and runs of spaces become single spaces, ends trimmed.
    assert open_up.text == (
        "Tell me about a time you felt truly understood by someone. What did they do?"
    )
    assert open_up.stages == ALL_STAGES
    assert deep.stages == {Stage.COMMITTED, Stage.LONG_TERM}
    assert (act.kind, act.minutes, act.both, act.mature) == (Kind.ACTION, 1, True, False)
    assert act.table is Fits.PAIR
    assert (warm.table, open_up.table, deep.table) == (None, None, None)  # any table


def test_defaults_for_the_optional_fields() -> None:
    deck = parse_deck(
        b"schema: 1\nid: bare\ntitle: Bare\ncards:\n"
        b"- {id: a, text: What is on your mind?, depth: 2}\n",
        "bare.yaml",
    )
    assert (deck.description, deck.audience, deck.stages, deck.language) == (
        "",
        Audience.ANYONE,
        ALL_STAGES,
        "en",
    )
    [card] = deck.cards
    assert (card.kind, card.theme, card.follow_up, card.both, card.minutes, card.mature) == (
        Kind.QUESTION,
        None,
        None,
        False,
        None,
        False,
    )
    assert card.table is None


TABLED = """\
schema: 1
id: tabled
title: Tabled
table: group
cards:
  - {id: a, text: "Tell the others about your week.", depth: 1}
  - {id: b, text: "Tell the other person about your week.", depth: 1, table: pair}
  - {id: c, text: "Tell everyone one good thing.", depth: 1, table: group}
"""


def test_a_deck_names_the_table_its_cards_fit_unless_a_card_names_its_own() -> None:
    a, b, c = parse_deck(TABLED.encode(), "tabled.yaml").cards
    assert (a.table, b.table, c.table) == (Fits.GROUP, Fits.PAIR, Fits.GROUP)


@pytest.mark.parametrize(
    ("players", "fits"),
    [(2, {None, Fits.PAIR}), (3, {None, Fits.GROUP}), (4, {None, Fits.GROUP}),
     (8, {None, Fits.GROUP})],
)  # fmt: skip
def test_a_pair_card_fits_two_players_and_a_group_card_three_or_more(
    players: int, fits: set[Fits | None]
) -> None:
    cards = [Card("d", "x", "Some words here.", Depth.WARM_UP, table=t) for t in (None, *Fits)]
    assert {card.table for card in cards if card.fits_table(players)} == fits


@pytest.mark.parametrize(
    ("line", "changed", "where", "hint"),
    [
        ("    table: pair", "    table: pairs", "deck.yaml:32:12", "did you mean 'pair'? "),
        ("    table: pair", "    table: Group", "deck.yaml:32:12", "did you mean 'group'? "),
        ("    table: pair", "    table: two", "deck.yaml:32:12", ""),
        ("language: en", "language: en\ntable: grup", "deck.yaml:8:8", "did you mean 'group'? "),
    ],
)
def test_an_unknown_table_is_located_with_the_tables_there_are(
    line: str, changed: str, where: str, hint: str
) -> None:
    assert line in VALID_DECK
    [problem] = refuse(VALID_DECK.replace(line, changed))
    shown = changed.split(": ")[-1]
    assert problem == f"{where}: unknown table '{shown}' ({hint}one of: pair, group)"


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("[pair]", "'table' must be a single value, not a list or mapping"),
        ("{pair: 1}", "'table' must be a single value, not a list or mapping"),
        ("true", "unknown table 'true' (one of: pair, group)"),
        ("2", "unknown table '2' (one of: pair, group)"),
        ("''", "unknown table '' (one of: pair, group)"),
    ],
)
def test_a_table_that_is_not_one_name_is_refused_where_it_stands(value: str, said: str) -> None:
    assert refuse(VALID_DECK.replace("    table: pair", f"    table: {value}")) == [
        f"deck.yaml:32:12: {said}"
    ]


def test_windows_line_endings_and_explicit_plain_tags_are_fine() -> None:
    text = VALID_DECK.replace("depth: 2", "depth: !!int 2").replace(
        "id: sample", "id: !!str sample"
    )
    deck = parse_deck(text.replace("\n", "\r\n").encode(), "crlf.yaml")
    assert deck.id == "sample"
    assert deck.cards[1].depth is Depth.OPEN_UP


@pytest.mark.parametrize(
    "form",
    ["02", "0b11", "+0_2", "0x2", "0o2", "2.0", "1_0", "+2", "2e0", "!!int 0x2", "!!float 2"],
)
@pytest.mark.parametrize(("field", "line"), [("depth", "depth: 3"), ("minutes", "minutes: 1")])
def test_a_whole_number_is_written_in_plain_digits(form: str, field: str, line: str) -> None:
    [problem] = refuse(VALID_DECK.replace(line, f"{field}: {form}"))
    assert f"'{field}' must be a whole number from 1 to" in problem
    assert problem.endswith("(write it in plain digits, like 1)")


@pytest.mark.parametrize("form", ["01", "0b1", "+1", "0x1", "1.0", "!!int 0o1", "1_"])
def test_the_schema_version_is_written_in_plain_digits(form: str) -> None:
    [problem] = refuse(VALID_DECK.replace("schema: 1", f"schema: {form}"))
    assert problem.startswith("deck.yaml:1:9: 'schema' must be 1")


@pytest.mark.parametrize("digits", [5_000, 100_000])
@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ("depth: 3", "depth", "'depth' must be a whole number from 1 to 3"),
        ("minutes: 1", "minutes", "'minutes' must be a whole number from 1 to 60"),
        ("schema: 1", "schema", "'schema' must be 1"),
    ],
)
@pytest.mark.parametrize("lead", ["1", "0", "+1", "!!int 1", "!!float 1", "-1"])
def test_a_number_of_thousands_of_digits_is_one_located_problem(
    digits: int, line: str, field: str, message: str, lead: str
) -> None:
    # int() raises ValueError past 4,300 digits: the loader must never hand it such text.
    number = lead + "7" * digits
    problems = refuse(VALID_DECK.replace(line, f"{field}: {number}"))
    assert len(problems) == 1
    where, _, said = problems[0].partition(": ")
    assert where.startswith("deck.yaml:") and where.count(":") == 2
    assert said.startswith(message)
    assert len(problems[0]) < 200
    # Plain digits are written right, only too many: no advice to write plain digits.
    hinted = field != "schema" and lead not in ("1", "!!int 1")
    assert problems[0].endswith("(write it in plain digits, like 1)") is hinted


def test_problems_read_file_line_column_message_hint() -> None:
    problem = DeckProblem("deck.yaml", 3, 5, "unknown key 'titel' in the deck", "did you mean?")
    assert str(problem) == "deck.yaml:3:5: unknown key 'titel' in the deck (did you mean?)"
    assert str(DeckProblem("deck.yaml", 0, 0, "the file is empty")) == (
        "deck.yaml: the file is empty"
    )
    error = DeckError([problem])
    assert str(error) == str(problem)


def test_every_problem_is_reported_in_file_order() -> None:
    text = VALID_DECK.replace("depth: 3", "depth: 7").replace("theme: appreciation", "theme: x")
    text = text.replace("language: en", "language: e\nvibe: calm")
    problems = refuse(text)
    assert problems == [
        "deck.yaml:7:11: 'language' must be 2 to 16 characters, not 1",
        "deck.yaml:8:1: unknown key 'vibe' in the deck (known keys: schema, id, title, "
        "description, audience, stages, table, language, optional, note, share, cards)",
        "deck.yaml:13:12: unknown theme 'x' (one of: " + ", ".join(sorted(THEMES)) + ")",
        "deck.yaml:23:12: 'depth' must be a whole number from 1 to 3",
    ]


def test_a_broken_card_does_not_hide_the_problems_of_the_next() -> None:
    text = VALID_DECK.replace('text: "What is a small', 'text: 5\n    x: "What is a small')
    text = text.replace("minutes: 1", "minutes: 61")
    problems = refuse(text)
    assert len(problems) == 3
    assert "'text' must be text" in problems[0]
    assert "unknown key 'x'" in problems[1]
    assert "'minutes' must be a whole number from 1 to 60" in problems[2]


def test_an_unknown_stage_lists_the_stages() -> None:
    [problem] = refuse(VALID_DECK.replace("[dating, early]", "[dating, erly]"))
    assert "unknown stage 'erly' (did you mean 'early'? one of: dating, early," in problem


def test_a_future_schema_is_the_only_problem_reported() -> None:
    text = VALID_DECK.replace("schema: 1", "schema: 3").replace("depth: 1", "depth: 9")
    assert refuse(text + "sparkles: true\n") == [
        "deck.yaml:1:9: schema 3 is newer than this version of closeness-cards understands "
        "(update closeness-cards, or write a schema 1 deck)"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-01-01", "'title' must be text"),
        ("null", "'title' is empty"),
        ("", "'title' is empty"),
        ("[a, b]", "'title' must be a single value, not a list or mapping"),
        ("{a: b}", "'title' must be a single value, not a list or mapping"),
        ("!!binary aGVsbG8=", "the tag tag:yaml.org,2002:binary is not allowed"),
        ("!!int nope", "'title' must be text"),
        ("!!bool nope", "'title' has a value that cannot be read"),
        ("0x2", "'title' must be text"),
        ("!custom x", "the tag !custom is not allowed"),
    ],
)
def test_values_of_the_wrong_kind(value: str, message: str) -> None:
    problems = refuse(VALID_DECK.replace("title: A sample deck", f"title: {value}"))
    assert len(problems) == 1
    assert message in problems[0]
    assert problems[0].startswith("deck.yaml:3:")


def test_a_number_too_long_to_be_in_range_is_not_computed() -> None:
    # YAML 1.1 reads 1:2:3... as base 60; converting a long one takes quadratic time.
    [problem] = refuse(VALID_DECK.replace("depth: 1\n", "depth: " + "1:" * 5000 + "1\n", 1))
    assert "'depth' must be a whole number from 1 to 3" in problem


def test_decks_validate_says_ok_for_a_good_deck(tmp_path: Path) -> None:
    path = write(tmp_path / "sample.yaml", VALID_DECK)
    result = run_cli("decks", "validate", str(path), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{path}: ok, deck 'sample' with 4 cards"


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (1, "(16.0 MiB, 16,777,217 bytes; the limit is 16 MiB)"),
        (1024 * 1024, "(17 MiB; the limit is 16 MiB)"),
        (100 * 1024, "(16.1 MiB, 16,879,616 bytes; the limit is 16 MiB)"),
    ],
)
def test_a_file_over_the_limit_says_its_true_size(extra: int, said: str, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:  # sparse: no disk space taken
        handle.truncate(deckfile.MAX_DECK_BYTES + extra)
    with pytest.raises(DeckError) as caught:
        read_deck_file(path)
    assert str(caught.value) == f"{path}: the file is too large {said}"


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-32-be", "UTF-32"),
        ("utf-32-le", "UTF-32"),
        ("utf-16-be", "UTF-16"),
        ("utf-16-le", "UTF-16"),
    ],
)
@pytest.mark.parametrize("mark", [True, False], ids=["with a byte-order mark", "without"])
def test_a_wide_encoding_is_named_rightly(encoding: str, name: str, mark: bool) -> None:
    # UTF-32's little-endian mark starts with UTF-16's: the longer one must be tried first.
    data = ("\ufeff" if mark else "").encode(encoding) + VALID_DECK.encode(encoding)
    with pytest.raises(DeckError) as caught:
        parse_deck(data, "wide.yaml")
    assert str(caught.value) == f"wide.yaml: the file is {name} text, not UTF-8 (save it as UTF-8)"
