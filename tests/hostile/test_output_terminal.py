"""Whole outputs escaped like each line: many lines at once, JSON documents, guarded streams."""

from __future__ import annotations

import errno
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeness_cards.core.safe_text import for_terminal
from closeness_cards.text.terminal import ClosedStream, TerminalStream, for_stream, json_document

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=200)
"""Any code points at all, lone surrogates included."""
HOSTILE = st.lists(
    st.sampled_from(
        ["\x1b]52;c;aGVsbG8=\x07", "\x1b[2J", "\x9b31m", "\u202e", "\u2066", "\n", "\r", "\t",
         "\x00", "\x7f", "\x85", "\u2028", "\u2029", "\udcff", "é", "字", "👩‍❤️‍👨", "words"]
    ),
    max_size=12,
).map("".join)  # fmt: skip


def test_a_stream_escapes_exactly_what_a_line_escapes_but_the_line_end() -> None:
    # The two classes are written out twice (core and text); this holds them together.
    for code in [*range(0x10000), 0x1F600, 0xE0041, 0x10FFFF]:
        char = chr(code)
        escaped_in_a_line = for_terminal(char) != char
        escaped_in_a_stream = for_stream(char) != char
        assert escaped_in_a_stream == (escaped_in_a_line and char != "\n"), hex(code)


@given(ANY_TEXT | HOSTILE)
def test_only_line_ends_stay_raw(text: str) -> None:
    shown = for_stream(text)
    assert for_terminal(shown.replace("\n", "")) == shown.replace("\n", "")
    assert shown.count("\n") == text.count("\n")
    shown.encode("utf-8")  # strict: no lone surrogate is left to break an output stream


@given(
    st.recursive(
        ANY_TEXT | HOSTILE, lambda inner: st.lists(inner) | st.dictionaries(ANY_TEXT, inner)
    )
)
def test_a_json_document_stays_json_with_the_same_text(document: object) -> None:
    text = json_document(document)
    assert json.loads(text) == document
    assert for_stream(text) == text


def test_a_guarded_stream_escapes_and_remembers_its_failure() -> None:
    out = io.StringIO()
    stream = TerminalStream(out)
    print("card\x1b[2J\u202e", "two\nlines", file=stream)
    assert out.getvalue() == "card\\x1b[2J\\u202e two\nlines\n"
    assert stream.failure is None
    full = TerminalStream(ClosedStream("standard output", 1))
    with pytest.raises(OSError) as raised:
        full.write("lost")
    assert raised.value.errno == errno.EBADF
    assert full.failure is raised.value
    assert full.write("") == 0 and not full.isatty() and full.fileno() == 1


def test_a_closed_stderr_drops_what_it_is_given_and_stdin_refuses_to_read() -> None:
    assert ClosedStream("standard error", 2, silent=True).write("nobody hears") == 12
    with pytest.raises(OSError):
        ClosedStream("standard input", 0).readline()
