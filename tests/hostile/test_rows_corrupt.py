"""A damaged row never stops a read: each column of each table, corrupted in turn.

Each test copies one small history (every kind of row), writes one hostile value into one
column of one row with a raw connection (ignoring the schema's checks, as a damaged or
hand-edited file does), then runs every path that reads: the store, the table's ports, the
table at start, and the commands. None may fail; every other row must still show; a row
left out is said once; and nothing on disk is changed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from closeness_cards.cli import records
from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options
from closeness_cards.store.checkins import checkin_trend
from closeness_cards.store.db import open_database, open_memory_database
from closeness_cards.store.export import export_data, export_markdown
from closeness_cards.store.favourites import (
    favourite_ids,
    hidden_ids,
    list_favourites,
    list_hidden,
    list_revisits,
)
from closeness_cards.store.history import (
    last_seen,
    list_sessions,
    session_detail,
    session_summary,
    unfinished_session,
)
from closeness_cards.store.leases import holder_of
from closeness_cards.store.paths import database_path
from closeness_cards.store.seats import sitting
from closeness_cards.store.settings import get_setting
from closeness_cards.table import CannotResume, Table
from closeness_cards.table.sqlite import open_ports
from support.store import (
    NOT_UTF8,
    T0,
    UNSAFE,
    Kept,
    damage,
    fill_history,
    loosen_constraints,
    snapshot,
    targets,
)
from support.table import FakeClock, library_of

BAD_VALUES: tuple[object, ...] = (
    None,
    "",
    "not json",
    '["Ana", 3]',
    '{"a": 1}',
    '{"version": 1, "options": {"seed": 1e999}, "steps": []}',
    "[" * 5000 + "]" * 5000,
    b"\x00\xff a blob",
    NOT_UTF8,
    -1,
    2**63 - 1,
    1.5,
    float("inf"),
    "2024-13-45T99:99:99",
    "0001-01-01T00:00:00+14:00",
    "\x1b]0;owned\x07\u202e",
)
"""One of each kind of damage: NULL, empty text, text that is not JSON, a list that is not
of names, an object where a list belongs (or a plan that is not one), a number no reader can
convert, JSON nested past any
parser's stack, a blob, text whose bytes are not UTF-8, numbers out of every range, a real
and an infinity where whole numbers belong, a date that is none, a date no local clock can
show, and control characters."""

LIBRARY = library_of()
TEMPLATE_NAME = "template.sqlite3"
NOTICE = "could not be read"


def _columns() -> list[tuple[str, str]]:
    with open_memory_database() as db:
        return [
            (table, row[1])
            for table in targets(Kept(1, 2, 3))
            for row in db.conn.execute(f"PRAGMA table_info({table})")
        ]


COLUMNS = _columns()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Kept]]:
    """One history with every kind of row, built once and copied for each hostile value."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / TEMPLATE_NAME
    kept = fill_history(path)
    loosen_constraints(path)
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one file to copy: the log is empty
    conn.close()
    yield path, kept


def fresh_copy(template: Path) -> Path:
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    # A new file, not the old one rewritten: SQLite keeps what it knows of an open file
    # (its locks, its shared memory, file handles it may not close yet) by the file's
    # inode, so a copy written into the old inode could meet the last copy's state.
    staged = path.with_name(path.name + ".staged")
    shutil.copyfile(template, staged)
    os.replace(staged, path)
    return path


def check_store(kept: Kept) -> None:
    """Every store function that reads; the untouched rows are all there."""
    with open_database() as db:
        ids = {s.id for s in list_sessions(db)}
        assert {kept.finished, kept.other} <= ids
        for sid in (kept.finished, kept.other, kept.active):
            session_summary(db, sid)
            session_detail(db, sid)
        finished = session_detail(db, kept.finished)
        assert finished is not None
        assert len(finished.plays) == 3 and len(finished.checkins) == 3
        unfinished_session(db)
        last_seen(db, ["Ben", "Ana"])
        assert {p.session_id for p in checkin_trend(db, ["Ana", "Ben"])} >= {kept.finished}
        assert "test/q2-1" in {f.card_id for f in list_favourites(db)}
        assert "test/q2-1" in favourite_ids(db)
        assert "test/q3-1" in {h.card_id for h in list_hidden(db)}
        assert "test/q3-1" in hidden_ids(db)
        assert "A loose mark" in {r.text for r in list_revisits(db)}
        list_revisits(db, kept.active)
        get_setting(db, "theme")
        get_setting(db, "deck_switches")
        holder_of(db, kept.active, T0)
        sitting(db, kept.active, T0)
        export_data(db)
        export_markdown(db)


