"""``history --json`` streamed: years of sessions written a page at a time, straight to text."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from json.encoder import encode_basestring
from typing import Any

from closeness_cards.store.db import Database
from closeness_cards.store.documents import HISTORY_JSON_HEAD
from closeness_cards.store.records import SESSION_STATUSES, SessionSummary, summary_from_row
from closeness_cards.store.rows import LONGEST_SECONDS, BadRow, names_in
from closeness_cards.store.sessions import summary_row_pages
from closeness_cards.store.timestamps import to_text

HISTORY_PAGE = 5000
"""Sessions read at a time while ``history --json`` streams: memory stays flat at any size."""


def history_json_chunks(db: Database) -> Iterator[str]:
    """The text of ``history --json``, a page of sessions at a time, without the final newline.

    Joined, the pieces are exactly ``json.dumps(history_json(db), indent=2,
    ensure_ascii=False)``; but a history of 100,000 sessions is never held whole (the
    document alone took 440 MiB), and each session is written from a template instead of
    by the indenting encoder, which is pure Python and was most of the time. A row as this
    code writes it goes straight from its values to its text, checked as
    ``summary_from_row`` checks it, without a ``SessionSummary`` in between; any other row
    takes the long way, and is skipped and counted if it cannot be read. Every piece ends
    between two sessions, so a piece can be escaped on its own.
    """
    yield HISTORY_JSON_HEAD
    written = False
    text_of = _Texts().row
    unreadable = db.unreadable
    with db.reading():  # one snapshot for every page
        for page in summary_row_pages(db, HISTORY_PAGE):
            pieces = []
            for row in page:
                text = text_of(row)
                if text is None:
                    try:
                        text = _summary_text(summary_from_row(row))
                    except BadRow:
                        unreadable.add("session", row[0])
                        continue
                pieces.append(text)
            if pieces:
                yield (",\n" if written else "\n") + ",\n".join(pieces)
                written = True
    yield "\n  ]\n}" if written else "]\n}"


class _Texts:
    """The text of summary rows as this code writes them, with the text of what recurs (a
    session's words, a group's names and decks, the counts) made and checked once."""

    KEPT = 4096
    """Values remembered at most, of each kind; then the memory starts again."""

    def __init__(self) -> None:
        self.values: dict[tuple[object, ...], tuple[str, str] | None] = {}
        self.counts: dict[tuple[int, ...], str] = {}

    def row(self, row: Sequence[Any]) -> str | None:
        """The session's text; None when the row is not one this code writes (a time
        together in whole seconds, a moment in another form, damage): ``summary_from_row``
        must decide."""
        (sid, started, ended, status, stage, shape, depth, seed, players, decks,
         answered, passed, hidden, seconds_open, questions, wildcards, closings) = row  # fmt: skip
        values = self.values.get((status, stage, shape, depth, players, decks), _UNKNOWN)
        if values is _UNKNOWN:
            values = self._values(status, stage, shape, depth, players, decks)
        types = (type(seed), type(answered), type(passed), type(hidden), type(questions),
                 type(wildcards), type(closings))  # fmt: skip
        if values is None or types != _WHOLE:
            return None
        counts = (answered, questions, wildcards, closings, passed, hidden)  # as written
        counted = self.counts.get(counts)
        if counted is None:
            if min(counts) < 0:
                return None
            counted = self._counts(counts)
        # A moment in ``to_text``'s form is written back as its own text, as ``isoformat``
        # writes it (without a zero fraction): ``_written`` checks the form, ``fromisoformat``
        # the digits and the calendar; text in that form sorts as time does.
        if not (type(started) is str and _written(started) and _EARLIEST <= started <= _LATEST):
            return None
        if ended is None:
            ended_text = "null"
        elif type(ended) is str and _written(ended) and _EARLIEST <= ended <= _LATEST:
            ended_text = f'"{ended[:19]}+00:00"' if ended[20:26] == "000000" else f'"{ended}"'
        else:
            return None
        try:
            start = _from_text(started)
            end = None if ended is None else _from_text(ended)
        except ValueError:
            return None
        if type(seconds_open) is float and 0.0 <= seconds_open <= LONGEST_SECONDS:
            duration = float.__repr__(seconds_open)
        elif seconds_open is not None:
            return None  # whole seconds, or damage
        elif end is None:
            duration = "null"  # kept before time together was counted, and never ended
        else:  # kept before time together was counted: from start to end
            span = (end - start).total_seconds()
            duration = float.__repr__(min(max(0.0, span), LONGEST_SECONDS))
        words, names = values
        # The types were checked: an int's text is its ``:d`` (and costs less to write).
        return (
            f'    {{\n      "id": {sid},\n      "started_at": "'
            f'{started[:19] + "+00:00" if started[20:26] == "000000" else started}",'
            f'\n      "ended_at": {ended_text}{words}{seed}{names}{counted}{duration}\n    }}'
        )

    def _values(
        self, status: object, stage: object, shape: object, depth: object, players: object,
        decks: object,
    ) -> tuple[str, str] | None:  # fmt: skip
        """The text from the status to the seed's name, and from the players to the first
        count's name; None if a word is not one or a list is not one of names."""
        values: tuple[str, str] | None = None
        if (
            status in _STATUSES
            and type(stage) is str
            and type(shape) is str
            and type(depth) is str
            and type(players) is str
            and type(decks) is str
        ):
            with contextlib.suppress(BadRow):  # not a list of names: the long way says so
                values = (
                    f',\n      "status": {_encode(status)},\n      "stage": {_encode(stage)},'
                    f'\n      "shape": {_encode(shape)},\n      "depth": {_encode(depth)},'
                    '\n      "seed": ',
                    f',\n      "players": {_json_value(names_in(players))},'
                    f'\n      "decks": {_json_value(names_in(decks))},\n      "answered": ',
                )
        if len(self.values) >= self.KEPT:
            self.values.clear()
        self.values[status, stage, shape, depth, players, decks] = values
        return values

    def _counts(self, counts: tuple[int, ...]) -> str:
        """The text from the first count to the duration's name (the counts are whole and
        not negative)."""
        answered, questions, wildcards, closings, passed, hidden = counts
        text = (
            f'{answered},\n      "questions": {questions},\n      "wildcards": {wildcards},'
            f'\n      "closings": {closings},\n      "passed": {passed},'
            f'\n      "hidden": {hidden},\n      "duration_seconds": '
        )
        if len(self.counts) >= self.KEPT:
            self.counts.clear()
        self.counts[counts] = text
        return text


