"""Atomic writes: a reader never sees a file half-written, a crash leaves old or new."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, text: str) -> None:
    """Write text to a private (0600) file so readers never see it half-written.

    A temporary file in the same folder is written, flushed to disk, then renamed over
    the target, so a crash leaves either the old file or the new one.
    """
    target = target.expanduser()
    folder = target.parent
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
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
