"""The one escaping function: untrusted text reaches a terminal as one inert line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeness_cards.core.safe_text import for_terminal
from support.decks import unsafe

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=200)
"""Any code points at all, lone surrogates included."""
HOSTILE = st.lists(
    st.sampled_from(
        ["\x1b]52;c;aGVsbG8=\x07", "\x1b[2J\x1b[H", "\x9b31m", "\u202e", "\u2066", "\n", "\r",
         "\t", "\x00", "\x7f", "\x85", "\u2028", "\u2029", "\udcff", "\ud83d", "\\x1b", "é",
         "字", "👩‍❤️‍👨", "❤️", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "plain words"]
    ),
    max_size=12,
).map("".join)  # fmt: skip


@given(ANY_TEXT | HOSTILE)
def test_the_output_holds_no_control_bidi_or_line_breaking_character(text: str) -> None:
    shown = for_terminal(text)
    assert not [char for char in shown if unsafe(char)]
    assert shown.splitlines() == ([shown] if shown else [])
    shown.encode("utf-8")  # strict: no lone surrogate is left to break an output stream


@given(ANY_TEXT | HOSTILE)
def test_escaping_twice_changes_nothing_more(text: str) -> None:
    once = for_terminal(text)
    assert for_terminal(once) == once


@given(ANY_TEXT.map(lambda text: "".join(char for char in text if not unsafe(char))))
def test_safe_text_comes_back_unchanged(text: str) -> None:
    assert for_terminal(text) == text


@given(ANY_TEXT | HOSTILE)
def test_only_unsafe_characters_are_rewritten(text: str) -> None:
    # Every safe character survives in order: the escapes only replace, never drop or add.
    kept = "".join(char for char in text if not unsafe(char))
    shown = for_terminal(text)
    it = iter(shown)
    assert all(char in it for char in kept)
    assert len(shown) >= len(text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),
        ("\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"),
        ("\x9b31m", "\\x9b31m"),
        ("a\nb\r\tc", "a\\nb\\r\\tc"),
        ("\x00\x7f\x85", "\\x00\\x7f\\x85"),
        ("evil\u202egpj.yaml", "evil\\u202egpj.yaml"),
        ("\u2066x\u2069\u200e\u200f\u061c", "\\u2066x\\u2069\\u200e\\u200f\\u061c"),
        ("one\u2028two\u2029", "one\\u2028two\\u2029"),
        ("caf\udce9.yaml", "caf\\udce9.yaml"),
        ("café 字 👩‍❤️‍👨 ❤️ 1️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿 \u200b\xa0", "café 字 👩‍❤️‍👨 ❤️ 1️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿 \u200b\xa0"),
        ("C:\\decks\\x1b.yaml", "C:\\decks\\x1b.yaml"),
        ("", ""),
    ],
)
def test_examples(text: str, shown: str) -> None:
    assert for_terminal(text) == shown


def test_plain_ascii_is_escaped_exactly_where_it_is_unsafe() -> None:
    # ASCII takes a quicker road than the rest; it must reach the same place.
    for text in [chr(code) for code in range(128)] + ["plain words", "", "tab\there"]:
        assert (for_terminal(text) != text) == any(unsafe(char) for char in text), repr(text)
