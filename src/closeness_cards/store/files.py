"""Writing exports: atomically to a file, through to a pipe or terminal, never over a link.

A regular file is replaced atomically (a crash leaves the old file or the new one); a
symbolic link is followed and the file it points to replaced, so the link stays; a pipe
or character device (``/dev/null``, ``/dev/stdout``, a terminal) is written through, never
replaced; a folder, a block device or a socket is refused. A temporary file left by a
killed export is cleaned at the next export into its folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".closeness-cards.tmp"
"""How every temporary file this module makes ends: ``.<name>.<8 random>.closeness-cards.tmp``."""
LEFTOVER_SECONDS = 60.0
"""A temporary file older than this is a leftover of a killed write, not one in progress."""

_OURS = re.compile(r"\..*\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX), re.DOTALL)
_TEMP_NAME_CHARS = 64
"""How much of the target's name a temporary file repeats; a name near the file system's
limit would otherwise leave no room for the rest."""


class WriteRefused(Exception):
    """The target is not something an export may write to; the message says why, as a
    clause about it ("it is a folder; ...") to follow the target's name."""


def write_export(target: Path, text: str) -> Path:
    """Write an export to ``target`` the way its kind of file calls for.

    Args:
        target: Where to write, as the user named it.
        text: The whole export.

    Returns:
        The file written: ``target``, or the file a symbolic link points to.

    Raises:
        WriteRefused: The target is a folder, a block device, a socket, or a pipe that
            nothing reads from.
        OSError: The operating system refused (no such folder, no permission, full disk).
    """
    target = target.expanduser()
    try:
        info = os.stat(target)  # follows links: what the name leads to decides
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteRefused("it is a folder; name a file to write the export to")
    if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        _write_through(target, text)
        return target
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise WriteRefused("it is not a file, a pipe or a terminal; nothing was written")
    # A link (even one to a file not there yet) is followed, so the link itself stays.
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    write_atomically(real, text)
    return real


def write_atomically(target: Path, text: str) -> None:
    """Write text to a private (0600) file so readers never see it half-written.

    A temporary file in the same folder is written, flushed to disk, then renamed over
    the target, so a crash leaves either the old file or the new one. Leftovers of killed
    writes in that folder are cleaned first. Use ``write_export`` for a name the user gave:
    this replaces whatever ``target`` is, a link or a device included.
    """
    target = target.expanduser()
    folder = target.parent
    clean_leftovers(folder, re.escape(target.name))
    descriptor, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{target.name[:_TEMP_NAME_CHARS]}.", suffix=TEMP_SUFFIX
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def clean_leftovers(folder: Path, earlier: str | None = None) -> list[Path]:
    """Remove temporary files that killed writes left in ``folder``; return those removed.

    Only regular files named as this module names them and untouched for
    ``LEFTOVER_SECONDS`` are removed: a younger one may belong to a write still under way.
    ``earlier`` (a regular expression for a target's name) also matches the names earlier
    versions gave temporary files of such targets: ``.<name>.<8 random>.tmp``. Failures
    are ignored; a leftover costs only space.
    """
    older = (
        None
        if earlier is None
        else re.compile(r"\.(?:" + earlier + r")\.[a-z0-9_]{8}\.tmp", re.DOTALL)
    )
    cutoff = time.time() - LEFTOVER_SECONDS
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (_OURS.fullmatch(name) or (older is not None and older.fullmatch(name))):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _write_through(target: Path, text: str) -> None:
    """Write into a pipe or character device as it is: opened, never created or replaced."""
    flags = os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        # Non-blocking, so a pipe nobody reads from fails at once instead of hanging.
        descriptor = os.open(target, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise WriteRefused("nothing is reading from it; nothing was written") from None
        raise
    try:
        info = os.fstat(descriptor)
        if not (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise WriteRefused("it changed while it was opened; nothing was written")
        os.set_blocking(descriptor, True)
        view = memoryview(text.encode("utf-8"))
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; where folders cannot be opened, skip it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
