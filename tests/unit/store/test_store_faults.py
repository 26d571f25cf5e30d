"""Each way storage can go wrong, as a test: crashes, damage, locks, permissions, disk."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from closeness_cards.store.db import (
    Database,
    DatabaseTooNew,
    HistoryReadOnly,
    StoreError,
    open_database,
)
from closeness_cards.store.history import (
    forget_all,
    forget_session,
    list_sessions,
    record_checkin,
    record_play,
    session_detail,
    start_session,
    unfinished_session,
)
from closeness_cards.store.paths import database_path
from closeness_cards.store.schema import LATEST_VERSION
from closeness_cards.store.settings import set_setting
from support.store import SRC, T0, NewSession, Play

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and signals")


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC)
    env["CLOSENESS_CARDS_HOME"] = str(home)
    return env


def integrity(path: Path) -> str:
    conn = sqlite3.connect(str(path))
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from closeness_cards.store.db import open_database
    from closeness_cards.store.history import record_play, start_session

    now = datetime(2024, 5, 1, 19, 0, tzinfo=timezone.utc)
    db = open_database()
    session = start_session(
        db, players=["Ana", "Ben"], stage="dating", shape="standard", depth="rise",
        seed=3, decks=["dating"], options={"passes": 3}, plan_json='{"steps": [1, 2, 3]}',
        started_at=now,
    )
    for position in range(10):
        record_play(
            db, session, position=position, card_id=f"dating/dt-{position}",
            deck_id="dating", text=f"Card {position}", depth=1, kind="question",
            reader="Ana", answerers=["Ben"], outcome="answered", played_at=now,
            next_position=position + 1,
        )
        print("ready", flush=True)
        sys.stdin.readline()  # wait, so the parent decides exactly when to kill
    """
)


@posix_only
def test_sigkill_mid_session_loses_nothing(home: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT],
        env=child_env(home),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        for played in range(1, 4):
            assert child.stdout.readline().strip() == "ready"
            if played < 3:
                child.stdin.write("go\n")
                child.stdin.flush()
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with open_database() as database:
        resumable = unfinished_session(database)
        assert resumable is not None
        assert resumable.position == 3
        assert resumable.plan_json == '{"steps": [1, 2, 3]}'
        assert resumable.options == {"passes": 3}
        assert resumable.summary.answered == 3
        count = database.conn.execute("SELECT count(*) FROM plays").fetchone()[0]
        assert count == 3
    assert integrity(database_path()) == "ok"


def corrupt_files(data: Path) -> list[Path]:
    return sorted(p for p in data.iterdir() if ".corrupt-" in p.name)


