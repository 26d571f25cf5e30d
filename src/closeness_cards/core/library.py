"""Finding deck files (built-in, the user's, or given on the command line) and loading them."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from closeness_cards.core.cards import Card, Deck
from closeness_cards.core.deckcache import load_cached
from closeness_cards.core.deckfile import MAX_DECK_BYTES, DeckError, DeckProblem, describe_size
from closeness_cards.core.frozen import Frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

DECK_SUFFIXES = (".yaml", ".yml")
USER_DECK_FILES_MAX = 64
"""Deck files read from the user's decks folder at most; the others are skipped, each named.
Every command reads that folder: without a limit, a folder of many or huge decks would
make every start slow."""
USER_DECK_BYTES_MAX = 32 * 1024 * 1024
"""Bytes of deck files read from the user's decks folder in all (two decks of the largest
size a deck may have), in name order; a file that would go past it is skipped, and named."""


def switched_off(decks: Iterable[Deck], switches: dict[str, bool]) -> set[str]:
    """The ids of decks that are off: as the players set them, else the decks whose files
    say they are optional (a situation only some tables are in)."""
    return {deck.id for deck in decks if not switches.get(deck.id, not deck.optional)}


def builtin_decks_dir() -> Path:
    """The folder of the decks that ship with the game.

    A wheel carries them inside the package; an editable install or a source checkout does
    not, so fall back to the repository's top-level ``decks/``.
    """
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "decks"
    if packaged.is_dir():
        return packaged
    return here.parents[3] / "decks"


def deck_files(path: Path) -> list[Path]:
    """The deck files a path names: the file itself, or a folder's YAML files in name order
    (none if the folder cannot be read; ``find_deck_files`` says why)."""
    return _listed(path)[0]


def find_deck_files(path: Path) -> tuple[list[Path], list[DeckError]]:
    """The deck files a path names to load, and a problem for each one that cannot be.

    As ``deck_files``; and a folder that cannot be read is a problem, and so is a file whose
    path is not UTF-8: no message or deck list could show it.
    """
    candidates, problems = _listed(path)
    files: list[Path] = []
    for file in candidates:
        try:
            str(file).encode("utf-8")
        except UnicodeEncodeError:  # undecodable bytes, kept as lone surrogates
            hint = "rename the file"
            problems.append(_problem(file, "skipped: the file name is not UTF-8", hint))
            continue
        files.append(file)
    return files, problems


def _listed(path: Path) -> tuple[list[Path], list[DeckError]]:
    if not _is_folder(path):
        return [path], []  # a file, or nothing: reading it says which
    try:
        with os.scandir(path) as listing:
            return [path / name for name in sorted(_deck_names(listing))], []
    except OSError as error:
        return [], [_problem(path, f"cannot read the folder: {_reason(error)}")]


def _deck_names(listing: Iterable[os.DirEntry[str]]) -> Iterable[str]:
    for entry in listing:
        if Path(entry.name).suffix not in DECK_SUFFIXES:
            continue
        try:
            regular = entry.is_file()
        except OSError:
            regular = True  # reading it will say what is wrong
        if regular:
            yield entry.name


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; never an exception (``Path.is_dir`` raises on EACCES)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _problem(path: Path, message: str, hint: str = "") -> DeckError:
    return DeckError([DeckProblem(str(path), 0, 0, message, hint)])


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)


def _within_limits(files: Sequence[Path]) -> tuple[list[Path], list[DeckError]]:
    """The files of the user's decks folder to read, and a problem for each one skipped:
    at most ``USER_DECK_FILES_MAX`` files and ``USER_DECK_BYTES_MAX`` bytes, in order."""
    kept: list[Path] = []
    skipped: list[DeckError] = []
    total = 0
    for file in files:
        if len(kept) >= USER_DECK_FILES_MAX:
            message = f"skipped: the decks folder holds more than {USER_DECK_FILES_MAX} deck files"
            skipped.append(_problem(file, message, "move some out, or play them with --deck"))
            continue
        try:
            size = os.stat(file).st_size
        except (OSError, ValueError):
            size = 0  # reading it will say what is wrong
        if size <= MAX_DECK_BYTES:  # a larger file is refused by its size alone, unread
            if total + size > USER_DECK_BYTES_MAX:
                limit = describe_size(USER_DECK_BYTES_MAX)
                message = f"skipped: the decks folder holds more than {limit} of decks in all"
                skipped.append(_problem(file, message, "move some out, or play them with --deck"))
                continue
            total += size
        kept.append(file)
    return kept, skipped


class Library(Frozen):
    """Every deck loaded for a session, and the decks that could not be loaded."""

    __slots__ = ("_by_id", "decks", "problems")
    FIELDS = ("decks", "problems")
    decks: Final[tuple[Deck, ...]]
    problems: Final[tuple[DeckError, ...]]

    def __init__(self, decks: tuple[Deck, ...], problems: tuple[DeckError, ...] = ()) -> None:
        self.decks = decks
        self.problems = problems
        self._by_id: Final = {card.global_id: card for deck in decks for card in deck.cards}

    @property
    def cards(self) -> Iterable[Card]:
        """Every card of every deck."""
        for deck in self.decks:
            yield from deck.cards

    def card(self, global_id: str) -> Card | None:
        """The card with this "deck/card" id, if it is loaded."""
        return self._by_id.get(global_id)

    def deck(self, deck_id: str) -> Deck | None:
        """The deck with this id, if it is loaded."""
        return next((deck for deck in self.decks if deck.id == deck_id), None)

    @property
    def shares(self) -> dict[str, int]:
        """The most a deck may give of a session's questions, in percent, by deck id."""
        return {deck.id: deck.share for deck in self.decks if deck.share is not None}

    def without(self, deck_ids: Iterable[str]) -> Library:
        """This library with the named decks switched off."""
        off = set(deck_ids)
        return Library(tuple(d for d in self.decks if d.id not in off), self.problems)


