"""Reading the players' answers in plain mode: one line at a time, whatever the input holds.

Standard input is anything a pipe can carry: bytes that are not UTF-8, NUL, a line of a
million characters, or an endless stream without a line end. Each answer is read within a
bound; what cannot be an answer is refused with a reason, and the question asked again.
"""

from __future__ import annotations

from typing import TextIO

LINE_MAX = 1_000
"""The longest answer read (a name is at most 24 characters); a longer line is refused."""
SKIP_MAX = 16 * 2**20
"""How much of one overlong line is read past before the input is taken for no answers at
all (``/dev/zero`` has no line end): the game stops instead of reading for ever."""
_CHUNK = 64 * 1024

NOT_TEXT = "that line was not readable text (it was not UTF-8)"
TOO_LONG = f"that answer is too long (over {LINE_MAX:,} characters)"


class EndOfInput(Exception):
    """Standard input ended: the players left; whatever was played is already kept."""


class Unreadable(Exception):
    """A line that cannot be an answer; ``str()`` says why, in the players' words."""


def read_answer(stdin: TextIO) -> str:
    """The next line of ``stdin`` without its line end.

    Raises:
        EndOfInput: the input ended (or is an endless line).
        Unreadable: the line is not text (bytes that are not UTF-8) or is too long.
    """
    try:
        # An answer, its "\r\n", and one more: a line that fills it goes on further.
        line = stdin.readline(LINE_MAX + 3)
    except UnicodeDecodeError:
        # A stream that refuses bytes that are not UTF-8 drops what it read; the entry
        # point reads with surrogateescape, so this is for streams handed in by others.
        raise Unreadable(NOT_TEXT) from None
    if not line:
        raise EndOfInput
    if len(line) > LINE_MAX + 2 and not line.endswith("\n"):
        _skip_rest_of_line(stdin)
        raise Unreadable(TOO_LONG)
    answer = line.rstrip("\r\n")
    if len(answer) > LINE_MAX:
        raise Unreadable(TOO_LONG)
    try:
        answer.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: the bytes surrogateescape kept
        raise Unreadable(NOT_TEXT) from None
    return answer


def _skip_rest_of_line(stdin: TextIO) -> None:
    """Read past the rest of an overlong line, within ``SKIP_MAX``."""
    skipped = 0
    while skipped <= SKIP_MAX:
        try:
            chunk = stdin.readline(_CHUNK)
        except UnicodeDecodeError:
            skipped += _CHUNK  # the stream dropped a chunk: count it, to end for certain
            continue
        if not chunk or chunk.endswith("\n"):
            return
        skipped += len(chunk)
    raise EndOfInput


def other_digits(answer: str) -> bool:
    """Whether ``answer`` is digits, but not all of them 0 to 9 (``²``, ``٣``)."""
    return answer.isdigit() and not answer.isascii()


def number_from(answer: str, high: int) -> int | None:
    """The number from 1 to ``high`` that ``answer`` writes in the digits 0 to 9, or None.

    ``str.isdigit`` also says yes to ``²`` and ``٣``, which ``int`` refuses or reads, and
    ``int`` refuses more than 4,300 digits: neither is asked to read anything else.
    """
    if not (answer.isascii() and answer.isdigit()):
        return None
    significant = answer.lstrip("0")
    if len(significant) > len(str(high)):
        return None
    number = int(significant or "0")
    return number if 1 <= number <= high else None
