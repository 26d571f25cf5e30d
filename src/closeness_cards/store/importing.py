"""Reading a file that ``export --format json`` wrote, checked whole before anything is kept.

The file is untrusted: it may be any size, any bytes, any JSON. It is refused by its size
before it is read, parsed with numbers that are no numbers refused and nesting bounded, and
then every field is checked for its type, range and length, as ``store.rows`` checks a
stored row. The first problem is one line that says where it is
(``sessions[3].plays[0].depth must be 1, 2 or 3``); nothing is written by this module.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from closeness_cards.store.documents import DOCUMENT_VERSION, EXPORT_FORMAT
from closeness_cards.store.exported import favourite, hidden, loose_revisit, session
from closeness_cards.store.favourites import Favourite, HiddenCard, Revisit
from closeness_cards.store.fields import ImportRefused, keys_of, listed, moment, whole
from closeness_cards.store.records import SessionDetail
from closeness_cards.store.rows import NotANumber, finite_float, nesting, refuse_constant

__all__ = ["IMPORT_MAX_BYTES", "ExportDocument", "ImportRefused", "check_document", "read_import"]

IMPORT_MAX_BYTES = 64 * 1024 * 1024
"""The largest file ``import`` reads (64 MiB: over 100,000 cards played, as ``export``
indents them). A larger one is refused by its size, before a byte of it is read."""
NESTING_MAX = 8
"""How deep an export may nest: it writes six levels (the document, its sessions, a
session, its plays, a play, its answerers)."""
DIGITS_MAX = 20
"""The most digits a whole number may have: 64-bit integers have at most 19 (and a sign);
longer ones would take Python quadratic time to read."""


@dataclass(frozen=True)
class ExportDocument:
    """What an export holds, every value checked, ready to be added to a history.

    Session ids are the ones of the history the file came from; each session's revisit
    marks are its own (their ``session_id`` is that id). ``revisits`` holds the marks made
    outside any session, newest first as exported.
    """

    favourites: tuple[Favourite, ...]
    hidden: tuple[HiddenCard, ...]
    revisits: tuple[Revisit, ...]
    sessions: tuple[SessionDetail, ...]


def read_import(path: Path) -> ExportDocument:
    """Read and check an export file.

    Raises:
        ImportRefused: It is missing, not a regular file, too large, not UTF-8, not JSON,
            or not an export that this version reads; the message says which, and where.
    """
    data = _read_bytes(path)
    try:
        body = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"it is not UTF-8 text (byte {error.start + 1} is not)") from None
    if not body.strip():
        raise ImportRefused("the file is empty")
    try:
        document = json.loads(
            body,
            parse_constant=refuse_constant,
            parse_float=finite_float,
            parse_int=_whole_digits,
        )
    except json.JSONDecodeError as error:
        raise ImportRefused(
            f"it is not JSON (it goes wrong at line {error.lineno}, column {error.colno})"
        ) from None
    except NotANumber:
        raise ImportRefused(
            "it holds a number that is no number (NaN, Infinity, or too large)"
        ) from None
    except RecursionError:
        raise ImportRefused(
            f"it nests deeper than an export does (at most {NESTING_MAX} levels)"
        ) from None
    return check_document(document)


def _read_bytes(path: Path) -> bytes:
    """A small regular file's bytes; anything else is refused before it is read."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ImportRefused("it is a folder; name the file that `export --format json` wrote")
        if not stat.S_ISREG(info.st_mode):
            raise ImportRefused("it is not a regular file")
        if info.st_size > IMPORT_MAX_BYTES:
            raise ImportRefused(_too_large(info.st_size))
        # O_NONBLOCK: were the file swapped for a FIFO since the stat, open must not hang.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        with open(fd, "rb") as handle:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                raise ImportRefused("it is not a regular file")
            # Ask for the size the file says it has: a buffer of the limit is slow to make.
            size = min(opened.st_size, IMPORT_MAX_BYTES)
            data = handle.read(size + 1)
            if len(data) > size:  # it grew, or its size was not true (/proc)
                data += handle.read(IMPORT_MAX_BYTES + 1 - len(data))
    except ImportRefused:
        raise
    except FileNotFoundError:
        raise ImportRefused("there is no such file") from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise ImportRefused(f"it cannot be read: {reason}") from None
    if len(data) > IMPORT_MAX_BYTES:  # it grew since the stat, or its size was not true
        raise ImportRefused(_too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    mib = IMPORT_MAX_BYTES // (1024 * 1024)
    return f"it is {size / (1024 * 1024):.0f} MiB; an export to import is at most {mib} MiB"


def _whole_digits(digits: str) -> int:
    """``json.loads``'s ``parse_int``: a whole number of at most ``DIGITS_MAX`` digits."""
    if len(digits) > DIGITS_MAX:
        raise NotANumber("too many digits")
    return int(digits)


_DOCUMENT_KEYS = (
    "format",
    "version",
    "exported_at",
    "favourites",
    "hidden",
    "revisits",
    "sessions",
)


def check_document(document: object) -> ExportDocument:
    """Check a parsed export, field by field; return what it holds.

    Raises:
        ImportRefused: The first value that is not what ``export_data`` writes, located.
    """
    if type(document) is not dict:
        raise ImportRefused("it is not an export: the file holds no JSON object")
    deepest = nesting(document)
    if deepest > NESTING_MAX:
        raise ImportRefused(
            f"it nests {deepest} levels deep; an export nests at most {NESTING_MAX}"
        )
    kind = document.get("format")
    if kind != EXPORT_FORMAT:
        raise ImportRefused(
            f"it is not an export: format must be {EXPORT_FORMAT!r} "
            "(what `export --format json` writes)"
        )
    version = document.get("version")
    if type(version) is int and version > DOCUMENT_VERSION:
        raise ImportRefused(
            f"it is an export of version {version}, newer than this closeness-cards reads "
            f"({DOCUMENT_VERSION}); please update closeness-cards"
        )
    keys_of(document, "", _DOCUMENT_KEYS)
    whole(version, "version", DOCUMENT_VERSION, DOCUMENT_VERSION)
    moment(document["exported_at"], "exported_at")
    return ExportDocument(
        favourites=tuple(listed(document["favourites"], "favourites", favourite)),
        hidden=tuple(listed(document["hidden"], "hidden", hidden)),
        revisits=tuple(listed(document["revisits"], "revisits", loose_revisit)),
        sessions=tuple(listed(document["sessions"], "sessions", session)),
    )
