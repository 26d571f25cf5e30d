"""Finding deck files (built-in, the user's, or given on the command line) and loading them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from closeness_cards.core.cards import Card, Deck
from closeness_cards.core.deckcache import load_cached
from closeness_cards.core.deckfile import DeckError, DeckProblem

DECK_SUFFIXES = (".yaml", ".yml")
OPTIONAL_DECKS = frozenset({"long-distance", "rebuilding-trust"})
"""Built-in situation decks that only some players need: off until switched on."""


def switched_off(decks: Iterable[Deck], switches: dict[str, bool]) -> set[str]:
    """The ids of decks that are off: as the players set them, else optional decks."""
    return {
        deck.id
        for deck in decks
        if not switches.get(deck.id, not (deck.builtin and deck.id in OPTIONAL_DECKS))
    }


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
    """The deck files a path names: the file itself, or a folder's YAML files in name order."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in DECK_SUFFIXES and p.is_file())
    return [path]


@dataclass(frozen=True)
class Library:
    """Every deck loaded for a session, and the decks that could not be loaded."""

    decks: tuple[Deck, ...]
    problems: tuple[DeckError, ...] = ()
    _by_id: dict[str, Card] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        by_id = {card.global_id: card for deck in self.decks for card in deck.cards}
        object.__setattr__(self, "_by_id", by_id)

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

    def without(self, deck_ids: Iterable[str]) -> Library:
        """This library with the named decks switched off."""
        off = set(deck_ids)
        return Library(tuple(d for d in self.decks if d.id not in off), self.problems)


def load_decks(
    paths: Sequence[Path], *, builtin: bool = False, cache_dir: Path | None = None
) -> tuple[list[Deck], list[DeckError]]:
    """Load every deck file the paths name, keeping the good ones and the errors apart."""
    decks: list[Deck] = []
    errors: list[DeckError] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            errors.append(DeckError([DeckProblem(str(path), 0, 0, "no such file or folder")]))
            continue
        files = deck_files(path)
        if path.is_dir() and not files:
            errors.append(DeckError([DeckProblem(str(path), 0, 0, "no .yaml deck files here")]))
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
        if user_dir is not None and user_dir.is_dir():
            mine, broken = load_decks([user_dir], cache_dir=cache_dir)
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
