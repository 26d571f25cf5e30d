"""Making untrusted text safe to show on one terminal line: the one escaping function."""

from __future__ import annotations

import functools
import re

_UNSAFE_CLASS = (
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)
"""Characters a terminal acts on or that break or reorder a line: C0 controls (ESC, BEL,
newline, tab), DEL, C1 controls (U+009B starts a control sequence on some terminals), every
bidirectional control, the line and paragraph separators, and lone surrogates (a file name
that was not UTF-8 carries them; most streams cannot even encode them)."""


@functools.cache
def _unsafe() -> re.Pattern[str]:
    # Compiled when first needed (about half a millisecond, a command's start-up): plain
    # ASCII text never needs it.
    return re.compile(_UNSAFE_CLASS)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    named = _NAMED.get(char)
    if named is not None:
        return named
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with every control, bidirectional and line-breaking character escaped.

    Escapes read like Python's (``\\x1b``, ``\\n``, ``\\u202e``, ``\\udcff``); everything
    else (accents, CJK, emoji and their joiners) is kept as it is. Backslashes are not
    doubled, so that safe text, and text already escaped, comes back unchanged.
    """
    if text.isascii() and text.isprintable():  # at C speed: in ASCII, only C0 and DEL are unsafe
        return text
    unsafe = _unsafe()
    if unsafe.search(text) is None:  # nothing to do, no new string
        return text
    return unsafe.sub(_escape, text)
