"""The parsed-deck cache: used when it may be, never trusted when it must not be."""

from __future__ import annotations

import marshal
import os
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from closeness_cards.core import deckcache, deckfile
from closeness_cards.core.cards import Deck
from closeness_cards.core.deckcache import load_cached
from closeness_cards.core.deckcheck import CARD_COLUMNS
from closeness_cards.core.deckfile import DeckError, parse_deck
from support.decks import BUILTIN_DECKS, VALID_DECK, same_deck, write

AT = 9
"""Where the card columns are in a frozen deck, after the deck's nine fields."""


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path the cache had to parse, in order."""
    seen: list[Path] = []

    def counting(data: bytes, path: Path | str, *, builtin: bool = False) -> Deck:
        seen.append(Path(path))
        return parse_deck(data, path, builtin=builtin)

    monkeypatch.setattr(deckcache, "parse_deck", counting)
    return seen


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    return write(tmp_path / "sample.yaml", VALID_DECK)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("deck-*")) if cache.is_dir() else []


def test_the_second_load_comes_from_the_cache(
    deck_file: Path, cache: Path, parses: list[Path]
) -> None:
    first = load_cached(deck_file, cache)
    second = load_cached(deck_file, cache)
    assert parses == [deck_file]
    same_deck(first, second)
    assert len(entries(cache)) == 1


def test_a_cache_hit_reads_the_file_in_pieces_only(
    deck_file: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_cached(deck_file, cache)

    def whole(path: Path) -> bytes:
        raise AssertionError("a cache hit read the whole file into memory")

    monkeypatch.setattr(deckcache, "read_deck_bytes", whole)
    same_deck(load_cached(deck_file, cache), first)


def test_a_first_load_reads_and_hashes_the_deck_once(
    deck_file: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digests: list[object] = []
    digest = deckcache._digest

    def counted(*args: Any) -> bytes:
        digests.append(args)
        return digest(*args)

    monkeypatch.setattr(deckcache, "_digest", counted)
    first = load_cached(deck_file, cache)  # no entry yet: nothing to compare a key with
    assert len(digests) == 1
    same_deck(load_cached(deck_file, cache), first)  # a hit hashes the file to compare
    assert len(digests) == 2


def test_a_file_that_cannot_be_read_is_refused_even_when_cached(
    deck_file: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(deck_file, cache)

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(deckfile.os, "open", denied)
    with pytest.raises(DeckError, match="cannot read it: Permission denied"):
        load_cached(deck_file, cache)


@pytest.mark.parametrize("path", BUILTIN_DECKS, ids=lambda path: path.name)
def test_a_cached_deck_is_the_deck_the_loader_reads(path: Path, cache: Path) -> None:
    parsed = load_cached(path, None, builtin=True)
    load_cached(path, cache, builtin=True)
    same_deck(parsed, load_cached(path, cache, builtin=True))


def test_builtin_is_the_callers_word_not_the_caches(deck_file: Path, cache: Path) -> None:
    assert not load_cached(deck_file, cache).builtin
    assert load_cached(deck_file, cache, builtin=True).builtin


def test_changed_content_of_the_same_size_and_time_is_parsed_again(
    deck_file: Path, cache: Path, parses: list[Path]
) -> None:
    load_cached(deck_file, cache)
    before = deck_file.stat()
    changed = VALID_DECK.replace("A sample deck", "A simple deck")
    assert len(changed) == len(VALID_DECK)
    write(deck_file, changed)
    os.utime(deck_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert deck_file.stat().st_size == before.st_size
    assert deck_file.stat().st_mtime_ns == before.st_mtime_ns
    assert load_cached(deck_file, cache).title == "A simple deck"
    assert parses == [deck_file, deck_file]


def test_a_file_that_became_invalid_is_refused_not_served_from_the_cache(
    deck_file: Path, cache: Path
) -> None:
    load_cached(deck_file, cache)
    write(deck_file, VALID_DECK.replace("depth: 3", "depth: 4"))
    with pytest.raises(DeckError, match="'depth' must be a whole number"):
        load_cached(deck_file, cache)


def test_a_deck_with_errors_is_never_cached(tmp_path: Path, cache: Path) -> None:
    bad = write(tmp_path / "bad.yaml", VALID_DECK.replace("depth: 3", "depth: 4"))
    for _ in range(2):
        with pytest.raises(DeckError):
            load_cached(bad, cache)
    assert entries(cache) == []


def _header_for(deck_file: Path, cache: Path, payload: bytes) -> None:
    """Write an entry with a right header (magic, key, checksum) around ``payload``."""
    key = deckcache._key(deck_file, deck_file.read_bytes())
    blob = deckcache._MAGIC + key + zlib.crc32(payload).to_bytes(4, "little") + payload
    deckcache._entry_path(cache, deck_file).write_bytes(blob)


def _good_frozen(deck_file: Path) -> tuple[Any, ...]:
    return deckcache._freeze(parse_deck(deck_file.read_bytes(), deck_file))


DAMAGE: dict[str, Callable[[Path, Path, bytes], None]] = {
    "garbage": lambda entry, deck, blob: entry.write_bytes(os.urandom(len(blob))),
    "empty": lambda entry, deck, blob: entry.write_bytes(b""),
    "truncated": lambda entry, deck, blob: entry.write_bytes(blob[: len(blob) // 2]),
    "one byte flipped": lambda entry, deck, blob: entry.write_bytes(
        blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:]
    ),
    # A marshal of a tuple claiming two billion items takes minutes to fail: the checksum
    # must stop it before marshal sees it.
    "a huge claim": lambda entry, deck, blob: entry.write_bytes(
        blob[:44] + b"(" + (2**31 - 1).to_bytes(4, "little")
    ),
    "a truncated marshal": lambda entry, deck, blob: _header_for(
        deck, entry.parent, marshal.dumps(_good_frozen(deck))[:-20]
    ),
    "a marshal of None": lambda entry, deck, blob: _header_for(
        deck, entry.parent, marshal.dumps(None)
    ),
    "a marshal of the wrong shape": lambda entry, deck, blob: _header_for(
        deck, entry.parent, marshal.dumps(("sample", "title", (1, 2, 3)))
    ),
    "no cards": lambda entry, deck, blob: _header_for(
        deck, entry.parent, marshal.dumps((*_good_frozen(deck)[:AT], ((),) * CARD_COLUMNS))
    ),
    "columns of different lengths": lambda entry, deck, blob: _header_for(
        deck,
        entry.parent,
        marshal.dumps((*_good_frozen(deck)[:AT], (*_good_frozen(deck)[AT][:-1], ("one",)))),
    ),
    "an unknown depth": lambda entry, deck, blob: _header_for(
        deck,
        entry.parent,
        marshal.dumps((*_good_frozen(deck)[:AT], _with_column(_good_frozen(deck)[AT], 2, 9))),
    ),
    "no stages": lambda entry, deck, blob: _header_for(
        deck,
        entry.parent,
        marshal.dumps((*_good_frozen(deck)[:AT], _with_column(_good_frozen(deck)[AT], 4, 0))),
    ),
    "a folder": lambda entry, deck, blob: (entry.unlink(), entry.mkdir()),
    "a FIFO": lambda entry, deck, blob: (entry.unlink(), os.mkfifo(entry)),
}


def _with_column(columns: tuple[Any, ...], index: int, value: Any) -> tuple[Any, ...]:
    broken = (value,) * len(columns[index])
    return (*columns[:index], broken, *columns[index + 1 :])


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_entry_is_ignored_and_rebuilt(
    damage: str, deck_file: Path, cache: Path, parses: list[Path]
) -> None:
    good = load_cached(deck_file, cache)
    [entry] = entries(cache)
    DAMAGE[damage](entry, deck_file, entry.read_bytes())
    began = time.perf_counter()
    same_deck(load_cached(deck_file, cache), good)
    assert time.perf_counter() - began < 1.0
    assert len(parses) == 2
    rebuilt = damage != "a folder"  # a folder in the entry's place cannot be written over
    assert entry.is_file() is rebuilt
    same_deck(load_cached(deck_file, cache), good)
    assert len(parses) == (2 if rebuilt else 3)  # from the rebuilt cache, else parsed again


def test_an_entry_from_another_version_is_not_used(
    deck_file: Path, cache: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(deck_file, cache)
    monkeypatch.setattr(deckcache, "_STAMP", b"a later release")
    load_cached(deck_file, cache)
    assert len(parses) == 2


def test_an_entry_the_previous_format_wrote_is_a_miss_not_an_error(
    deck_file: Path, cache: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Version 2 froze cards without their table: its entries, header and all, must be read
    # as misses (the YAML parsed again), never thawed into cards of the wrong shape.
    good = load_cached(deck_file, cache)
    [entry] = entries(cache)
    frozen = deckcache._freeze(good)
    old = (*frozen[:6], (*frozen[AT][:-5], frozen[AT][-4]))
    with monkeypatch.context() as older:
        stamp = deckcache._STAMP.split(b":", 1)[1]
        older.setattr(deckcache, "_STAMP", b"2:" + stamp)
        key = deckcache._key(deck_file, deck_file.read_bytes())
    payload = marshal.dumps(old)
    magic = deckcache._MAGIC[:-1] + bytes([2])
    entry.write_bytes(magic + key + zlib.crc32(payload).to_bytes(4, "little") + payload)
    same_deck(load_cached(deck_file, cache), good)
    assert len(parses) == 2
    assert entry.read_bytes().startswith(deckcache._MAGIC)  # rebuilt in this version's form
    assert deckcache.CACHE_VERSION > 2


def test_a_cache_folder_that_cannot_be_made_only_costs_speed(
    deck_file: Path, tmp_path: Path, parses: list[Path]
) -> None:
    blocked = write(tmp_path / "not-a-folder", "")
    for cache in (blocked, blocked / "cache"):
        assert load_cached(deck_file, cache).id == "sample"
    assert len(parses) == 2


def test_a_cache_that_cannot_be_written_only_costs_speed(
    deck_file: Path, cache: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)  # imported by the cache when it writes
    for _ in range(2):
        assert load_cached(deck_file, cache).id == "sample"
    assert len(parses) == 2
    assert entries(cache) == []


def test_a_read_only_cache_folder_only_costs_speed(
    deck_file: Path, cache: Path, parses: list[Path]
) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into a read-only folder; see the simulated case")
    cache.mkdir()
    cache.chmod(0o500)
    try:
        for _ in range(2):
            assert load_cached(deck_file, cache).id == "sample"
        assert len(parses) == 2
    finally:
        cache.chmod(0o700)


def test_a_failed_write_leaves_no_temporary_file(
    deck_file: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(deckcache.os, "replace", broken)
    assert load_cached(deck_file, cache).id == "sample"
    assert list(cache.iterdir()) == []


def test_without_a_cache_folder_nothing_is_written(deck_file: Path, tmp_path: Path) -> None:
    before = sorted(tmp_path.rglob("*"))
    assert load_cached(deck_file, None).id == "sample"
    assert sorted(tmp_path.rglob("*")) == before


def test_two_files_get_two_entries(tmp_path: Path, cache: Path, parses: list[Path]) -> None:
    one = write(tmp_path / "one.yaml", VALID_DECK)
    two = write(tmp_path / "two.yaml", VALID_DECK.replace("id: sample", "id: other"))
    assert [load_cached(path, cache).id for path in (one, two, one, two)] == [
        "sample",
        "other",
        "sample",
        "other",
    ]
    assert len(entries(cache)) == 2
    assert parses == [one, two]
