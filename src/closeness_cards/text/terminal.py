"""How text reaches a terminal: many lines at once, JSON documents, and guarded streams.

``core.safe_text.for_terminal`` makes one line safe and every message goes through it. What
is here keeps the same promise for whole outputs: a JSON document stays JSON, and a stream
that stands for stdout or stderr escapes whatever a message forgot, so that no control
character, bidirectional control or stray line break reaches the terminal raw.
"""

from __future__ import annotations

import errno
import functools
import json
import re

from closeness_cards.core.safe_text import for_terminal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_UNSAFE_CLASS = (
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff]"
)
"""What ``for_terminal`` escapes, but the line end: the same class (a test holds them
together), for text of many lines."""


@functools.cache
def _unsafe() -> re.Pattern[str]:
    # Compiled when first needed (about half a millisecond): ASCII output never needs it.
    return re.compile(_UNSAFE_CLASS)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char < "\x20":
        return for_terminal(char)  # as every message escapes it: "\x1b", "\t", "\r"
    # DEL, C1, bidirectional controls, separators and lone surrogates only ever reach a JSON
    # document inside a string, where "\u009b" is the same character and "\x9b" is no JSON.
    return f"\\u{ord(char):04x}"


def for_stream(text: str) -> str:
    """``text`` of any number of lines, safe for a terminal: only line ends are kept raw.

    C0 controls read as ``for_terminal`` writes them (``\\x1b``); the others as JSON and
    Python write them (``\\u009b``, ``\\u202e``), so that a JSON document stays valid.
    """
    if text.isascii():  # at C speed: a history as JSON is tens of megabytes
        if not text.encode("ascii").translate(None, _ASCII_KEPT):
            return text
    elif _unsafe().search(text) is None:
        return text
    return _unsafe().sub(_escape, text)


_ASCII_KEPT = b"\n" + bytes(range(0x20, 0x7F))
"""The ASCII characters ``_UNSAFE_CLASS`` leaves alone."""


def json_document(document: Any) -> str:
    """One JSON document for the terminal: readable text kept as it is, controls escaped.

    ``ensure_ascii=False`` keeps names and cards readable, but lets DEL, C1 and the
    bidirectional controls through raw (and lone surrogates, which no stream can encode);
    those are written as ``\\u`` escapes, which read back as the same text.
    """
    return for_stream(json.dumps(document, indent=2, ensure_ascii=False))


class TerminalStream:
    """A text stream for stdout or stderr that escapes everything written to it.

    The last guard, not the first: messages escape what they quote; this makes sure that
    nothing forgotten, and no stream another module writes to, reaches the terminal raw.
    It remembers the error that stopped the output, so that the entry point can tell a
    failed write from any other error.
    """

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped
        """The stream written to: the real stdout or stderr, or a ``ClosedStream``."""
        self.failure: OSError | None = None
        """The error the last failed write or flush raised, if one did."""

    def write(self, text: str) -> int:
        """Write ``text`` escaped; return its length as given, as streams do."""
        try:
            self.wrapped.write(for_stream(text))
        except OSError as error:
            self.failure = error
            raise
        return len(text)

    def writelines(self, lines: Any) -> None:
        """Write each of ``lines``."""
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        """Flush the stream under this one."""
        try:
            self.wrapped.flush()
        except OSError as error:
            self.failure = error
            raise

    def isatty(self) -> bool:
        """Whether the stream under this one is a terminal."""
        return bool(self.wrapped.isatty())

    def fileno(self) -> int:
        """The file descriptor of the stream under this one."""
        return int(self.wrapped.fileno())

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def __getattr__(self, name: str) -> Any:
        # encoding, errors, buffer, closed...: as the stream under this one has them.
        return getattr(self.wrapped, name)


class ClosedStream:
    """Stands for a standard stream that was closed when the program started (``>&-``).

    Reading, or writing something, raises ``OSError(EBADF)`` naming the stream: the entry
    point turns that into one line and exit code 1. Writing nothing, or flushing, is fine:
    a command that had nothing to say lost nothing. A closed stderr (``silent``) drops what
    is written: there is nowhere left to say it, and the exit code still tells.
    """

    def __init__(self, name: str, fd: int, *, silent: bool = False) -> None:
        self.name = name
        """"standard input", "standard output" or "standard error"."""
        self.fd = fd
        """The descriptor, now held open on the null device so no file takes its number."""
        self.silent = silent
        self.closed = True
        self.encoding = "utf-8"
        self.errors = "strict"

    def _closed(self) -> OSError:
        return OSError(errno.EBADF, f"{self.name} is closed")

    def write(self, text: str) -> int:
        """Refuse to lose ``text``, or (``silent``) drop it."""
        if text and not self.silent:
            raise self._closed()
        return len(text)

    def read(self, size: int = -1) -> str:
        """Refuse: there is nothing to read from."""
        raise self._closed()

    def readline(self, size: int = -1) -> str:
        """Refuse: there is nothing to read from."""
        raise self._closed()

    def flush(self) -> None:
        """Nothing is buffered: nothing to do."""

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.fd
