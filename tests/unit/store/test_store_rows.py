"""The checks every read applies to a row, and the notice that says a row was skipped."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from closeness_cards.core.cards import Kind
from closeness_cards.store import rows
from closeness_cards.store.records import KINDS
from support.store import plan_text


def test_the_kinds_a_play_may_be_are_the_engines_kinds() -> None:
    assert tuple(kind.value for kind in Kind) == KINDS


def test_a_moment_is_read_back_in_utc_from_any_zone() -> None:
    moment = rows.moment("2024-05-01T21:00:00+02:00")
    assert moment == datetime(2024, 5, 1, 19, 0, tzinfo=timezone.utc)
    assert moment.tzinfo is timezone.utc
    assert rows.moment("2024-05-01T19:00:00") == moment  # no zone: taken as UTC


@pytest.mark.parametrize(
    "value",
    [
        None,
        b"2024-05-01",
        20240501,
        "",
        "yesterday",
        "2024-02-30T00:00:00+00:00",
        "0001-01-01T00:00:00+14:00",  # no clock west of Kiribati can show it
        "9999-12-31T23:59:59-14:00",
        rows.Undecodable("2024-05-01\udcff"),
    ],
)
def test_what_is_no_moment_is_a_bad_row(value: object) -> None:
    with pytest.raises(rows.BadRow):
        rows.moment(value)


@pytest.mark.parametrize(
    "value",
    [None, 3, "Ana", "not json", '"Ana"', '{"Ana": 1}', '["Ana", null]', "[" * 100_000],
)
def test_what_is_no_list_of_names_is_a_bad_row(value: object) -> None:
    with pytest.raises(rows.BadRow):
        rows.names(value)


def test_whole_numbers_are_whole_and_in_range() -> None:
    assert rows.whole(3, 1, 7) == 3
    for value in (0, 8, 2.0, "3", True, None):
        with pytest.raises(rows.BadRow):
            rows.whole(value, 1, 7)


@pytest.mark.parametrize("value", [-1.0, float("inf"), float("nan"), 2e9, "60", b"\x00"])
def test_a_time_together_that_no_session_had_is_a_bad_row(value: object) -> None:
    with pytest.raises(rows.BadRow):
        rows.seconds(value)


def test_a_plan_is_an_object_any_reader_takes() -> None:
    assert rows.plan(plan_text()) == plan_text()
    assert rows.plan('{"steps": []}') == '{"steps": []}'  # its meaning is the table's to judge


@pytest.mark.parametrize(
    "value",
    [
        None,
        b"{}",
        "[]",
        "not json",
        '{"seed": 1e999}',
        '{"seed": NaN}',
        '{"seed": -Infinity}',
        json.dumps({"a": [[[[[[[[[1]]]]]]]]]}),
        "{" + '"a":[' * 50_000,
    ],
)
def test_a_plan_no_reader_could_take_is_a_bad_row(value: object) -> None:
    with pytest.raises(rows.BadRow):
        rows.plan(value)


def test_each_skipped_row_is_told_once_in_a_countable_sentence() -> None:
    unreadable = rows.Unreadable()
    assert unreadable.new_notices() == []
    unreadable.add("session", 4)
    unreadable.add("session", 4)  # the same row read twice
    assert unreadable.new_notices() == [
        "1 session in the history could not be read and was skipped; it is kept on disk."
    ]
    assert unreadable.new_notices() == []
    unreadable.add("session", 5)
    unreadable.add("session", 6)
    unreadable.add("favourite", 1)
    assert unreadable.new_notices() == [
        "2 sessions in the history could not be read and were skipped; they are kept on disk.",
        "1 favourite could not be read and was skipped; it is kept on disk.",
    ]
    assert unreadable.count("session") == 3
