"""The import command: what ``export --format json`` wrote, added to the history here."""

from __future__ import annotations

import argparse
from pathlib import Path

from closeness_cards.cli.records import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_OK,
    PROG,
    guarded,
    say_error,
    show_notice,
)
from closeness_cards.core.safe_text import for_terminal
from closeness_cards.table.records import (
    HistoryReadOnly,
    ImportRefused,
    StoreError,
    import_document,
    import_report,
    open_database,
    read_import,
)

DESCRIPTION = (
    f"Add what `{PROG} export --format json` wrote to the history here: to move to a new "
    "computer or to restore a backup. The whole file is checked before anything is "
    "written, and it is added in one go or not at all. Nothing is added twice: a session "
    "already here (the same start, players and seed) gains only the cards and check-ins "
    "it lacks, and a favourite or hidden card already here is kept as it is. A session "
    "that was unfinished in the file comes in as abandoned (it can be read, not resumed: "
    "its deal is not exported). Imported sessions are numbered anew."
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``import`` subcommand (its handler returns the exit code, as the others')."""
    command = subparsers.add_parser(
        "import",
        help="add an export (JSON) to the history: a new computer, a backup",
        description=DESCRIPTION,
    )
    command.add_argument(
        "file", metavar="FILE", type=Path, help="a file written by `export --format json`"
    )
    command.set_defaults(func=run_import)


@guarded
def run_import(args: argparse.Namespace) -> int:
    """Check the file whole, then add what the history lacks of it in one transaction."""
    path: Path = args.file
    try:
        document = read_import(path)
    except ImportRefused as refused:
        say_error(f"{path}: {refused}")
        return EXIT_BAD_INPUT
    try:
        db = open_database()
    except HistoryReadOnly as error:
        say_error(f"nothing was imported: {error.why}")
        return EXIT_FAILURE
    with db:
        show_notice(db)
        try:
            imported = import_document(db, document)
        except StoreError as error:
            say_error(f"{error} Nothing was imported.")
            return EXIT_FAILURE
    for line in import_report(imported):
        print(for_terminal(line))
    return EXIT_OK
