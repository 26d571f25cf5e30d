"""The copies the game made outside the database, found and removed when all is forgotten.

Forgetting everything must leave no copy behind: the Markdown exports the game wrote into
the data folder (``paths.export_file_name``), temporary files a killed export left there,
and the deck cache (which may hold copies of private decks). Damaged history files set
aside (``<name>.corrupt-<stamp>``) are the player's data: they are listed, and removed
only when the player asks.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from closeness_cards.store.damage import CORRUPT_INFIX, DAMAGED_SUFFIX
from closeness_cards.store.errors import reason
from closeness_cards.store.files import TEMP_SUFFIX
from closeness_cards.store.paths import (
    DATABASE_NAME,
    GAME_EXPORT_NAMES,
    data_dir,
    deck_cache_dir,
)

EXPORT_HEADER = b"# Closeness Cards\n"
"""How every Markdown page the game writes begins: a file named like an export that does
not begin so was not written by the game, and is left alone."""

_EXPORT = re.compile(GAME_EXPORT_NAMES)
_EXPORT_TEMP = re.compile(
    r"\.(?:" + GAME_EXPORT_NAMES + r")\.[a-z0-9_]{8}(?:" + re.escape(TEMP_SUFFIX) + r"|\.tmp)",
    re.DOTALL,
)


@dataclass(frozen=True)
class Copies:
    """What was found of the game's copies outside the database, and what became of each."""

    removed: tuple[tuple[str, Path], ...] = ()
    """What is gone, each with its kind: ``export``, ``leftover`` (a killed export's
    temporary file, the damage marker), ``cached`` (a cached deck) or ``damaged``."""
    failed: tuple[tuple[Path, str], ...] = ()
    """Copies that could not be removed, each with the operating system's reason."""
    damaged: tuple[Path, ...] = ()
    """Damaged history files set aside and left alone (the player's to keep or delete)."""
    exports: tuple[Path, ...] = ()
    """The game's exports, for ``forget --session``: they may still hold the session."""
    others: tuple[Path, ...] = ()
    """Files named like the game's exports that the game did not write: left alone."""


def game_copies(*, include_damaged: bool = False) -> list[Path]:
    """The copies ``forget_copies`` would remove, without removing anything."""
    exports, _ = _exports(data_dir())
    damaged = _damaged(data_dir()) if include_damaged else []
    return [*exports, *_export_leftovers(data_dir()), *_cached(deck_cache_dir()), *damaged]


def forget_copies(*, include_damaged: bool = False) -> Copies:
    """Remove every copy the game made outside the database; say what became of each.

    Args:
        include_damaged: Remove damaged history files set aside too (they hold what the
            history held when it was damaged).
    """
    folder = data_dir()
    exports, others = _exports(folder)
    damaged = _damaged(folder)
    leftovers = _export_leftovers(folder)
    marker = folder / (DATABASE_NAME + DAMAGED_SUFFIX)
    if marker.is_file():
        leftovers.append(marker)  # empty, but a trace that there was a history
    doomed = [
        *(("export", p) for p in exports),
        *(("leftover", p) for p in leftovers),
        *(("cached", p) for p in _cached(deck_cache_dir())),
        *(("damaged", p) for p in (damaged if include_damaged else [])),
    ]
    removed: list[tuple[str, Path]] = []
    failed: list[tuple[Path, str]] = []
    for kind, path in doomed:
        try:
            path.unlink()
        except FileNotFoundError:
            continue  # gone already: another forget, or a write that finished
        except OSError as error:
            failed.append((path, reason(error)))
        else:
            removed.append((kind, path))
    return Copies(
        removed=tuple(removed),
        failed=tuple(failed),
        damaged=() if include_damaged else tuple(damaged),
        others=tuple(others),
    )


def session_copies() -> Copies:
    """What forgetting one session leaves: the exports (it may be in them) and damaged files."""
    folder = data_dir()
    exports, others = _exports(folder)
    return Copies(damaged=tuple(_damaged(folder)), exports=tuple(exports), others=tuple(others))


def _files(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of a folder that are files or links (never followed); [] if it is not."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            continue
        if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
            found.append(entry)
    return sorted(found, key=lambda entry: entry.name)


def _exports(folder: Path) -> tuple[list[Path], list[Path]]:
    """The game's exports in the data folder, and files only named like them."""
    ours: list[Path] = []
    others: list[Path] = []
    for entry in _files(folder):
        if not _EXPORT.fullmatch(entry.name):
            continue
        path = Path(entry.path)
        (ours if _written_by_the_game(path) else others).append(path)
    return ours, others


def _written_by_the_game(path: Path) -> bool:
    if path.is_symlink():
        return False  # the game writes files, never links; a link is someone else's
    try:
        with path.open("rb") as file:
            return file.read(len(EXPORT_HEADER)) == EXPORT_HEADER
    except OSError:
        return False


def _export_leftovers(folder: Path) -> list[Path]:
    """Temporary files of exports into the data folder, of any age: they hold the page."""
    return [Path(e.path) for e in _files(folder) if _EXPORT_TEMP.fullmatch(e.name)]


def _cached(folder: Path) -> list[Path]:
    """Every file in the deck cache: the whole folder is the game's own."""
    return [Path(entry.path) for entry in _files(folder)]


def _damaged(folder: Path) -> list[Path]:
    """Damaged history files set aside, with their logs."""
    prefix = DATABASE_NAME + CORRUPT_INFIX
    return [Path(e.path) for e in _files(folder) if e.name.startswith(prefix)]
