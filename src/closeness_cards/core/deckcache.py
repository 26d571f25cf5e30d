"""A cache of parsed decks, so a deck's YAML is parsed once and not at every start."""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from closeness_cards.core.cards import Audience, Card, Deck, Depth, Kind, Stage
from closeness_cards.core.deckfile import parse_deck, read_deck_bytes

CACHE_VERSION = 1
_STAGES = tuple(Stage)
_KINDS = {kind.value: kind for kind in Kind}


def _entry_path(cache_dir: Path, path: Path) -> Path:
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return cache_dir / f"deck-{digest[:32]}.marshal"


def _stage_bits(stages: frozenset[Stage]) -> int:
    return sum(1 << i for i, stage in enumerate(_STAGES) if stage in stages)


def _stages(bits: int) -> frozenset[Stage]:
    return frozenset(stage for i, stage in enumerate(_STAGES) if bits >> i & 1)


def _freeze(deck: Deck) -> tuple[Any, ...]:
    cards = tuple(
        (
            c.id, c.text, int(c.depth), c.kind.value, _stage_bits(c.stages), c.theme,
            c.follow_up, c.both, c.minutes, c.mature, c.line,
        )
        for c in deck.cards
    )
    return (
        deck.id, deck.title, deck.description, deck.audience.value, _stage_bits(deck.stages),
        deck.language, cards,
    )


def _thaw(frozen: tuple[Any, ...], source: Path, builtin: bool) -> Deck:
    deck_id, title, description, audience, stage_bits, language, cards = frozen
    stage_sets: dict[int, frozenset[Stage]] = {}
    depths = {1: Depth.WARM_UP, 2: Depth.OPEN_UP, 3: Depth.DEEP}
    thawed = []
    for cid, text, depth, kind, bits, theme, follow_up, both, minutes, mature, line in cards:
        stages = stage_sets.get(bits)
        if stages is None:
            stages = stage_sets[bits] = _stages(bits)
        thawed.append(
            Card(deck_id, cid, text, depths[depth], _KINDS[kind], stages, theme, follow_up,
                 both, minutes, mature, line)
        )
    return Deck(
        id=deck_id, title=title, cards=tuple(thawed), description=description,
        audience=Audience(audience), stages=_stages(stage_bits), language=language,
        source=source, builtin=builtin,
    )


def load_cached(path: Path, cache_dir: Path | None, *, builtin: bool = False) -> Deck:
    """Read a deck, from the cache when its size, time and content hash still match.

    A stale, corrupt or unreadable cache entry is ignored and rebuilt; the cache never
    changes what a deck file means, and a deck with errors is never cached.

    Raises:
        DeckError: as ``read_deck_file``.
    """
    data = read_deck_bytes(path)
    if cache_dir is None:
        return parse_deck(data, path, builtin=builtin)
    digest = hashlib.blake2b(data, digest_size=20).hexdigest()
    entry = _entry_path(cache_dir, path)
    try:
        with open(entry, "rb") as handle:
            stored = marshal.load(handle)
        if (
            isinstance(stored, tuple)
            and len(stored) == 3
            and stored[0] == CACHE_VERSION
            and stored[1] == digest
        ):
            return _thaw(stored[2], path, builtin)
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        pass  # no entry yet, or a damaged one: parse and write it again
    deck = parse_deck(data, path, builtin=builtin)
    _store(entry, (CACHE_VERSION, digest, _freeze(deck)))
    return deck


def _store(entry: Path, value: tuple[Any, ...]) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".deck-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                marshal.dump(value, out)
            os.replace(temp, entry)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass  # a cache that cannot be written only costs speed
