"""``history --json`` rows written straight to text: moments checked on their text.

A moment in ``to_text``'s form is written back as ``isoformat`` would write it without
being read into a ``datetime`` and written again; any other text takes the long way
(``summary_from_row``), and both ways must give the same text, or both skip the row.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_cards.store.history_stream import _summary_text, _Texts
from closeness_cards.store.records import summary_from_row
from closeness_cards.store.rows import BadRow
from closeness_cards.store.timestamps import to_text

T0 = datetime(2024, 5, 1, 19, 0, tzinfo=timezone.utc)
NAMES = (
    "id", "started", "ended", "status", "stage", "shape", "depth", "seed", "players",
    "decks", "answered", "passed", "hidden", "seconds", "questions", "wildcards", "closings",
)  # fmt: skip
ROW = (
    7, to_text(T0), to_text(T0 + timedelta(minutes=25)), "finished", "dating", "quick",
    "rise", 3, '["Ana", "Ben"]', '["dating"]', 5, 1, 0, 1500.25, 4, 1, 0,
)  # fmt: skip


def with_(**changes: Any) -> tuple[Any, ...]:
    values = dict(zip(NAMES, ROW, strict=True))
    values.update(changes)
    return tuple(values.values())


def slow(row: tuple[Any, ...]) -> str | None:
    try:
        return _summary_text(summary_from_row(row))
    except BadRow:
        return None


@pytest.mark.parametrize(
    "row",
    [
        with_(started="0001-01-03T00:00:00.000000+00:00", ended=None, seconds=None),
        with_(started="9999-12-28T23:00:00.000000+00:00", ended="9999-12-29T00:00:00.000000+00:00"),
        with_(started="2024-02-29T23:59:59.999999+00:00", seconds=None),
        with_(started="2000-02-29T00:00:00.000001+00:00", seconds=0.0),
        with_(answered=0, passed=0, hidden=0, questions=0, wildcards=0, closings=0),
    ],
)
def test_a_moment_as_written_is_written_back_as_read(row: tuple[Any, ...]) -> None:
    texts = _Texts()
    assert texts.row(row) == slow(row) is not None
    assert texts.row(row) == slow(row)  # from what it remembered, the same again


@pytest.mark.parametrize(
    ("row", "readable"),
    [
        (with_(started="2024-02-30T19:00:00.000000+00:00"), False),
        (with_(started="2023-02-29T19:00:00.000000+00:00"), False),
        (with_(started="2024-05-01T24:00:00.000000+00:00"), False),
        (with_(started="2024-13-01T19:00:00.000000+00:00"), False),
        (with_(started="0001-01-02T23:59:59.999999+00:00"), False),  # before the earliest
        (with_(ended="9999-12-29T00:00:00.000001+00:00"), False),  # after the latest
        (
            with_(started="2024-W18-3T19:00:00.000000+00:00"),
            True,
        ),  # a week date: read, written in full
        (with_(started="2024-05-01T19:00:00+00:00"), True),  # a date, in another form
        (with_(ended="2024-05-01 19:25:00.000000+00:00"), True),
        (with_(ended="2024-05-01T19:25:00.000000-00:00"), True),
        (with_(ended="2024-05-01T21:25:00.000000+02:00"), True),
        (with_(started="２０２４-05-01T19:00:00.000000+00:00"), False),  # not ASCII digits
        (with_(passed=1.0), False),
        (with_(seed=True), False),
        (with_(closings=-1), False),
    ],
)
def test_any_other_moment_or_count_takes_the_long_way(row: tuple[Any, ...], readable: bool) -> None:
    texts = _Texts()
    texts.row(ROW)  # the counts and words of a good row are remembered: no shortcut
    assert texts.row(row) is None
    assert (slow(row) is not None) == readable


@settings(max_examples=80, deadline=None)
@given(
    started=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    minutes=st.one_of(st.none(), st.integers(-(10**6), 10**6)),
    seconds=st.one_of(st.none(), st.floats(min_value=0, max_value=1e9)),
)
def test_any_moment_in_the_written_form_gives_the_long_ways_text(
    started: datetime, minutes: int | None, seconds: float | None
) -> None:
    start = started.replace(tzinfo=timezone.utc)
    ended = None
    if minutes is not None:
        try:
            ended = to_text(start + timedelta(minutes=minutes))
        except OverflowError:  # past either end of the calendar: no end
            ended = None
    row = with_(started=to_text(start), ended=ended, seconds=seconds)
    assert _Texts().row(row) == slow(row)


@settings(max_examples=150, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    position=st.integers(0, 31),
    character=st.sampled_from("0159-:T.+Z W,\u0663\uff11"),
    which=st.sampled_from(["started", "ended"]),
)
def test_a_moment_one_character_off_gives_the_long_ways_text_or_none(
    moment: datetime, position: int, character: str, which: str
) -> None:
    # Text one character away from the written form: read as it is (a date in another
    # form), or refused; never written back as if it were in the form.
    text = to_text(moment.replace(tzinfo=timezone.utc))
    row = with_(**{which: text[:position] + character + text[position + 1 :]})
    fast = _Texts().row(row)
    assert fast is None or fast == slow(row)
