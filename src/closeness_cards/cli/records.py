"""The history, favourites and export commands (forget and import: modules of their own)."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable, Sequence

from closeness_cards.core.safe_text import for_terminal
from closeness_cards.table.reading import StoreError

TYPE_CHECKING = False
if TYPE_CHECKING:
    # What a command reads is imported when it runs: an empty `history --json` loads none
    # of the store's readers.
    import argparse
    from typing import Any

    from closeness_cards.table import Favourite, SessionSummary
    from closeness_cards.table.records import Database

PROG = "closeness-cards"
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2

Handler = Callable[["argparse.Namespace"], int]


def register(subparsers: argparse._SubParsersAction[Any], only: str | None = None) -> None:
    """Add the ``history``, ``favourites``, ``export``, ``import`` and ``forget`` subcommands
    (with ``only``, the one so named).

    Each subcommand sets ``func``: a handler taking the parsed arguments and returning
    the exit code (0 ok, 1 storage failure, 2 bad input).
    """
    if only in (None, "history"):
        _register_history(subparsers)
    if only in (None, "favourites", "favorites"):
        _register_favourites(subparsers)
    if only in (None, "export"):
        _register_export(subparsers)
    # They use this module's helpers: imported late.
    if only in (None, "import"):
        from closeness_cards.cli import importing

        importing.register(subparsers)
    if only in (None, "forget"):
        from closeness_cards.cli import forget

        forget.register(subparsers)


def _register_history(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    history = subparsers.add_parser(
        "history",
        help="list past sessions",
        description="List past sessions, newest first.",
    )
    history.add_argument("--json", action="store_true", help="print one JSON document")
    history.set_defaults(func=run_history)


def _register_favourites(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    favourites = subparsers.add_parser(
        "favourites",
        aliases=["favorites"],
        help="list favourite cards",
        description="List favourite cards by stage and depth.",
    )
    favourites.add_argument("--json", action="store_true", help="print one JSON document")
    favourites.set_defaults(func=run_favourites)


def _register_export(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser(
        "export",
        help="export favourites and history as Markdown or JSON",
        description="Export favourites and history. Answers are never recorded, so none "
        "are exported.",
    )
    export.add_argument("--format", required=True, choices=("md", "json"), help="Markdown or JSON")
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of stdout ('-' is stdout); a link is followed and kept, "
        "a pipe or device is written to as it is",
    )
    export.set_defaults(func=run_export)


def guarded(handler: Handler) -> Handler:
    """Turn storage and output failures into one line on stderr and exit code 1."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except StoreError as exc:
            say_error(str(exc))
        except BrokenPipeError:
            # The reader (such as `head`) left early; stop quietly, as other tools do.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
        except (OSError, UnicodeError) as exc:
            say_error(f"cannot write the output: {exc}")
        return EXIT_FAILURE

    return run


@guarded
def run_history(args: argparse.Namespace) -> int:
    """Print past sessions as a table, or as JSON with ``--json``."""
    from closeness_cards.table.reading import EMPTY_HISTORY_JSON, history_kept

    if not history_kept():  # never played here: nothing to open
        print(EMPTY_HISTORY_JSON if args.json else history_table([]))
        return EXIT_OK
    from closeness_cards.table.records import history_json_chunks, list_sessions

    with _open_for_reading() as db:
        if args.json:
            # Streamed: years of history are never held whole in memory.
            for piece in history_json_chunks(db):
                # JSON escapes C0 itself: in ASCII only DEL is left to escape (both checked
                # at C speed: most histories are ASCII without it).
                if not piece.isascii() or "\x7f" in piece:
                    piece = _json_unsafe().sub(_json_escape, piece)
                sys.stdout.write(piece)
            sys.stdout.write("\n")
        else:
            print(history_table(list_sessions(db)))
        _show_skipped(db)
    return EXIT_OK


@guarded
def run_favourites(args: argparse.Namespace) -> int:
    """Print favourite cards grouped by stage and depth, or as JSON with ``--json``."""
    from closeness_cards.table.records import favourites_json, list_favourites

    with _open_for_reading() as db:
        if args.json:
            _print_json(favourites_json(db))
        else:
            print(favourites_text(list_favourites(db), _width()))
        _show_skipped(db)
    return EXIT_OK


@guarded
def run_export(args: argparse.Namespace) -> int:
    """Export everything kept to stdout or to a file (see ``write_export``)."""
    output: str | None = args.output
    if output == "":
        # Path("") is ".", the current folder: say what was really wrong.
        say_error("no file name given after -o; name a file, or '-' for standard output")
        return EXIT_BAD_INPUT
    from pathlib import Path

    from closeness_cards.table.records import (
        WriteRefused,
        export_data,
        export_markdown,
        write_export,
    )

    with _open_for_reading() as db:
        text = json_text(export_data(db)) + "\n" if args.format == "json" else export_markdown(db)
        _show_skipped(db)
    if output is None or output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(output)
    try:
        if output.endswith(("/", os.sep)):  # Path drops the slash that says "a folder"
            raise WriteRefused("it is a folder; name a file to write the export to")
        write_export(target, text)
    except WriteRefused as refused:
        say_error(f"cannot write {output}: {refused}")
        return EXIT_FAILURE
    except OSError as exc:
        say_error(f"cannot write {output}: {exc.strerror or exc}")
        return EXIT_FAILURE
    print(for_terminal(f"Exported to {output}."))
    return EXIT_OK


