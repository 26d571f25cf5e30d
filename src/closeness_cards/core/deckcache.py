"""A cache of parsed decks, so a deck's YAML is parsed once and not at every start."""

from __future__ import annotations

import gc
import marshal
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from closeness_cards import __version__
from closeness_cards.core.cards import (
    CARD_FIELDS,
    Audience,
    Deck,
    Depth,
    Fits,
    Kind,
    Stage,
    cards_from_columns,
)
from closeness_cards.core.deckcheck import check_frozen
from closeness_cards.core.deckfile import (
    MAX_DECK_BYTES,
    DeckError,
    open_deck_file,
    parse_deck,
    read_deck_bytes,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

try:  # CPython's own BLAKE2: `hashlib` would load OpenSSL first, ~1.5 ms of every start
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b

CACHE_VERSION = 5
"""Raised whenever the frozen form changes (3: cards keep their table; 4: touch, idea and tip,
and the deck's optional, note and share; 5: keyed by BLAKE2b), so that entries an
older version wrote are misses, read from the YAML again, and never mistaken for this one's."""
# An entry: magic (8 bytes), key (32: BLAKE2b of stamp, size, time and content), crc32 of the
# payload (4), then the payload: the deck frozen into tuples, in marshal format.
_MAGIC = b"ccdeck\x00" + bytes([CACHE_VERSION])
_KEY = slice(8, 40)
_CHECK = slice(40, 44)
_PAYLOAD = 44
_ENTRY_MAX = 256 * 1024 * 1024
_STAMP = f"{CACHE_VERSION}:{__version__}:{marshal.version}:{sys.version_info[:2]}".encode()
"""A new release may read decks differently, so its entries never match an older one's."""

_STAGES = tuple(Stage)
_DEPTHS = {int(depth): depth for depth in Depth}
_KINDS = {kind.value: kind for kind in Kind}
_TABLES: dict[str | None, Fits | None] = {None: None, **{fits.value: fits for fits in Fits}}
_KIND_VALUES = {kind: kind.value for kind in Kind}
_TABLE_VALUES = {table: value for value, table in _TABLES.items()}


def load_cached(path: Path, cache_dir: Path | None, *, builtin: bool = False) -> Deck:
    """Read a deck, from the cache when its size, time and content hash still match.

    The content hash decides: size and modification time only make an entry go stale
    sooner. A stale, corrupt or unreadable cache entry is ignored and rebuilt; the cache
    never changes what a deck file means, and a deck with errors is never cached.

    Raises:
        DeckError: as ``read_deck_file``.
    """
    if cache_dir is None:
        return parse_deck(read_deck_bytes(path), path, builtin=builtin)
    entry = _entry_path(cache_dir, path)
    deck = _load_entry(entry, path, builtin)
    if deck is None:
        data = read_deck_bytes(path)
        deck = parse_deck(data, path, builtin=builtin)
        _store(entry, _key(path, data), _freeze(deck))
    return deck


def _key(path: Path, data: bytes) -> bytes:
    try:
        info = os.stat(path)
    except OSError:
        return _digest(None, (data,))  # gone since it was read: the content alone decides
    return _digest(info, (data,))


def _file_key(path: Path) -> bytes | None:
    """The key of a deck file read in small pieces, or None if it is not a readable deck.

    In pieces, so that a cache hit never copies the whole file into fresh memory.
    """
    try:
        handle = open_deck_file(path)
    except DeckError:
        return None  # parsing will say why
    with handle:
        buffer = bytearray(64 * 1024)
        view = memoryview(buffer)

        def pieces() -> Iterator[memoryview]:
            total = 0
            while count := handle.readinto(buffer):
                total += count
                if total > MAX_DECK_BYTES:
                    raise OSError("the file grew past the limit")
                yield view[:count]

        try:
            return _digest(os.fstat(handle.fileno()), pieces())
        except OSError:
            return None


def _digest(info: os.stat_result | None, pieces: Iterable[bytes | memoryview]) -> bytes:
    digest = blake2b(_STAMP, digest_size=32)
    digest.update(f"{info.st_size}:{info.st_mtime_ns}:".encode() if info else b"?")
    for piece in pieces:
        digest.update(piece)
    return digest.digest()


def _entry_path(cache_dir: Path, path: Path) -> Path:
    # abspath, not resolve(): no system calls, and two names for one file only cost space.
    named = os.path.abspath(path).encode("utf-8", "surrogatepass")
    digest = blake2b(named, digest_size=16).hexdigest()
    return cache_dir / f"deck-{digest[:32]}.marshal"


def _load_entry(entry: Path, path: Path, builtin: bool) -> Deck | None:
    """The cached deck, or None when there is no entry or it cannot be trusted.

    The entry first: without one (a first run), the deck file is not read twice.
    """
    try:
        # O_NONBLOCK and the fstat: a FIFO or device left in the cache must not hang us.
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > _ENTRY_MAX:
                return None
            blob = handle.read(info.st_size)
    except OSError:
        return None
    # The checksum comes before unmarshalling: damaged marshal data can claim a tuple of
    # billions of items and take minutes to fail.
    if blob[: len(_MAGIC)] != _MAGIC or blob[_KEY] != _file_key(path):
        return None
    payload = memoryview(blob)[_PAYLOAD:]
    if zlib.crc32(payload).to_bytes(4, "little") != blob[_CHECK]:
        return None
    # Thousands of new objects would set off several garbage collections, each walking every
    # object the program holds, to find nothing: none of these can form a cycle.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _thaw(marshal.loads(payload), path, builtin)
    except (ValueError, TypeError, EOFError, KeyError, IndexError, AttributeError):
        return None  # a structure this version did not write: parse again
    finally:
        if collecting:
            gc.enable()


def _stage_bits(stages: frozenset[Stage]) -> int:
    return sum(1 << i for i, stage in enumerate(_STAGES) if stage in stages)


def _stages(bits: int) -> frozenset[Stage]:
    if not 0 < bits < 1 << len(_STAGES):
        raise ValueError(bits)
    return frozenset(stage for i, stage in enumerate(_STAGES) if bits >> i & 1)


def _freeze(deck: Deck) -> tuple[Any, ...]:
    # Column by column: fewer, larger objects to marshal and unmarshal than a tuple per card.
    _, *columns = list(zip(*deck.cards, strict=True))[: len(CARD_FIELDS)]
    depths, kinds, stages, tables = columns[2], columns[3], columns[4], columns[10]
    bits = {value: _stage_bits(value) for value in set(stages)}
    columns[2] = tuple(map(int, depths))
    columns[3] = tuple(map(_KIND_VALUES.__getitem__, kinds))
    columns[4] = tuple(map(bits.__getitem__, stages))
    columns[10] = tuple(map(_TABLE_VALUES.__getitem__, tables))
    return (
        deck.id, deck.title, deck.description, deck.audience.value, _stage_bits(deck.stages),
        deck.language, deck.optional, deck.note, deck.share, tuple(columns),
    )  # fmt: skip


def _thaw(frozen: Any, source: Path, builtin: bool) -> Deck:
    check_frozen(frozen)  # raises NotADeck, a ValueError, unless the loader could have made it
    deck_id, title, description, audience, stage_bits, language, optional, note, share, columns = (
        frozen
    )
    columns = list(columns)
    # Every loop runs in C (map, zip): the cards are built by ``cards_from_columns``.
    stage_sets = {value: _stages(value) for value in set(columns[4])}
    columns[2] = tuple(map(_DEPTHS.__getitem__, columns[2]))
    columns[3] = tuple(map(_KINDS.__getitem__, columns[3]))
    columns[4] = tuple(map(stage_sets.__getitem__, columns[4]))
    columns[10] = tuple(map(_TABLES.__getitem__, columns[10]))
    return Deck(
        id=deck_id,
        title=title,
        cards=cards_from_columns(deck_id, columns),
        description=description,
        audience=Audience(audience),
        stages=_stages(stage_bits),
        language=language,
        source=source,
        builtin=builtin,
        optional=optional,
        note=note,
        share=share,
    )


def _store(entry: Path, key: bytes, frozen: tuple[Any, ...]) -> None:
    payload = marshal.dumps(frozen)
    blob = b"".join((_MAGIC, key, zlib.crc32(payload).to_bytes(4, "little"), payload))
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        import tempfile  # only a miss writes

        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".deck-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(blob)
            os.replace(temp, entry)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass  # a cache that cannot be written only costs speed