def load_decks(
    paths: Sequence[Path],
    *,
    builtin: bool = False,
    cache_dir: Path | None = None,
    limited: bool = False,
) -> tuple[list[Deck], list[DeckError]]:
    """Load every deck file the paths name, keeping the good ones and the errors apart.

    ``limited``: read a folder within the limits of the user's decks folder.
    """
    decks: list[Deck] = []
    errors: list[DeckError] = []
    for path in paths:
        try:
            os.lstat(path)
        except FileNotFoundError:
            errors.append(_problem(path, "no such file or folder"))
            continue
        except (OSError, ValueError) as error:
            errors.append(_problem(path, f"cannot read it: {_reason(error)}"))
            continue
        files, problems = find_deck_files(path)
        if limited:
            files, skipped = _within_limits(files)
            problems += skipped
        if _is_folder(path) and not files and not problems:
            errors.append(_problem(path, "no .yaml deck files here"))
        errors += problems
        for file in files:
            try:
                decks.append(load_cached(file, cache_dir, builtin=builtin))
            except DeckError as error:
                errors.append(error)
    return decks, errors


def load_library(
    deck_paths: Sequence[Path] = (),
    *,
    user_dir: Path | None = None,
    builtin_dir: Path | None = None,
    cache_dir: Path | None = None,
) -> Library:
    """Load the decks for a session.

    With ``deck_paths`` the session uses those decks alone; otherwise the built-in decks
    and the user's own folder. A deck whose id is already taken is refused. With a
    ``cache_dir`` parsed decks are cached there.
    """
    if deck_paths:
        decks, errors = load_decks(deck_paths, cache_dir=cache_dir)
    else:
        builtin = builtin_dir or builtin_decks_dir()
        decks, errors = load_decks([builtin], builtin=True, cache_dir=cache_dir)
        if user_dir is not None and _user_folder(user_dir, errors):
            mine, broken = load_decks([user_dir], cache_dir=cache_dir, limited=True)
            decks += mine
            errors += broken
    unique: dict[str, Deck] = {}
    for deck in decks:
        if deck.id in unique:
            first = unique[deck.id].source
            problem = DeckProblem(
                str(deck.source),
                0,
                0,
                f"deck id '{deck.id}' is already used by {first}",
                "give this deck another id",
            )
            errors.append(DeckError([problem]))
            continue
        unique[deck.id] = deck
    return Library(tuple(unique.values()), tuple(errors))


def _user_folder(path: Path, errors: list[DeckError]) -> bool:
    """Whether the user's decks folder is there to read; a problem if it cannot be told."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False  # no decks of one's own: nothing to say
    except (OSError, ValueError) as error:
        errors.append(_problem(path, f"cannot read the folder: {_reason(error)}"))
        return False