def check_ports(kept: Kept) -> None:
    """The table's ports and the table at start; a row left out is said once."""
    ports = open_ports()
    table = Table(LIBRARY, ports, clock=FakeClock())
    try:

        def read_all() -> int:
            sessions = ports.archive.sessions()
            for sid in (kept.finished, kept.other, kept.active):
                ports.archive.detail(sid)
            ports.archive.trend(["Ana", "Ben"])
            ports.log.unfinished()
            ports.log.seen(["Ana", "Ben"])
            ports.log.check_ins(kept.active)
            ports.log.left_cards(kept.active)
            ports.keepsakes.favourite_ids()
            ports.keepsakes.favourites()
            ports.keepsakes.hidden_ids()
            ports.keepsakes.hidden_cards()
            ports.keepsakes.revisit_ids(kept.active)
            ports.preferences.deck_switches()
            ports.preferences.theme()
            table.deal(Options(players=("Ana", "Ben"), stage=Stage.DATING, seed=3))
            table.unfinished()
            return len(sessions)

        listed = read_all()
        first = list(ports.notices)
        read_all()
        assert ports.notices == first  # said once, however often it is read
        assert len(set(first)) == len(first)
        assert (listed < 3) == any(f"in the history {NOTICE}" in n for n in first)
        assert ports.kept  # a bad row is not a failed store: keeping goes on
        finished = ports.archive.detail(kept.finished)
        assert finished is not None and len(finished.plays) == 3
    finally:
        table.close()


def check_resume() -> None:
    """Resuming, which writes (it claims the session): refused with a reason, or done."""
    table = Table(LIBRARY, open_ports(), clock=FakeClock())
    try:
        found = table.unfinished()
        if found is not None:
            # A plan that cannot be read is the table's to refuse with a reason, not a crash.
            with contextlib.suppress(CannotResume):
                table.resume(found)
    finally:
        table.close()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="closeness-cards")
    records.register(parser.add_subparsers(dest="command", required=True))
    return parser


PARSER = _parser()
"""The history commands' own parser, built once: the whole command line takes longer to
build than the commands take to run."""


def command(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    args = PARSER.parse_args(argv)
    assert args.func(args) == 0
    out, err = capsys.readouterr()
    assert UNSAFE.search(out) is None and UNSAFE.search(err.replace("\n", "")) is None
    lines = [line for line in err.splitlines() if NOTICE in line]
    assert len(lines) == len(set(lines))
    return out, err


def check_commands(capsys: pytest.CaptureFixture[str], value: object) -> None:
    """history, favourites and export, in every format: no traceback, and honest."""
    out, err = command(capsys, "history", "--json")
    assert (len(json.loads(out)["sessions"]) < 3) == (NOTICE in err)
    out, err = command(capsys, "history")
    assert (len(out.splitlines()) < 4) == (NOTICE in err)
    out, err = command(capsys, "favourites", "--json")
    assert (len(json.loads(out)["favourites"]) < 2) == (NOTICE in err)
    command(capsys, "favourites")
    out, err = command(capsys, "export", "--format", "json")
    document = json.loads(out)
    sessions = document["sessions"]
    short = (
        len(sessions) < 3
        or sum(len(s["plays"]) for s in sessions) < 6
        or sum(len(s["checkins"]) for s in sessions) < 4
        or len(document["favourites"]) < 2
        or len(document["hidden"]) < 2
        or len(document["revisits"]) + sum(len(s["revisits"]) for s in sessions) < 2
    )
    assert short == (NOTICE in err), (value, document)
    _, md_err = command(capsys, "export", "--format", "md")
    assert NOTICE not in md_err or NOTICE in err


@pytest.mark.parametrize(("table", "column"), COLUMNS, ids=[f"{t}.{c}" for t, c in COLUMNS])
def test_a_bad_value_in_any_column_is_skipped_said_once_and_kept(
    template: tuple[Path, Kept],
    table: str,
    column: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, kept = template
    taken = 0
    for value in BAD_VALUES:
        path = fresh_copy(source)
        if not damage(path, targets(kept)[table], column, value):
            continue  # SQLite itself refuses this value here: nothing to read back
        taken += 1
        before = snapshot(path)
        check_store(kept)
        check_ports(kept)
        check_commands(capsys, value)
        assert snapshot(path) == before, value  # skipped, never deleted or rewritten
        check_resume()
    assert taken > 0


@pytest.mark.parametrize("table", ["favourites", "hidden"])
def test_a_second_row_for_one_card_is_skipped_said_once_and_kept(
    template: tuple[Path, Kept], capsys: pytest.CaptureFixture[str], table: str
) -> None:
    source, kept = template
    path = fresh_copy(source)
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA writable_schema = ON")  # a file whose card ids are no longer unique
    if table == "favourites":  # since schema 7: unique by card and player, by an index
        conn.execute("DELETE FROM sqlite_master WHERE name = 'favourites_unique'")
    else:
        conn.execute(f"DELETE FROM sqlite_master WHERE name = 'sqlite_autoindex_{table}_1'")
        conn.execute(
            "UPDATE sqlite_master SET sql = replace(sql, 'PRIMARY KEY', '') WHERE name = ?",
            (table,),
        )
    conn.close()
    conn = sqlite3.connect(str(path), isolation_level=None)
    columns = "card_id, deck_id, text, follow_up, stages_json, depth, added_at, player"
    if table == "hidden":
        columns = "card_id, deck_id, text, hidden_at"
    conn.execute(
        f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table} WHERE card_id LIKE '%-0'"
    )
    conn.close()
    before = snapshot(path)
    check_store(kept)
    check_ports(kept)
    out, err = command(capsys, "favourites", "--json")
    assert [f["card"] for f in json.loads(out)["favourites"]].count("test/q2-0") == 1
    out, err = command(capsys, "export", "--format", "json")
    document = json.loads(out)
    assert len(document["favourites"]) == 2 and len(document["hidden"]) == 2
    assert NOTICE in err
    assert snapshot(path) == before
