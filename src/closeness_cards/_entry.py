"""The console entry point: starts the command line with the garbage collector paused, and
keeps the promise that no output or input failure ends in a traceback.

Start-up allocates many long-lived objects (Textual's widgets, styles, the decks) and the
collector would walk them over and over before the first frame; the game turns it back on
(after freezing what start-up made) once the first frame is drawn, and every other command
turns it back on before it runs.

The standard streams are taken in hand here, once, for every command: stdout and stderr
escape whatever reaches them and replace what their encoding cannot show; stdin reads
bytes that are not UTF-8 without failing; a stream closed at start is held open on the
null device (so that no file the game opens takes its number) and reported when used; and
a failed write (a full disk, a closed pipe) is one line on stderr, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
from collections.abc import Iterator

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

    from closeness_cards.cli import Launch
    from closeness_cards.table import Table

PROG = "closeness-cards"
STREAMS = (
    (0, "stdin", "standard input"),
    (1, "stdout", "standard output"),
    (2, "stderr", "standard error"),
)
REASON_MAX = 300
"""Characters of an unexpected error's message shown: it may quote any input."""


def run() -> int:
    """Run closeness-cards; return its exit code."""
    gc.disable()
    originals = _take_streams()
    try:
        try:
            from closeness_cards.cli import main

            code = main(launch=launch)
        except SystemExit as leaving:  # argparse's --help, --version and usage errors
            code = _exit_code(leaving.code)
        failure: OSError | None = getattr(sys.stdout, "failure", None)
        if failure is not None and code == 0:
            raise failure  # caught and passed over (argparse does): the output was lost
        if failure is not None:
            _silence(1)  # the command met the failure and said so already
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not after we return
        sys.stderr.flush()
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        # The reader left (`| head -1`): what it did not read is not ours to report.
        _silence(1, 2)
        code = 0
    except OSError as error:
        code = _failed(error)
    except Exception as error:
        # A bug, met by some input nobody foresaw: still one line, never a traceback.
        # `python -X dev` shows the traceback, for whoever fixes it.
        if sys.flags.dev_mode:
            raise
        code = _failed(error)
    finally:
        sys.stdin, sys.stdout, sys.stderr = originals
    return code


def launch(request: Launch) -> int:
    """Open the game `play` asked for: plain mode, or the TUI (each imported only then).

    The TUI's setup screen draws its first frame before the table is built: the decks
    (``request.library`` may be what loads them) and the engine are loaded right after it.
    The database opens first, for the theme and the names of last time.
    """
    from closeness_cards.table.sqlite import open_ports

    if request.plain and getattr(sys.stdin, "closed", False):
        raise OSError(
            errno.EBADF, "standard input is closed: plain mode reads the players' answers there"
        )
    ports = open_ports(history=request.history)
    built: list[Table] = []

    def build() -> Table:
        from closeness_cards.table.table import Table

        library = request.library() if callable(request.library) else request.library
        built.append(Table(library, ports, switchable=request.switchable))
        return built[0]

    try:
        if request.hosting is not None:
            from closeness_cards.web.host import host

            with _unguarded():
                return host(build(), request.choices, request.hosting)
        if request.plain:
            from closeness_cards.plain import run_plain

            return run_plain(
                build(),
                choices=request.choices,
                stdin=sys.stdin,
                stdout=sys.stdout,
                defaults=request.defaults,
            )
        from closeness_cards.tui.app import run_app

        with _unguarded():  # Textual draws with escape sequences of its own
            return run_app(
                build() if request.choices is not None else build,
                choices=request.choices,
                defaults=request.defaults,
                ports=ports,
            )
    finally:
        if built:
            built[0].close()
        else:
            ports.close()


def _take_streams() -> tuple[TextIO, TextIO, TextIO]:
    """Guard the standard streams; return the ones found, to put back at the end."""
    from closeness_cards.text.terminal import ClosedStream, TerminalStream

    originals = (sys.stdin, sys.stdout, sys.stderr)
    for fd, name, words in STREAMS:
        stream = getattr(sys, name)
        if not _is_open(fd):
            _hold(fd)
        elif stream is not None:
            if hasattr(stream, "reconfigure"):
                # Input keeps bytes that are not UTF-8 for plain mode to refuse; output
                # writes what its encoding lacks as \U0001f600 instead of failing.
                stream.reconfigure(errors="surrogateescape" if fd == 0 else "backslashreplace")
            continue
        setattr(sys, name, ClosedStream(words, fd, silent=fd == 2))
    sys.stdout = TerminalStream(sys.stdout)
    sys.stderr = TerminalStream(sys.stderr)
    return originals


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _hold(fd: int) -> None:
    """Put the null device on a closed descriptor: the next file opened would get it."""
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


def _silence(*fds: int) -> None:
    """Send what is left to write on ``fds`` to the null device, so leaving is quiet."""
    for fd in fds:
        with contextlib.suppress(OSError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fd)
            os.close(null)


def _failed(error: Exception) -> int:
    """Say in one line on stderr why the command could not finish; exit code 1."""
    from closeness_cards.core.safe_text import for_terminal

    if not isinstance(error, OSError):
        reason = f"unexpected error ({type(error).__name__}): {error}"[:REASON_MAX]
    elif any(getattr(stream, "failure", None) is error for stream in (sys.stdout, sys.stderr)):
        _silence(1)  # the rest of the output cannot be written either
        reason = f"cannot write the output: {error.strerror or error}"
    else:
        reason = error.strerror or str(error)
    with contextlib.suppress(OSError):
        sys.stderr.write(f"{PROG}: {for_terminal(reason)}\n")
        sys.stderr.flush()
        return 1
    _silence(2)  # stderr failed too: leave quietly with the code
    return 1


def _exit_code(code: Any) -> int:
    """The exit code a SystemExit carries, as ``sys.exit`` reads it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


@contextlib.contextmanager
def _unguarded() -> Iterator[None]:
    """Hand the real stdout and stderr back for as long as the full-screen game runs."""
    guarded = sys.stdout, sys.stderr
    sys.stdout = getattr(sys.stdout, "wrapped", sys.stdout)
    sys.stderr = getattr(sys.stderr, "wrapped", sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = guarded
