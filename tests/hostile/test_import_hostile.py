"""Hostile files given to import: each is refused with one located line, nothing else happens.

A file named to ``import`` may be any size, any bytes, any JSON: too large, too deep, not
UTF-8, not JSON, a number that is no number, a name with a control character, a date past
the calendar. Each is refused by ``read_import`` with ``ImportRefused`` (never another
exception, never a hang); the message is one line, safe for a terminal, naming where.
"""

from __future__ import annotations

import copy
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeness_cards.core.safe_text import for_terminal
from closeness_cards.store.db import open_memory_database
from closeness_cards.store.importing import (
    IMPORT_MAX_BYTES,
    ImportRefused,
    check_document,
    read_import,
)
from closeness_cards.store.merging import import_document
from support.store import exported, fill_history

Document = dict[str, Any]
Change = Callable[[Document], None]


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """An export of a small history with every kind of row (sessions newest first)."""
    path = tmp_path_factory.mktemp("valid") / "closeness-cards.sqlite3"
    fill_history(path)
    return exported(path)


def refused(path: Path) -> str:
    """The message ``read_import`` refuses the file with, checked to be one safe line."""
    with pytest.raises(ImportRefused) as caught:
        read_import(path)
    message = str(caught.value)
    assert "\n" not in message
    assert for_terminal(message) == message  # nothing a terminal would act on
    return message


def _set(*steps: str | int, value: Any) -> Change:
    """Set the value at ``steps`` (keys and indexes) in a document."""

    def change(document: Document) -> None:
        target: Any = document
        for step in steps[:-1]:
            target = target[step]
        target[steps[-1]] = value

    return change


def _drop(key: str) -> Change:
    return lambda document: document.pop(key)


PLAY = ("sessions", 0, "plays", 0)
"""The first card played in the newest session (the unfinished one)."""

