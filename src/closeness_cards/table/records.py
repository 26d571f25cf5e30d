"""What is kept, for the commands that read, export, import and forget it.

The command line reaches the database only through here. Forgetting is decided here once
for every front end: what is removed with the history, and what is said about it; so is
what an import says it added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from closeness_cards.store.copies import Copies, forget_copies, game_copies, session_copies
from closeness_cards.store.db import (
    Database,
    HistoryReadOnly,
    StoreError,
    open_database,
    open_memory_database,
)
from closeness_cards.store.export import (
    all_session_details,
    export_data,
    export_markdown,
    favourites_json,
    history_json,
    history_json_chunks,
)
from closeness_cards.store.favourites import list_favourites, stage_rank
from closeness_cards.store.files import WriteRefused, write_atomically, write_export
from closeness_cards.store.history import forget_all, forget_session, list_sessions, session_summary
from closeness_cards.store.importing import ImportRefused, read_import
from closeness_cards.store.merging import Imported, import_document
from closeness_cards.store.paths import (
    data_dir,
    database_path,
    ensure_private_dir,
    export_file_name,
)
from closeness_cards.store.readonly import open_history
from closeness_cards.store.records import CheckIn
from closeness_cards.text.formats import plural


def skipped_notices(db: Database) -> list[str]:
    """The notices, one per kind, for rows skipped since the last call (they stay on disk)."""
    return db.unreadable.new_notices()


def write_markdown_export(now: datetime, folder: Path | None = None) -> Path:
    """Write everything kept as Markdown into the data folder; return the file's path.

    The palette's Export: named by ``export_file_name`` so that ``forget --all`` finds it,
    private, written atomically, and read from a read-only history too.

    Raises:
        OSError, WriteRefused: The folder or the file cannot be written.
        StoreError: The history cannot be read.
    """
    with open_history() as db:
        page = export_markdown(db, exported_at=now)
    target = ensure_private_dir(folder or data_dir()) / export_file_name(now)
    return write_export(target, page)


@dataclass(frozen=True)
class Forgotten:
    """What forgetting did: the history, its log, and the copies outside it."""

    history: bool
    """Whether there was a history file, now emptied."""
    wiped: bool
    """Whether its write-ahead log is empty: no forgotten bytes left in the files (False
    while another window's read keeps old pages alive)."""
    copies: Copies
    session: int | None = None
    """The session forgotten, or None when everything was."""


@dataclass(frozen=True)
class ForgetReport:
    """What to tell the player after forgetting: lines to say, and problems (each one line)."""

    said: tuple[str, ...]
    problems: tuple[str, ...]
    """Not empty when something could not be done: the command fails (exit 1)."""
    damaged_kept: bool = False
    """Whether damaged files set aside were left (a front end may say how to remove them)."""


def anything_to_forget(*, include_damaged: bool = False) -> bool:
    """Whether there is a history file, or any copy ``forget_everything`` would remove."""
    return database_path().exists() or bool(game_copies(include_damaged=include_damaged))


def forget_everything(db: Database | None, *, include_damaged: bool = False) -> Forgotten:
    """Forget the whole history (``db``, if there is one) and every copy the game made.

    The database is emptied, rebuilt and its log truncated; then the game's exports in the
    data folder, leftovers of killed exports, and the deck cache are removed, and damaged
    files set aside too when ``include_damaged``.
    """
    if db is not None:
        forget_all(db)
    return Forgotten(
        history=db is not None,
        wiped=db is None or db.log_is_empty(),
        copies=forget_copies(include_damaged=include_damaged),
    )


def forget_one(db: Database, session_id: int) -> Forgotten:
    """Forget one session; exports that may still hold it are found, not changed."""
    forget_session(db, session_id)
    return Forgotten(
        history=True, wiped=db.log_is_empty(), copies=session_copies(), session=session_id
    )


def forget_report(forgotten: Forgotten) -> ForgetReport:
    """Say truthfully what was forgotten, what still holds it, and what could not be done."""
    copies = forgotten.copies
    said: list[str] = []
    problems = [f"could not be removed: {path} ({why})" for path, why in copies.failed]
    if not forgotten.wiped:
        problems.append(
            "another closeness-cards still has the history open: what was forgotten stays "
            f"in {database_path()} and its log until it closes; forget again then"
        )
    if forgotten.session is not None:
        said.append(f"Session {forgotten.session} was forgotten.")
        if copies.exports:
            said.append(
                "Exports made earlier may still hold it; they were not changed: "
                f"{_names(copies.exports)}."
            )
    elif forgotten.wiped and not copies.failed and not copies.damaged:
        said.append("Everything was forgotten.")
    else:
        said.append(
            "The history was forgotten." if forgotten.history else "There was no history file."
        )
    if copies.removed:
        said.append(f"Removed with it: {_kinds(copies.removed)}.")
    if copies.damaged and forgotten.session is None:
        said.append(_damaged_line(copies.damaged))
    if copies.others:
        said.append(f"Left alone, not written by closeness-cards: {_names(copies.others)}.")
    damaged_kept = bool(copies.damaged) and forgotten.session is None
    return ForgetReport(tuple(said), tuple(problems), damaged_kept)


def nothing_to_forget() -> ForgetReport:
    """What to say when there is nothing to forget but damaged files set aside, if any."""
    damaged = session_copies().damaged
    said = ("Nothing to forget.", *((_damaged_line(damaged),) if damaged else ()))
    return ForgetReport(said, (), bool(damaged))


def _damaged_line(damaged: tuple[Path, ...]) -> str:
    return (
        "Damaged history files set aside earlier still hold what the history held then; "
        f"they were not touched: {_names(damaged)}."
    )


def _names(paths: tuple[Path, ...]) -> str:
    return ", ".join(str(path) for path in paths)


_KIND_NAMES = {
    "export": ("export in the data folder", "exports in the data folder"),
    "leftover": ("leftover file", "leftover files"),
    "cached": ("cached deck", "cached decks"),
    "damaged": ("damaged history file", "damaged history files"),
}


def _kinds(removed: tuple[tuple[str, Path], ...]) -> str:
    """Count removed copies by kind: "2 exports in the data folder, 3 cached decks"."""
    parts = []
    for kind, (one, many) in _KIND_NAMES.items():
        count = sum(1 for found, _ in removed if found == kind)
        if count:
            parts.append(plural(count, one, many))
    return ", ".join(parts)


def import_report(imported: Imported) -> tuple[str, ...]:
    """Say what an import added, what was already here, and what changed on the way in."""
    parts = [
        _counted(imported.sessions, imported.sessions_here, "session", "sessions"),
        _counted(imported.favourites, imported.favourites_here, "favourite", "favourites"),
        _counted(imported.hidden, imported.hidden_here, "hidden card", "hidden cards"),
    ]
    if imported.revisits or imported.revisits_here:
        parts.append(
            _counted(
                imported.revisits, imported.revisits_here, "card to revisit", "cards to revisit"
            )
        )
    said = [f"Imported {', '.join(parts)}."]
    gained = [
        plural(count, one, many)
        for count, one, many in (
            (imported.plays, "card played", "cards played"),
            (imported.checkins, "check-in", "check-ins"),
        )
        if count
    ]
    if gained:
        said.append(f"Sessions already here gained {' and '.join(gained)}.")
    if imported.abandoned:
        unfinished = plural(imported.abandoned, "unfinished session", "unfinished sessions")
        they = "it" if imported.abandoned == 1 else "they"
        said.append(
            f"{unfinished} came in as abandoned: {they} can be read in the history, not resumed."
        )
    if imported.favourites_here or imported.hidden_here:
        said.append("Favourites and hidden cards already here were kept as they were.")
    return tuple(said)


def _counted(added: int, here: int, one: str, many: str) -> str:
    """ "12 sessions (3 already here)"; the parenthesis only when some were."""
    counted = plural(added, one, many)
    return f"{counted} ({here} already here)" if here else counted


__all__ = [
    "CheckIn",
    "Database",
    "ForgetReport",
    "Forgotten",
    "HistoryReadOnly",
    "ImportRefused",
    "Imported",
    "StoreError",
    "WriteRefused",
    "all_session_details",
    "anything_to_forget",
    "data_dir",
    "database_path",
    "ensure_private_dir",
    "export_data",
    "export_file_name",
    "export_markdown",
    "favourites_json",
    "forget_all",
    "forget_everything",
    "forget_one",
    "forget_report",
    "forget_session",
    "history_json",
    "history_json_chunks",
    "import_document",
    "import_report",
    "list_favourites",
    "list_sessions",
    "nothing_to_forget",
    "open_database",
    "open_history",
    "open_memory_database",
    "read_import",
    "session_summary",
    "skipped_notices",
    "stage_rank",
    "write_atomically",
    "write_export",
    "write_markdown_export",
]