_UNKNOWN: Any = object()
_WHOLE = (int,) * 7
"""The types of a seed and six counts written by this code (``bool`` is another type)."""
_STATUSES = frozenset(SESSION_STATUSES)
_from_text = datetime.fromisoformat
_encode = encode_basestring


def _written(text: str) -> bool:
    """Whether text has ``to_text``'s form, read as ``fromisoformat`` reads it: 32
    characters, the separators in place, in UTC. (``fromisoformat`` takes only ASCII digits
    between them, so a moment it reads in this form is written back as this text.)"""
    return len(text) == 32 and text[4:20:3] == "--T::." and text[26:] == "+00:00"


_EARLIEST = to_text(datetime(1, 1, 3, tzinfo=timezone.utc))
_LATEST = to_text(datetime(9999, 12, 29, tzinfo=timezone.utc))


def _json_value(value: object) -> str:
    """One value as ``json.dumps`` writes it (``ensure_ascii=False``); lists at depth 3."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = ",\n        ".join(_json_value(item) for item in value)
        return f"[\n        {items}\n      ]"
    raise TypeError(f"not a JSON value here: {type(value).__name__}")


def _summary_text(s: SessionSummary) -> str:
    """A session as ``summary_json`` gives it, indented as the third level (a test holds
    the two equal, field by field)."""
    e = encode_basestring
    return _session_text(
        s.id, e(s.started_at.isoformat()),
        "null" if s.ended_at is None else e(s.ended_at.isoformat()),
        e(s.status), e(s.stage), e(s.shape), e(s.depth), s.seed, _json_value(s.players),
        _json_value(s.decks), s.answered, s.questions, s.wildcards, s.closings, s.passed,
        s.hidden, _json_value(s.duration_seconds),
    )  # fmt: skip


def _session_text(
    sid: int, started: str, ended: str, status: str, stage: str, shape: str, depth: str,
    seed: int, players: str, decks: str, answered: int, questions: int, wildcards: int,
    closings: int, passed: int, hidden: int, duration: str,
) -> str:  # fmt: skip
    """The long way's template (the short way writes the same in one piece)."""
    return (
        f'    {{\n      "id": {sid:d},\n      "started_at": {started},'
        f'\n      "ended_at": {ended},\n      "status": {status},'
        f'\n      "stage": {stage},\n      "shape": {shape},'
        f'\n      "depth": {depth},\n      "seed": {seed:d},'
        f'\n      "players": {players},\n      "decks": {decks},'
        f'\n      "answered": {answered:d},\n      "questions": {questions:d},'
        f'\n      "wildcards": {wildcards:d},\n      "closings": {closings:d},'
        f'\n      "passed": {passed:d},\n      "hidden": {hidden:d},'
        f'\n      "duration_seconds": {duration}\n    }}'
    )
