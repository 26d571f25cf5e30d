"""Where closeness-cards keeps its files: one place to ask, so tests can move it all."""

from __future__ import annotations

import errno
import os
import stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

APP_NAME = "closeness-cards"
"""The folder name used under the platform's data, config and cache folders."""

HOME_ENV = "CLOSENESS_CARDS_HOME"
"""Environment variable that moves all data, config and cache under one folder."""

DATA_NAME = "data"
"""The data folder's name under CLOSENESS_CARDS_HOME."""

DATABASE_NAME = "closeness-cards.sqlite3"
"""File name of the history database inside the data folder."""

GAME_EXPORT_NAMES = r"closeness-cards-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}(?:-[0-9]+)?\.md"
"""The names of the Markdown exports the game writes into the data folder by itself (the
palette's Export), as a regular expression: see ``export_file_name``."""

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def home_override() -> Path | None:
    """Return the folder named by ``CLOSENESS_CARDS_HOME``, if it is set.

    Returns:
        The folder as an absolute path, or None when the variable is unset or empty.
    """
    value = _home_value()
    if value is None:
        return None
    from pathlib import Path  # here, not at the top: see ``history_exists``

    # Absolute so that a later chdir cannot silently move the history elsewhere.
    return Path(value).expanduser().absolute()


def _home_value() -> str | None:
    return os.environ.get(HOME_ENV, "").strip() or None


def data_dir() -> Path:
    """Return the folder for the database and user decks (not created)."""
    home = home_override()
    if home is not None:
        return home / DATA_NAME
    from pathlib import Path

    import platformdirs  # not needed when CLOSENESS_CARDS_HOME says where

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Return the folder for configuration files (not created)."""
    home = home_override()
    if home is not None:
        return home / "config"
    from pathlib import Path

    import platformdirs  # not needed when CLOSENESS_CARDS_HOME says where

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Return the folder for disposable caches (not created)."""
    home = home_override()
    if home is not None:
        return home / "cache"
    from pathlib import Path

    import platformdirs  # not needed when CLOSENESS_CARDS_HOME says where

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    """Return the path of the history database (not created)."""
    return data_dir() / DATABASE_NAME


def history_exists() -> bool:
    """Whether the history database is there: ``database_path().exists()``.

    `history` and `deal` ask first, and most of the time it is all an empty history needs,
    so with CLOSENESS_CARDS_HOME set (to a path without "~", on POSIX) this does without
    pathlib (and its urllib and ipaddress: a fifth of `import json, sqlite3`): the path
    is joined as text, naming the same file ``database_path()`` names, and found as
    ``Path.exists`` finds it. Whatever else (no such variable: platformdirs loads pathlib
    anyway; an error but "no such file" from the check) asks pathlib itself.
    """
    value = _home_value()
    if value is None or "~" in value or os.name != "posix":
        return database_path().exists()
    home = value if value.startswith("/") else os.path.join(os.getcwd(), value)
    try:
        os.stat(os.path.join(home, DATA_NAME, DATABASE_NAME))
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR):  # not there, in every Python
            return False
        return database_path().exists()  # how this Python's pathlib takes the error
    return True


def user_decks_dir() -> Path:
    """Return the folder where users put their own deck files (not created)."""
    return data_dir() / "decks"


def deck_cache_dir() -> Path:
    """Where parsed decks are cached (created on first write)."""
    return cache_dir() / "decks"


def export_file_name(now: datetime) -> str:
    """The name of a Markdown export the game writes into the data folder at ``now``.

    Sortable, one per second; ``forget --all`` finds the game's exports by it.
    """
    return f"closeness-cards-{now:%Y-%m-%d-%H%M%S}.md"


def ensure_private_dir(path: Path) -> Path:
    """Create a folder (and any missing parents) readable only by this user.

    Folders it creates are 0700 whatever the umask. Folders that already exist lose the
    group's and others' access when this user owns them, and gain nothing: a folder the
    player made read-only (0500) stays read-only, and pointing the game at a shared folder
    never changes someone else's permissions.

    Args:
        path: The folder to create.

    Returns:
        The same path, for chaining.

    Raises:
        OSError: When the folder cannot be created, for example because a parent is a
            file or is not writable.
    """
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    # Create top-down so each new folder is private before anything goes into it.
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            # Another process made it between our check and mkdir; fine if it is a folder.
            if not folder.is_dir():
                raise
            continue
        folder.chmod(PRIVATE_DIR_MODE)  # ours: exactly 0700, whatever the umask left
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    make_private(path, PRIVATE_DIR_MODE)
    return path


def make_private(path: Path, mode: int = PRIVATE_FILE_MODE) -> None:
    """Take away any access beyond ``mode`` on a file or folder this user owns.

    Only ever takes away: a file or folder the player made read-only stays read-only.
    Others' files are left alone.

    Args:
        path: The file or folder.
        mode: The most access to leave, 0600 for files by default.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    getuid = getattr(os, "getuid", None)
    if getuid is not None and info.st_uid != getuid():
        return
    current = info.st_mode & 0o777
    if current & ~mode:
        path.chmod(current & mode)


def writable(path: Path) -> bool:
    """Whether this user may write ``path``, and its owner has not made it read-only.

    ``os.access`` alone says yes to root everywhere; a file or folder whose owner (this
    user) took away its own write permission was made read-only on purpose, so it counts
    as read-only for root too.
    """
    try:
        info = path.stat()
    except OSError:
        return False
    if not os.access(path, os.W_OK):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid != getuid() or bool(info.st_mode & stat.S_IWUSR)
