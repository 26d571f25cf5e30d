"""export -o writes what the user named, and only that: never replaces a link or a device.

A symbolic link keeps pointing where it did and the file it points to gets the export; a
pipe or a character device (as root, ``-o /dev/null`` once replaced the device with a
file) is written through; a folder is refused; an empty name is named as such; and the
temporary file a killed export leaves is cleaned at the next export into that folder.
"""

from __future__ import annotations

import argparse
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from closeness_cards.cli import records
from closeness_cards.store.db import open_database
from closeness_cards.store.paths import data_dir, database_path
from support.store import fill_history

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX files")

PARSER = argparse.ArgumentParser(prog="closeness-cards")
records.register(PARSER.add_subparsers(dest="command", required=True))


def export(*argv: str) -> int:
    """Run ``export --format md`` with more arguments; its exit code."""
    args = PARSER.parse_args(["export", "--format", "md", *argv])
    code: int = args.func(args)
    return code


@pytest.fixture
def kept() -> None:
    """A history worth exporting."""
    fill_history(database_path())


def one_line(err: str) -> str:
    assert err.startswith("closeness-cards: ") and err.count("\n") == 1, err
    return err


def test_an_empty_file_name_is_named_as_such(
    kept: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert export("-o", "") == 2
    assert "no file name given" in one_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", [".", "outdir", "outdir/", "outdir/."])
def test_a_folder_is_refused_and_left_alone(
    kept: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outdir").mkdir()
    assert export("-o", name) == 1
    assert "is a folder" in one_line(capsys.readouterr().err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outdir"]
    assert list((tmp_path / "outdir").iterdir()) == []


@posix_only
def test_a_link_to_a_file_stays_a_link_and_the_file_gets_the_export(
    kept: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "elsewhere" / "notes.md"
    real.parent.mkdir()
    real.write_text("old notes")
    link = tmp_path / "export.md"
    link.symlink_to(real)
    assert export("-o", str(link)) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("# Closeness Cards")
    assert str(link) in capsys.readouterr().out
    assert sorted(p.name for p in real.parent.iterdir()) == ["notes.md"]  # no temp left


@posix_only
def test_a_link_to_nothing_yet_creates_the_file_it_points_to(kept: None, tmp_path: Path) -> None:
    real = tmp_path / "new.md"
    link = tmp_path / "export.md"
    link.symlink_to(real)
    assert export("-o", str(link)) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# Closeness Cards")


@posix_only
def test_a_link_loop_is_one_line_and_nothing_is_written(
    kept: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    assert export("-o", str(loop)) == 1
    assert str(loop) in one_line(capsys.readouterr().err)
    assert loop.is_symlink()


@posix_only
def test_a_pipe_is_written_through_and_stays_a_pipe(kept: None, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    ready = threading.Event()

    def reader() -> None:
        # Opening for reading blocks until the export opens for writing.
        ready.set()
        with open(pipe, "rb") as stream:
            received.append(stream.read())

    thread = threading.Thread(target=reader)
    thread.start()
    ready.wait(5)
    deadline = time.monotonic() + 10
    code = 1
    while time.monotonic() < deadline:  # the reader may not have opened the pipe yet
        code = export("-o", str(pipe))
        if code == 0:
            break
        time.sleep(0.05)
    thread.join(10)
    assert code == 0
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert received[0].decode("utf-8").startswith("# Closeness Cards")


@posix_only
def test_a_pipe_nobody_reads_is_refused_at_once(
    kept: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    started = time.monotonic()
    assert export("-o", str(pipe)) == 1
    assert time.monotonic() - started < 5  # never waits for a reader that is not coming
    assert "nothing is reading" in one_line(capsys.readouterr().err)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@posix_only
def test_a_device_is_written_through_never_replaced(kept: None, tmp_path: Path) -> None:
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    assert export("-o", str(null)) == 0
    info = os.lstat(null)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def leftovers(folder: Path, *names: str, age: float) -> list[Path]:
    made = []
    for name in names:
        path = folder / name
        path.write_text("half an export of Zephyrine's history")
        os.utime(path, (time.time() - age, time.time() - age))
        made.append(path)
    return made


def test_a_killed_exports_temporary_file_is_cleaned_at_the_next_export(
    kept: None, tmp_path: Path
) -> None:
    target = tmp_path / "export.md"
    old = leftovers(
        tmp_path,
        ".export.md.ab12cd_9.tmp",  # as a killed export of this version leaves it...
        ".other.md.zz99yy88.closeness-cards.tmp",  # ... and of this version, another name
        age=120,
    )
    young = leftovers(tmp_path, ".export.md.young123.closeness-cards.tmp", age=0)
    theirs = leftovers(tmp_path, ".other.md.ab12cd_9.tmp", "notes.tmp", age=120)
    assert export("-o", str(target)) == 0
    assert not any(p.exists() for p in old)
    assert all(
        p.exists() for p in young + theirs
    )  # one may be a write under way; others' files stay


def test_the_data_folders_leftovers_are_cleaned_when_the_store_opens(kept: None) -> None:
    folder = data_dir()
    old = leftovers(
        folder,
        ".closeness-cards-2024-05-01-190000.md.ab12cd_9.tmp",
        ".closeness-cards-2024-05-02-190000.md.ab12cd_9.closeness-cards.tmp",
        age=120,
    )
    young = leftovers(folder, ".closeness-cards-2024-05-03-190000.md.ab12cd_9.tmp", age=0)
    theirs = leftovers(folder, ".notes.md.ab12cd_9.tmp", age=120)
    open_database().close()
    assert not any(p.exists() for p in old)
    assert all(p.exists() for p in young + theirs)