def history_table(sessions: Sequence[SessionSummary]) -> str:
    """Render sessions as an aligned plain-text table, dates in the local zone."""
    if not sessions:
        return f"No sessions yet. Start one with `{PROG} play`."
    from closeness_cards.text.formats import format_duration, format_moment, format_players

    header = ("#", "Date", "Players", "Stage", "Shape", "Questions", "Wildcards", "Passed", "Time")
    rows = [
        (
            str(s.id),
            format_moment(s.started_at),
            _clip(for_terminal(format_players(s.players)), 32),
            for_terminal(s.stage),
            for_terminal(s.shape),
            str(s.questions),
            str(s.wildcards),
            str(s.passed),
            format_duration(s.duration_seconds),
            s.status,  # one of four words: checked as it was read
        )
        for s in sessions
    ]
    table = [(*header, "Status"), *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header) + 1)]
    numeric = {0, 5, 6, 7}  # right-aligned so digits line up
    lines = []
    for row in table:
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def favourites_text(favourites: Sequence[Favourite], width: int = 80) -> str:
    """Render favourites grouped by first stage, then depth, wrapped to ``width``."""
    if not favourites:
        return "No favourites yet. Press f on a card to keep it."
    from closeness_cards.table.records import stage_rank
    from closeness_cards.text.labels import depth_label, stages_heading

    lines: list[str] = []
    previous_stage: tuple[int, str] | None = None
    previous_depth: int | None = None
    for favourite in favourites:
        rank = stage_rank(favourite.stages)
        if rank != previous_stage:
            if lines:
                lines.append("")
            lines.append(for_terminal(stages_heading(favourite.stages)))
            previous_stage, previous_depth = rank, None
        if favourite.depth != previous_depth:
            label = depth_label(favourite.depth)
            lines.append(f"  Depth {favourite.depth} · {label}")
            previous_depth = favourite.depth
        card = for_terminal(favourite.text)
        if favourite.player is not None:  # kept at a seat: that player's
            card += f" (kept by {for_terminal(favourite.player)})"
        lines.append(_wrap(card, width, "    • ", "      "))
        if favourite.follow_up:
            follow_up = for_terminal(favourite.follow_up)
            lines.append(_wrap(f"Dig deeper: {follow_up}", width, "      ", "      "))
    return "\n".join(lines)


def _open_for_reading() -> Database:
    """Open the history, or an empty in-memory one if nothing was ever saved.

    Read-only commands should not create a data folder on a machine that never played.
    """
    from closeness_cards.table.records import database_path, open_history, open_memory_database

    path = database_path()
    if not path.exists():
        return open_memory_database()
    db = open_history(path)  # a read-only history is still read, with a notice
    show_notice(db)
    return db


def show_notice(db: Database) -> None:
    if db.notice:
        say_error(db.notice)


def _show_skipped(db: Database) -> None:
    """Say once which rows were skipped because they could not be read."""
    from closeness_cards.table.records import skipped_notices

    for notice in skipped_notices(db):
        say_error(notice)


def _print_json(document: dict[str, Any]) -> None:
    print(json_text(document))


def json_text(document: dict[str, Any]) -> str:
    """A document as indented JSON that is safe to print to a terminal.

    ``json.dumps`` escapes C0 controls but keeps C1 controls, bidirectional controls, line
    separators and lone surrogates as they are; each becomes a ``\\uXXXX`` escape, which
    reads back as the same string (outside strings JSON has only ASCII, so only string
    contents change).
    """
    import json

    return _json_unsafe().sub(_json_escape, json.dumps(document, indent=2, ensure_ascii=False))


@functools.cache
def _json_unsafe() -> re.Pattern[str]:
    # Compiled when first needed: `history` of ASCII text (the usual) never needs it.
    return re.compile(
        "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
    )


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def say_error(message: str) -> None:
    """One line on standard error; the message may hold names and paths, so it is escaped."""
    print(f"{PROG}: {for_terminal(message)}", file=sys.stderr)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _wrap(text: str, width: int, first: str, rest: str) -> str:
    import textwrap

    return textwrap.fill(text, width=max(width, 40), initial_indent=first, subsequent_indent=rest)


def _width() -> int:
    import shutil

    return min(shutil.get_terminal_size((80, 24)).columns, 100)
