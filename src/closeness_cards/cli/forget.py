"""The forget command: one session, or everything kept with every copy the game made."""

from __future__ import annotations

import argparse
import re
import sys

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
    Database,
    ForgetReport,
    HistoryReadOnly,
    anything_to_forget,
    database_path,
    forget_everything,
    forget_one,
    forget_report,
    nothing_to_forget,
    open_database,
    session_summary,
)
from closeness_cards.text.formats import format_moment, format_players


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``forget`` subcommand (its handler returns the exit code, as the others')."""
    forget = subparsers.add_parser(
        "forget",
        help="erase one session or everything kept",
        description="Erase one session, or everything kept: history, check-ins, "
        "favourites, hidden cards and remembered names, with the exports closeness-cards "
        "wrote into its data folder and its cached decks.",
    )
    which = forget.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", type=session_number, metavar="ID", help="the session to forget")
    which.add_argument("--all", action="store_true", help="forget everything")
    forget.add_argument("-y", "--yes", action="store_true", help="do not ask to confirm")
    forget.add_argument(
        "--include-damaged",
        action="store_true",
        help="with --all: also remove damaged history files set aside earlier "
        "(closeness-cards.sqlite3.corrupt-*), which are otherwise left for you",
    )
    forget.set_defaults(func=run_forget)


LARGEST_SESSION = 2**63 - 1
"""The largest session number there can be (SQLite's largest integer)."""

_DIGITS = re.compile("[0-9]{1,19}")


def session_number(text: str) -> int:
    """A session number from the command line: plain digits, from 1 to ``LARGEST_SESSION``.

    Python's ``int`` would take ``1_0``, `` 7``, other scripts' digits and thousands of
    digits; none of those is how a session number is written, and a number past SQLite's
    integers cannot be looked up at all.

    Raises:
        argparse.ArgumentTypeError: One line, naming what a session number is.
    """
    if _DIGITS.fullmatch(text) is None or not 1 <= int(text) <= LARGEST_SESSION:
        raise argparse.ArgumentTypeError(
            f"a session number is written in plain digits, from 1 to {LARGEST_SESSION} "
            f"(`{PROG} history` lists them)"
        )
    return int(text)


@guarded
def run_forget(args: argparse.Namespace) -> int:
    """Erase one session or everything, after asking (or with ``--yes``)."""
    path = database_path()
    if args.all and not anything_to_forget(include_damaged=args.include_damaged):
        return _report(nothing_to_forget())
    if not path.exists():
        if args.all:
            return _forget_everything(None, args)
        return _unknown_session(args.session)
    try:
        db = open_database(path)
    except HistoryReadOnly as error:
        say_error(f"nothing was forgotten: {error.why}")
        return EXIT_FAILURE
    with db:
        show_notice(db)
        if args.all:
            return _forget_everything(db, args)
        summary = session_summary(db, args.session)
        if summary is None:
            return _unknown_session(args.session)
        question = (
            f"Forget session {summary.id} ({format_moment(summary.started_at)}, "
            f"{for_terminal(format_players(summary.players))})? [y/N] "
        )
        refused = _refusal(args, question)
        if refused is not None:
            return refused
        return _report(forget_report(forget_one(db, args.session)))


def _forget_everything(db: Database | None, args: argparse.Namespace) -> int:
    question = (
        "Forget all history, check-ins, favourites, hidden cards and remembered names, "
        "and remove the exports and cached decks closeness-cards made? [y/N] "
    )
    refused = _refusal(args, question)
    if refused is not None:
        return refused
    forgotten = forget_everything(db, include_damaged=args.include_damaged)
    return _report(forget_report(forgotten))


def _refusal(args: argparse.Namespace, question: str) -> int | None:
    """None to go ahead (--yes, or yes typed at a terminal); else the exit code, said."""
    if args.yes:
        return None
    if not sys.stdin.isatty():
        say_error("refusing to forget without confirmation; add --yes")
        return EXIT_BAD_INPUT
    if _confirm(question):
        return None
    print("Nothing was forgotten.")
    return EXIT_OK


def _report(report: ForgetReport) -> int:
    """Print what forgetting did (stdout) and what it could not do (stderr); the exit code."""
    for line in report.said:
        print(for_terminal(line))
    if report.damaged_kept:
        print("Add --include-damaged to remove damaged history files too.")
    for problem in report.problems:
        say_error(problem)
    return EXIT_FAILURE if report.problems else EXIT_OK


def _unknown_session(session_id: int) -> int:
    say_error(f"there is no session {session_id}; `{PROG} history` lists them")
    return EXIT_BAD_INPUT


def _confirm(question: str) -> bool:
    sys.stderr.write(question)
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except (EOFError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("y", "yes")
