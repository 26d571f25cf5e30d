"""Reading one deck file: hostile-input safe YAML in, a validated Deck or precise errors out."""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from pathlib import Path

from closeness_cards.core.cards import Deck, Stage
from closeness_cards.core.frozen import Frozen
from closeness_cards.core.safe_text import for_terminal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

SCHEMA_VERSION = 1
MAX_DECK_BYTES = 16 * 1024 * 1024
"""Files above this are refused before a byte is parsed."""
MAX_NESTING = 64
"""A deck needs four levels; PyYAML's C composer recurses and crashes on deep files."""
MAX_PROBLEMS = 500
"""Reading stops after this many problems, so a broken file's report stays readable."""

DECK_KEYS = (
    "schema", "id", "title", "description", "audience", "stages", "table", "language",
    "optional", "note", "share", "cards",
)  # fmt: skip
CARD_KEYS = (
    "id", "text", "depth", "kind", "stages", "theme", "follow_up", "both", "minutes", "mature",
    "table", "touch", "idea", "tip",
)  # fmt: skip
REQUIRED_DECK_KEYS = ("schema", "id", "title", "cards")
REQUIRED_CARD_KEYS = ("id", "text", "depth")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Matched with ``fullmatch``: ``$`` would also accept a trailing newline."""
SLUG_MAX = 64
TITLE_MAX = 80
DESCRIPTION_MAX = 600
NOTE_MAX = 280
LANGUAGE_MIN, LANGUAGE_MAX = 2, 16
STAGE_NAMES = (*(stage.value for stage in Stage), "any")
SHOWN_MAX = 80
"""Characters of a value from the file quoted in a message; the rest is cut."""


def quoted(value: object) -> str:
    """A value from a deck file as a message quotes it: short, and safe for a terminal."""
    text = str(value)
    if len(text) > SHOWN_MAX:
        text = text[:SHOWN_MAX] + "…"
    return for_terminal(text)


class DeckProblem(Frozen):
    """One thing wrong with a deck file, located in it."""

    __slots__ = ("column", "hint", "line", "message", "path")
    FIELDS = ("path", "line", "column", "message", "hint")
    path: Final[str]
    line: Final[int]
    """1-based line (0 when the problem is about the whole file)."""
    column: Final[int]
    message: Final[str]
    hint: Final[str]

    def __init__(self, path: str, line: int, column: int, message: str, hint: str = "") -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        # Escaped as a whole: the path, and any value of the file a message quotes, could
        # otherwise put an escape sequence, or a line that looks like another problem, on
        # the user's terminal.
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        hint = f" ({self.hint})" if self.hint else ""
        return for_terminal(f"{where}: {self.message}{hint}")


class DeckError(Exception):
    """A deck file that cannot be used; ``problems`` lists everything found wrong."""

    def __init__(self, problems: list[DeckProblem]) -> None:
        super().__init__(str(problems[0]))
        self.problems = problems


def read_deck_file(path: Path, *, builtin: bool = False) -> Deck:
    """Read and validate one deck file.

    Raises:
        DeckError: the file cannot be read or is not a valid deck; every problem is listed.
    """
    return parse_deck(read_deck_bytes(path), path, builtin=builtin)


def open_deck_file(path: Path) -> io.BufferedReader:
    """Open a deck file to read, refusing anything that is not a small regular file.

    Raises:
        DeckError: the file is missing, unreadable, too large, a folder, a FIFO or a device.
    """
    name = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise _whole(name, "this is a folder, not a deck file", "pass the folder to --deck")
        if not stat.S_ISREG(info.st_mode):
            raise _whole(name, "not a regular file")
        if info.st_size > MAX_DECK_BYTES:
            raise _too_large(name, info.st_size)
        # O_NONBLOCK: were the file swapped for a FIFO since the stat, open must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            regular = stat.S_ISREG(os.fstat(fd).st_mode)
        except OSError:
            os.close(fd)
            raise
        if not regular:
            os.close(fd)
            raise _whole(name, "not a regular file")
    except FileNotFoundError:
        raise _whole(name, "no such file") from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise _whole(name, f"cannot read it: {reason}") from None
    return open(fd, "rb")


def read_deck_bytes(path: Path) -> bytes:
    """Read a deck file's bytes, refusing anything that is not a small regular file."""
    with open_deck_file(path) as handle:
        try:
            # Ask for the size the file says it has: a 16 MiB buffer for a small deck is slow.
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(min(size, MAX_DECK_BYTES) + 1)
            if len(data) > size:  # it grew, or its size was not true (/proc)
                data += handle.read(MAX_DECK_BYTES + 1 - len(data))
        except OSError as error:
            raise _whole(str(path), f"cannot read it: {error.strerror or error}") from None
    if len(data) > MAX_DECK_BYTES:
        raise _too_large(str(path), len(data))
    return data


def parse_deck(data: bytes, path: Path | str, *, builtin: bool = False) -> Deck:
    """Parse deck YAML from bytes; ``path`` names the source in messages.

    Raises:
        DeckError: every problem found, in file order.
    """
    name = str(path)
    text = _decode(data, name)
    # Imported here: yaml alone takes about 20 ms to import, and a deck from the cache
    # never needs it.
    from closeness_cards.core.deckread import read_deck_text

    deck, problems = read_deck_text(text, name, Path(path), builtin)
    if problems or deck is None:
        problems = problems or [DeckProblem(name, 0, 0, "not a valid deck")]
        raise DeckError(sorted(problems, key=lambda p: (p.line, p.column)))
    return deck


def _whole(name: str, message: str, hint: str = "") -> DeckError:
    return DeckError([DeckProblem(name, 0, 0, message, hint)])


def _too_large(name: str, size: int) -> DeckError:
    limit = describe_size(MAX_DECK_BYTES)
    return _whole(name, f"the file is too large ({describe_size(size)}; the limit is {limit})")


def describe_size(size: int) -> str:
    """A number of bytes for a message, never rounded to look like a nearby limit."""
    mib, rest = divmod(size, 1024 * 1024)
    if rest == 0 and mib:
        return f"{mib} MiB"
    if mib == 0:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):.1f} MiB, {size:,} bytes"


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_DECK_BYTES:
        raise _too_large(name, len(data))
    wide = _wide_encoding(data)
    if wide is not None:
        raise _whole(name, f"the file is {wide} text, not UTF-8", "save it as UTF-8")
    if b"\x00" in data:
        raise _whole(name, "this is a binary file, not a YAML deck")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = line_column(data, error.start)
        raise DeckError(
            [DeckProblem(name, line, column, "the file is not UTF-8 text", "save it as UTF-8")]
        ) from None
    if not text.strip():
        raise _whole(name, "the file is empty", "start from `closeness-cards decks new FILE`")
    return text


def _wide_encoding(data: bytes) -> str | None:
    """UTF-32 or UTF-16, when the bytes start like text in one of them, else None."""
    # UTF-32 first: its little-endian byte-order mark begins with UTF-16's.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    # Without a mark: a deck starts with ASCII ('schema', '#', '-'), which these spell
    # with zero bytes around each letter.
    zeros = tuple(byte == 0 for byte in data[:4])
    return _ZERO_BYTES.get(zeros)


_ZERO_BYTES: dict[tuple[bool, ...], str] = {
    (False, True, True, True): "UTF-32",
    (True, True, True, False): "UTF-32",
    (False, True, False, True): "UTF-16",
    (True, False, True, False): "UTF-16",
}
"""Which of a file's first four bytes are zero, for ASCII in each wide encoding."""


def line_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset into UTF-8 text."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1