@pytest.mark.parametrize("kind", ["random", "truncated"])
def test_a_corrupt_file_is_set_aside_and_a_fresh_one_started(
    home: Path, kind: str, new_session: NewSession, play: Play, db: Database
) -> None:
    with db.transaction():  # one commit: this is setup, not the subject
        for session in range(20):
            sid = new_session(plan_json="x" * 2000)
            for position in range(5):
                play(sid, position, text=f"Session {session} card {position} " * 5)
    db.close()
    path = database_path()
    if kind == "random":
        damaged = os.urandom(8192)
    else:
        whole = path.read_bytes()
        assert len(whole) > 20_000
        damaged = whole[: len(whole) // 3]
    path.write_bytes(damaged)

    with open_database() as fresh:
        assert fresh.notice is not None
        assert "damaged" in fresh.notice and "moved aside" in fresh.notice
        assert list_sessions(fresh) == []
        new_session_id = fresh.conn.execute(
            "INSERT INTO settings VALUES ('ok', 'true') RETURNING key"
        ).fetchone()
        assert new_session_id is not None

    [moved] = [p for p in corrupt_files(path.parent) if not p.name.endswith(("-wal", "-shm"))]
    assert moved.name.startswith("closeness-cards.sqlite3.corrupt-")
    assert moved.read_bytes() == damaged  # never deleted, never changed

    with open_database() as again:
        assert again.notice is None


def test_damage_found_later_is_flagged_then_set_aside_on_next_open(
    home: Path, new_session: NewSession, play: Play, db: Database
) -> None:
    sid = new_session()
    for position in range(3):
        play(sid, position)
    root = db.conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'plays'").fetchone()
    page_size = db.conn.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    path = database_path()
    data = bytearray(path.read_bytes())
    # Scribble over the plays table's only page: the header and schema still read, so
    # opening succeeds and the damage only shows when plays are read.
    offset = (root[0] - 1) * page_size
    data[offset : offset + page_size] = b"\xff" * page_size
    path.write_bytes(bytes(data))

    with open_database() as opened:
        assert opened.notice is None
        with pytest.raises(StoreError, match="damaged"):
            session_detail(opened, sid)
    with open_database() as recovered:
        assert recovered.notice is not None and "moved aside" in recovered.notice
        assert list_sessions(recovered) == []
    assert len([p for p in path.parent.iterdir() if ".corrupt-" in p.name]) >= 1


def test_runtime_damage_error_leaves_a_marker(db: Database) -> None:
    with pytest.raises(StoreError, match="damaged"), db.translate_errors():
        raise sqlite3.DatabaseError("database disk image is malformed")
    assert db.path is not None
    assert db.path.with_name(db.path.name + ".damaged").exists()
    db.close()
    with open_database() as again:  # the file is actually fine: kept, marker cleared
        assert again.notice is None
    assert not db.path.with_name(db.path.name + ".damaged").exists()


def test_unwritable_data_folder_raises_a_plain_store_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("home cannot be below a regular file")
    monkeypatch.setenv("CLOSENESS_CARDS_HOME", str(blocker / "home"))
    with pytest.raises(StoreError) as caught:
        open_database()
    message = str(caught.value)
    assert "cannot use the folder" in message and "\n" not in message


@posix_only
def test_read_only_data_folder_raises_history_read_only(home: Path) -> None:
    # Made read-only by its owner: read-only for root too, who could write it anyway.
    data = home / "data"
    data.mkdir(parents=True)
    data.chmod(0o500)
    try:
        with pytest.raises(HistoryReadOnly, match="read-only") as caught:
            open_database()
        assert str(data) in caught.value.why
        assert list(data.iterdir()) == []  # nothing made in it
        assert stat.S_IMODE(data.stat().st_mode) == 0o500  # and never made writable
    finally:
        data.chmod(0o700)


@posix_only
def test_read_only_database_file_raises_history_read_only(home: Path) -> None:
    open_database().close()
    path = database_path()
    path.chmod(0o400)
    try:
        with pytest.raises(HistoryReadOnly, match="read-only"):
            open_database()
        assert stat.S_IMODE(path.stat().st_mode) == 0o400
    finally:
        path.chmod(0o600)


def test_a_full_disk_becomes_a_store_error(db: Database, new_session: NewSession) -> None:
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages}")  # simulate: no room to grow
    with pytest.raises(StoreError, match="full"):
        for _ in range(200):
            new_session(plan_json="x" * 5000)


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "closeness-cards.sqlite3"
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE future (x)")
    conn.execute("INSERT INTO future VALUES ('from the future')")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    with pytest.raises(DatabaseTooNew) as caught:
        open_database(path)
    message = str(caught.value)
    assert str(path) in message and "newer" in message and "\n" not in message
    assert isinstance(caught.value, StoreError)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not any(".corrupt-" in p.name for p in tmp_path.iterdir())


def test_two_instances_at_once_both_work(home: Path) -> None:
    open_database().close()
    errors: list[BaseException] = []
    plays_each = 150
    start = threading.Barrier(2)

    def player(name: str) -> None:
        try:
            with open_database() as database:
                session = database_session(database, name)
                start.wait()
                for position in range(plays_each):
                    record_play_simple(database, session, position)
                    if position % 50 == 0:
                        list_sessions(database, limit=10)
        except BaseException as exc:  # collected, re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=player, args=(n,)) for n in ("Ana", "Cy")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with open_database() as database:
        count = database.conn.execute("SELECT count(*) FROM plays").fetchone()[0]
        assert count == 2 * plays_each
        assert [s.answered for s in list_sessions(database)] == [plays_each, plays_each]
    assert integrity(database_path()) == "ok"


