"""A deck's free text: which characters it may hold, and when it shows nothing at all.

The loader (for YAML) and the cache (for what it reads back) both check text here, and the
JSON Schema's patterns are built from the same tables, so the three cannot drift apart.
"""

from __future__ import annotations

import re
import unicodedata

Ranges = tuple[tuple[int, int], ...]

HIDDEN: tuple[tuple[str, Ranges], ...] = (
    ("a control character", ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F))),
    (
        "a bidirectional control character",
        ((0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069)),
    ),
    ("half of a UTF-16 surrogate pair", ((0xD800, 0xDFFF),)),
    ("an invisible tag character", ((0xE0000, 0xE007F),)),
    ("a private-use character", ((0xE000, 0xF8FF), (0xF0000, 0x10FFFF))),
    (
        "an invisible formatting character",
        (
            (0x180E, 0x180E), (0x2061, 0x2065), (0x206A, 0x206F), (0xFEFF, 0xFEFF),
            (0xFFF0, 0xFFFB), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0080, 0xE00FF),
            (0xE01F0, 0xE0FFF),
        ),
    ),
)  # fmt: skip
"""Characters no deck text may hold, by what a message calls them. Besides controls that
could move the cursor or recolour the terminal and bidirectional controls that reorder text
on screen, these are the characters that carry text nobody sees: tag characters (which can
spell out a hidden message after any character), private-use characters, and Unicode's other
invisible format controls (invisible operators, annotation marks, reserved ignorables).
Tab and line breaks are whitespace, and the zero-width space and joiners, the word joiner,
the soft hyphen and variation selectors are kept: real text and emoji need them."""

SUBDIVISION_FLAGS = tuple(
    "\U0001f3f4" + "".join(chr(0xE0000 + ord(letter)) for letter in code) + "\U000e007f"
    for code in ("gbeng", "gbsct", "gbwls")
)
"""The only tag sequences Unicode recommends as emoji (the flags of England, Scotland and
Wales): spelling three fixed words, they can hide nothing."""

WHITESPACE: Ranges = (
    (0x00, 0x20), (0x7F, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
    (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
)  # fmt: skip
"""Every character Python's ``str.split`` splits on, and the controls (refused anyway)."""

INVISIBLE: Ranges = (
    *WHITESPACE,
    # zero-width, filler and other default-ignorable characters
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
    # the blank Braille pattern, which looks like a space
    (0x2800, 0x2800),
    # combining marks that can follow anything, so can be written with nothing before them
    (0x0300, 0x036F), (0x0483, 0x0489), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)  # fmt: skip
"""Characters that show nothing by themselves: text made only of these is blank. The
loader also counts every other combining mark (by the Unicode database) as showing nothing;
the schema cannot name them all."""


def pattern_class(ranges: Ranges) -> str:
    """The inside of a regular expression character class, for Python and JSON Schema alike.

    BMP characters are written as ``\\uXXXX`` escapes; others as themselves, since Python
    and ECMAScript (with the ``u`` flag, as editors use) spell astral escapes differently.
    """

    def one(code: int) -> str:
        return f"\\u{code:04x}" if code < 0x10000 else chr(code)

    return "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in ranges)


_HIDDEN_CLASS = pattern_class(tuple(span for _, spans in HIDDEN for span in spans))
_FLAGS = "|".join(re.escape(flag) for flag in SUBDIVISION_FLAGS)
ALLOWED_PATTERN = f"^(?:[^{_HIDDEN_CLASS}]|{_FLAGS})*$"
"""The JSON Schema pattern of text holding no hidden character."""
VISIBLE_PATTERN = f"[^{pattern_class(INVISIBLE)}]"
"""The JSON Schema pattern of text that shows something (found anywhere in it)."""
BLANK_OR_VISIBLE_PATTERN = f"^[{pattern_class(WHITESPACE)}]*$|{VISIBLE_PATTERN}"
"""The JSON Schema pattern of text that is only whitespace or shows something."""

_FIND_HIDDEN = re.compile(f"[{_HIDDEN_CLASS}]")
_FIND_VISIBLE = re.compile(VISIBLE_PATTERN)
_SURROGATE = re.compile("[\ud800-\udfff]")


def joined_surrogates(text: str) -> str:
    """``text`` with each UTF-16 surrogate pair made the one character it stands for.

    A YAML parser without libyaml turns the JSON-style escapes ``"\\ud83d\\ude00"`` into two
    halves of an emoji; a pair is that emoji, and only a lone half is refused.
    """
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def hidden_character(text: str) -> str | None:
    """What a message calls the first character ``text`` may not hold, with its code point."""
    found = _FIND_HIDDEN.search(text)
    if found is not None and "\U000e007f" in text:  # maybe only inside a flag
        for flag in SUBDIVISION_FLAGS:
            text = text.replace(flag, "\U0001f3f4")
        found = _FIND_HIDDEN.search(text)
    if found is None:
        return None
    code = ord(found.group())
    what = next(name for name, spans in HIDDEN if any(a <= code <= b for a, b in spans))
    return f"{what} (U+{code:04X})"


def shows_nothing(text: str) -> bool:
    """Whether ``text`` has no character that shows: only whitespace, zero-width characters,
    fillers and combining marks."""
    found = _FIND_VISIBLE.search(text)
    while found is not None:
        if not unicodedata.category(found.group()).startswith("M"):
            return False
        found = _FIND_VISIBLE.search(text, found.end())
    return True


def normal(text: str) -> str:
    """Text as a deck keeps it: runs of whitespace (line breaks too) made one space."""
    return " ".join(text.split())


def text_problem(value: str, low: int, high: int) -> tuple[str, str] | None:
    """What is wrong with a text field's value as written, and a hint; None if its
    ``normal`` form is a good value. The message follows the field's name, as in
    "'text' must be ...".
    """
    hidden = hidden_character(value)  # before splitting: str.split drops some controls
    if hidden is not None:
        return f"contains {hidden}", "remove it"
    text = normal(value)
    if text and shows_nothing(text):
        return "shows nothing: it holds only invisible characters", "write some words"
    if not low <= len(text) <= high:
        return f"must be {low} to {high} characters, not {len(text)}", ""
    return None