CHANGES: dict[str, tuple[Change, str]] = {
    "another format": (_set("format", value="closeness-cards-history"), "format must be"),
    "a newer version": (_set("version", value=2), "version 2, newer"),
    "a version as text": (_set("version", value="1"), "version must be 1"),
    "a missing list": (_drop("hidden"), "the document has no 'hidden'"),
    "a key it never writes": (_set("\x1b[31mred", value=1), "the document holds '\\x1b[31mred'"),
    "sessions not a list": (_set("sessions", value={}), "sessions must be a list"),
    "a depth of true": (_set(*PLAY, "depth", value=True), "plays[0].depth must be 1, 2 or 3"),
    "a depth of 4": (_set(*PLAY, "depth", value=4), "sessions[0].plays[0].depth must be 1, 2"),
    "a position of 1.0": (_set(*PLAY, "position", value=1.0), "plays[0].position must be"),
    "a negative position": (_set(*PLAY, "position", value=-1), "plays[0].position must be"),
    "a seed past 64 bits": (_set("sessions", 1, "seed", value=2**63), "sessions[1].seed must"),
    "a status it never writes": (_set("sessions", 2, "status", value="paused"), "[2].status"),
    "a kind of card unknown": (_set(*PLAY, "kind", value="dance"), "plays[0].kind must be"),
    "an outcome unknown": (_set(*PLAY, "outcome", value="skipped"), "plays[0].outcome must"),
    "a stage unknown": (_set("sessions", 0, "stage", value="space"), "sessions[0].stage must"),
    "a date before the calendar": (
        _set("sessions", 0, "started_at", value="0001-01-01T00:00:00+00:00"),
        "sessions[0].started_at must be a date",
    ),
    "a date past the calendar in UTC": (
        _set(*PLAY, "played_at", value="9999-12-31T23:59:59-05:00"),
        "plays[0].played_at must be a date",
    ),
    "a date that is no date": (_set(*PLAY, "played_at", value="yesterday"), "played_at must"),
    "a control character in a name": (
        _set("sessions", 0, "players", value=["A\x1bna", "Ben"]),
        "sessions[0].players: a player name holds a control character",
    ),
    "nine players": (
        _set("sessions", 0, "players", value=[f"P{n}" for n in range(9)]),
        "sessions[0].players: a session needs 2 to 8 players",
    ),
    "one name twice": (_set("sessions", 0, "players", value=["Ana", "ana"]), "same name"),
    "a name too long": (_set("sessions", 0, "players", value=["A" * 99, "Ben"]), "longer than"),
    "a name with spaces around": (
        _set("sessions", 0, "players", value=[" Ana", "Ben"]),
        "sessions[0].players[0] must be written as the game keeps a name",
    ),
    "a reader who is not a player": (
        _set(*PLAY, "reader", value="Mallory"),
        "plays[0].reader must be one of the session's players",
    ),
    "answerers as text": (_set(*PLAY, "answerers", value="Ben"), "answerers must be a list"),
    "a bidirectional control in text": (
        _set(*PLAY, "text", value="Read \u202ethis backwards"),
        "plays[0].text contains a bidirectional control character (U+202E)",
    ),
    "a line break in text": (_set(*PLAY, "text", value="two\nlines"), "a tab or a line break"),
    "half a surrogate pair in text": (_set(*PLAY, "text", value="a\ud800b"), "surrogate"),
    "text too long": (_set(*PLAY, "text", value="x" * 3000), "plays[0].text must be 1 to"),
    "empty text": (_set("hidden", 0, "text", value=""), "hidden[0].text must be 1 to"),
    "a stage a favourite cannot have": (
        _set("favourites", 0, "stages", value=["moon"]),
        "favourites[0].stages[0] must be",
    ),
    "a follow-up as a number": (_set("favourites", 1, "follow_up", value=5), "follow_up must be"),
    "no date for a hidden card": (_set("hidden", 1, "hidden_at", value=None), "hidden_at must"),
    "a loose mark in a session": (_set("revisits", 0, "session_id", value=1), "must be null"),
    "a mark in another session": (
        _set("sessions", 0, "revisits", 0, "session_id", value=1),
        "sessions[0].revisits[0].session_id must be 3",
    ),
    "a check-in of 8": (_set("sessions", 0, "checkins", 0, "value", value=8), "value must be"),
    "a moment of check-in unknown": (
        _set("sessions", 0, "checkins", 0, "moment", value="during"),
        "checkins[0].moment must be 'before' or 'after'",
    ),
    "a negative duration": (_set("sessions", 1, "duration_seconds", value=-1), "seconds from 0"),
    "a duration as text": (_set("sessions", 1, "duration_seconds", value="60"), "seconds from 0"),
    "too many decks": (_set("sessions", 1, "decks", value=["d"] * 1001), "at most 1000 items"),
    "nesting past an export's": (
        _set("sessions", value=[[[[[[[[[]]]]]]]]]),
        "nests 10 levels deep; an export nests at most 8",
    ),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_bad_value_is_refused_with_where_it_is(
    name: str, valid: Document, tmp_path: Path
) -> None:
    change, where = CHANGES[name]
    document = copy.deepcopy(valid)
    change(document)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert where in refused(path)


def test_the_valid_document_itself_is_read(valid: Document, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(valid).encode())  # a BOM an editor added
    document = read_import(path)
    assert len(document.sessions) == 3 and len(document.favourites) == 2


RAW: dict[str, tuple[Callable[[str], bytes], str]] = {
    "empty": (lambda good: b"", "the file is empty"),
    "not JSON": (lambda good: b"{not json", "it is not JSON (it goes wrong at line 1, column 2)"),
    "JSON and more": (lambda good: good.encode() + b"\n{}", "it is not JSON (it goes wrong at"),
    "not UTF-8": (lambda good: b'{"format": "\xff\xfe"}', "it is not UTF-8 text (byte 13"),
    "a list": (lambda good: b"[]", "the file holds no JSON object"),
    "NaN": (
        lambda good: good.replace('"duration_seconds": 180.0', '"duration_seconds": NaN').encode(),
        "no number",
    ),
    "Infinity": (lambda good: good.replace("180.0", "-Infinity").encode(), "no number"),
    "1e999": (lambda good: good.replace("180.0", "1e999").encode(), "no number"),
    "5000 digits": (
        lambda good: good.replace('"seed": 7', '"seed": 7' + "0" * 5000).encode(),
        "no number",
    ),
    "100k-deep lists": (lambda good: b"[" * 100_000 + b"]" * 100_000, "nests deeper"),
    "100k-deep objects": (
        lambda good: b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        "nests deeper",
    ),
}


@pytest.mark.parametrize("name", list(RAW))
def test_bytes_that_are_no_export_are_refused(name: str, valid: Document, tmp_path: Path) -> None:
    make, expected = RAW[name]
    good = json.dumps(valid)
    assert '"duration_seconds": 180.0' in good and '"seed": 7' in good  # what RAW replaces
    path = tmp_path / "export.json"
    path.write_bytes(make(good))
    assert expected in refused(path)


def test_a_huge_file_is_refused_by_its_size_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(100 * 1024 * 1024)  # sparse: 100 MB that take no room

    def never(*args: object, **kwargs: object) -> int:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(os, "open", never)
    assert "it is 100 MiB; an export to import is at most 64 MiB" in refused(path)
    assert IMPORT_MAX_BYTES == 64 * 1024 * 1024


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert "it is a folder" in refused(tmp_path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert refused(tmp_path / "nowhere.json") == "there is no such file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    started = time.monotonic()
    assert refused(path) == "it is not a regular file"
    assert time.monotonic() - started < 5  # a read would wait forever


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a device without end")
def test_a_device_is_refused() -> None:
    assert refused(Path("/dev/zero")) == "it is not a regular file"


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


def _places(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document a value sits, as the keys and indexes that reach it."""
    found = [at] if at else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*at, index))
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.integers(min_value=0), value=JSON_VALUES)
def test_any_value_anywhere_is_refused_or_imported_never_a_crash(
    valid: Document, place: int, value: Any
) -> None:
    document = copy.deepcopy(valid)
    places = _places(document)
    _set(*places[place % len(places)], value=value)(document)
    try:
        checked = check_document(document)
    except ImportRefused as refusal:
        assert "\n" not in str(refusal)
        return
    with open_memory_database() as db:
        import_document(db, checked)  # what was taken, the database takes


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="a file whose size lies")
def test_a_file_that_says_it_is_empty_is_read_to_its_end() -> None:
    assert Path("/proc/self/status").stat().st_size == 0
    assert refused(Path("/proc/self/status")).startswith("it is not JSON")