TWO_PROCESS_SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from closeness_cards.store.db import open_database
    from closeness_cards.store.history import record_play, start_session

    now = datetime(2024, 5, 1, 19, 0, tzinfo=timezone.utc)
    with open_database() as db:
        session = start_session(
            db, players=[sys.argv[1]], stage="friends", shape="open", depth="1", seed=1,
            decks=["friends"], options={}, plan_json="{}", started_at=now,
        )
        for position in range(int(sys.argv[2])):
            record_play(
                db, session, position=position, card_id=f"friends/f-{position}",
                deck_id="friends", text="Card", depth=1, kind="question",
                reader=sys.argv[1], answerers=[], outcome="answered", played_at=now,
                next_position=position + 1,
            )
    """
)


@posix_only
def test_two_processes_at_once_on_a_fresh_file(home: Path) -> None:
    # Both also race to create and migrate the file.
    children = [
        subprocess.Popen(
            [sys.executable, "-c", TWO_PROCESS_SCRIPT, name, "150"],
            env=child_env(home),
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Ana", "Cy")
    ]
    for child in children:
        _, stderr = child.communicate(timeout=120)
        assert child.returncode == 0, stderr
    with open_database() as database:
        assert database.conn.execute("SELECT count(*) FROM plays").fetchone()[0] == 300
    assert integrity(database_path()) == "ok"


def test_many_first_opens_at_once_migrate_once(home: Path) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def opener() -> None:
        try:
            start.wait()
            open_database().close()
        except BaseException as exc:  # collected, re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with open_database() as database:
        assert database.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


@posix_only
def test_files_are_private(db: Database, new_session: NewSession) -> None:
    new_session()
    path = database_path()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        assert file.exists(), file
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


@posix_only
def test_files_are_private_even_with_a_loose_umask(home: Path) -> None:
    old = os.umask(0o000)
    try:
        with open_database() as database:
            database_session(database, "Ana")
    finally:
        os.umask(old)
    path = database_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


SECRET = "Zephyrine-Quillfeather"


def files_contain(path: Path, needle: str) -> bool:
    raw = needle.encode()
    folded = needle.casefold().encode()
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            data = file.read_bytes()
            if raw in data or folded in data:
                return True
    return False


def test_forget_all_leaves_no_trace_in_the_files(
    db: Database, new_session: NewSession, play: Play
) -> None:
    sid = new_session(players=[SECRET, "Ben"])
    with db.transaction():
        for position in range(20):
            play(sid, position, reader=SECRET, answerers=["Ben"])
    record_checkin(db, sid, player=SECRET, moment="before", value=5, at=T0)
    set_setting(db, "player_names", [SECRET, "Ben"])
    db.checkpoint()
    path = database_path()
    assert files_contain(path, SECRET)

    forget_all(db)
    db.checkpoint()
    assert not files_contain(path, SECRET)
    assert integrity(path) == "ok"


def test_forget_session_leaves_no_trace_in_the_files(
    db: Database, new_session: NewSession, play: Play
) -> None:
    kept = new_session(players=["Ana", "Ben"])
    play(kept, 0)
    secret = new_session(players=[SECRET, "Ben"])
    with db.transaction():
        for position in range(20):
            play(secret, position, reader=SECRET)
    record_checkin(db, secret, player=SECRET, moment="after", value=6, at=T0)
    db.checkpoint()
    path = database_path()
    assert files_contain(path, SECRET)

    assert forget_session(db, secret)
    assert not files_contain(path, SECRET)
    assert [s.id for s in list_sessions(db)] == [kept]


def database_session(database: Database, name: str) -> int:
    return start_session(
        database,
        players=[name],
        stage="friends",
        shape="open",
        depth="1",
        seed=1,
        decks=["friends"],
        options={},
        plan_json="{}",
        started_at=T0,
    )


def record_play_simple(database: Database, session: int, position: int) -> None:
    record_play(
        database,
        session,
        position=position,
        card_id=f"friends/f-{position}",
        deck_id="friends",
        text="Card",
        depth=1,
        kind="question",
        reader="Ana",
        answerers=[],
        outcome="answered",
        played_at=T0,
        next_position=position + 1,
    )
