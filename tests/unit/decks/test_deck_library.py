"""The user's decks folder: read within limits, and whatever is in it, the game still starts."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from closeness_cards.core import library
from closeness_cards.core.deckfile import MAX_DECK_BYTES, DeckError
from closeness_cards.core.library import (
    USER_DECK_BYTES_MAX,
    USER_DECK_FILES_MAX,
    Library,
    load_library,
)
from support.decks import BUILTIN_DECKS, VALID_DECK, one_safe_line, run_cli, write


def deck(number: int) -> str:
    """A valid deck with an id of its own."""
    return VALID_DECK.replace("id: sample", f"id: mine-{number:03}")


def problem_lines(loaded: Library) -> list[str]:
    return [str(problem) for error in loaded.problems for problem in error.problems]


def builtin_ids(loaded: Library) -> set[str]:
    return {deck.id for deck in loaded.decks if deck.builtin}


ALL_BUILTIN = {path.stem for path in BUILTIN_DECKS}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "decks"
    made.mkdir()
    return made


def test_the_limits_are_what_the_docs_say() -> None:
    assert (USER_DECK_FILES_MAX, USER_DECK_BYTES_MAX) == (64, 32 * 1024 * 1024)
    assert USER_DECK_BYTES_MAX >= MAX_DECK_BYTES  # a deck of the largest size still loads


def test_files_past_the_limit_are_skipped_and_each_named(folder: Path) -> None:
    for number in range(USER_DECK_FILES_MAX + 3):
        write(folder / f"deck-{number:03}.yaml", deck(number))
    loaded = load_library(user_dir=folder)
    mine = sorted(d.id for d in loaded.decks if not d.builtin)
    assert mine == [f"mine-{n:03}" for n in range(USER_DECK_FILES_MAX)]
    assert builtin_ids(loaded) == ALL_BUILTIN
    assert problem_lines(loaded) == [
        f"{folder / f'deck-{n:03}.yaml'}: skipped: the decks folder holds more than 64 deck "
        "files (move some out, or play them with --deck)"
        for n in range(USER_DECK_FILES_MAX, USER_DECK_FILES_MAX + 3)
    ]


def test_bytes_past_the_limit_are_skipped_and_each_named(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = len(VALID_DECK.encode())
    monkeypatch.setattr(library, "USER_DECK_BYTES_MAX", size * 3 + 10)
    for number in range(5):
        write(folder / f"deck-{number}.yaml", deck(number))
    write(folder / "deck-2.yaml", deck(2) + "#" * 20)  # too big for what is left
    loaded = load_library(user_dir=folder)
    assert sorted(d.id for d in loaded.decks if not d.builtin) == [
        "mine-000",
        "mine-001",
        "mine-003",
    ]
    skipped = [line.split(": ", 1) for line in problem_lines(loaded)]
    assert [where for where, _ in skipped] == [
        str(folder / "deck-2.yaml"),
        str(folder / "deck-4.yaml"),
    ]
    assert all(said.startswith("skipped: the decks folder holds more than") for _, said in skipped)


def test_ten_decks_of_the_largest_size_cost_only_two_reads(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sparse files, not read here: what matters is which files would be read at all.
    for number in range(10):
        with open(folder / f"big-{number}.yaml", "wb") as handle:
            handle.truncate(MAX_DECK_BYTES)
    read: list[Path] = []
    real = library.load_cached

    def counting(path: Path, cache_dir: Path | None, *, builtin: bool = False) -> object:
        if not builtin:
            read.append(path)
        return real(path, cache_dir, builtin=builtin)

    monkeypatch.setattr(library, "load_cached", counting)
    began = time.perf_counter()
    loaded = load_library(user_dir=folder)
    assert time.perf_counter() - began < 5
    assert read == [folder / "big-0.yaml", folder / "big-1.yaml"]
    lines = problem_lines(loaded)
    assert len(lines) == 10  # the two read (refused: all zero bytes) and eight skipped
    assert sum("holds more than 32 MiB of decks in all" in line for line in lines) == 8
    assert builtin_ids(loaded) == ALL_BUILTIN


def test_a_file_too_large_to_read_does_not_use_up_the_allowance(folder: Path) -> None:
    with open(folder / "a-huge.yaml", "wb") as handle:
        handle.truncate(USER_DECK_BYTES_MAX + 1)
    write(folder / "b-fine.yaml", deck(1))
    loaded = load_library(user_dir=folder)
    assert "mine-001" in {d.id for d in loaded.decks}
    [line] = problem_lines(loaded)
    assert "a-huge.yaml: the file is too large" in line


@pytest.mark.parametrize("digits", [5_000, 100_000])
@pytest.mark.parametrize("field", ["depth: 3", "minutes: 1", "schema: 1"])
def test_a_number_of_thousands_of_digits_stops_only_its_deck(
    folder: Path, field: str, digits: int
) -> None:
    key = field.split(":")[0]
    write(folder / "huge.yaml", VALID_DECK.replace(field, f"{key}: {'9' * digits}"))
    loaded = load_library(user_dir=folder)
    assert builtin_ids(loaded) == ALL_BUILTIN
    [line] = problem_lines(loaded)
    assert line.startswith(f"{folder / 'huge.yaml'}:")
    assert f"'{key}' must be" in line


def test_a_file_name_that_is_not_utf8_is_a_problem_not_a_traceback(folder: Path) -> None:
    name = os.fsdecode(b"caf\xe9.yaml")
    write(folder / name, deck(1))
    write(folder / "fine.yaml", deck(2))
    loaded = load_library(user_dir=folder)
    assert sorted(d.id for d in loaded.decks if not d.builtin) == ["mine-002"]
    [line] = problem_lines(loaded)
    assert (
        line == f"{folder}/caf\\udce9.yaml: skipped: the file name is not UTF-8 (rename the file)"
    )
    assert one_safe_line(line)


def test_decks_list_with_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    home = tmp_path / "home"
    user = home / "data" / "decks"
    user.mkdir(parents=True)
    write(user / os.fsdecode(b"\xff\xfe.yaml"), deck(1))
    result = run_cli("decks", "list", home=home)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "skipped: the file name is not UTF-8" in result.stderr


def test_an_unreadable_deck_is_a_problem(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(folder / "locked.yaml", deck(1))
    write(folder / "open.yaml", deck(2))
    real_open = os.open

    def deny(path: object, *args: object, **kwargs: object) -> int:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    loaded = load_library(user_dir=folder, cache_dir=folder.parent / "cache")
    assert {d.id for d in loaded.decks if not d.builtin} == {"mine-002"}
    assert builtin_ids(loaded) == ALL_BUILTIN
    assert problem_lines(loaded) == [f"{locked}: cannot read it: Permission denied"]


def test_an_unreadable_folder_is_a_problem(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(folder / "mine.yaml", deck(1))
    real_scandir = os.scandir

    def deny(path: object = ".") -> object:
        if os.fspath(path) == str(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    loaded = load_library(user_dir=folder)
    assert builtin_ids(loaded) == ALL_BUILTIN
    assert problem_lines(loaded) == [f"{folder}: cannot read the folder: Permission denied"]


def test_a_folder_that_cannot_even_be_looked_at_is_a_problem(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_stat = os.stat

    def deny(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(path) == str(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", deny)
    loaded = load_library(user_dir=folder)
    assert builtin_ids(loaded) == ALL_BUILTIN
    assert problem_lines(loaded) == [f"{folder}: cannot read the folder: Permission denied"]


def test_a_missing_folder_is_no_problem(tmp_path: Path) -> None:
    loaded = load_library(user_dir=tmp_path / "nowhere")
    assert builtin_ids(loaded) == ALL_BUILTIN
    assert loaded.problems == ()


def test_an_entry_that_cannot_be_looked_at_is_read_and_its_problem_said(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A DirEntry may need a stat to say what it is; that may fail as well.
    write(folder / "mine.yaml", deck(1))

    class Entry:
        name = "mine.yaml"

        def is_file(self) -> bool:
            raise PermissionError(13, "Permission denied")

    class Listing:
        def __enter__(self) -> list[Entry]:
            return [Entry()]

        def __exit__(self, *args: object) -> None:
            return None

    real_scandir = os.scandir
    monkeypatch.setattr(
        os,
        "scandir",
        lambda path=".": Listing() if os.fspath(path) == str(folder) else real_scandir(path),
    )
    loaded = load_library(user_dir=folder)
    assert "mine-001" in {d.id for d in loaded.decks}


def test_deck_files_of_an_unreadable_folder_is_empty_not_an_exception(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def deny(path: object = ".") -> object:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", deny)
    assert library.deck_files(folder) == []
    files, [error] = library.find_deck_files(folder)
    assert files == []
    assert isinstance(error, DeckError)
    assert str(error) == f"{folder}: cannot read the folder: Permission denied"


def test_cached_decks_are_still_counted(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limits are on the folder, not on parsing: a warm cache changes nothing.
    monkeypatch.setattr(library, "USER_DECK_FILES_MAX", 2)
    for number in range(3):
        write(folder / f"d{number}.yaml", deck(number))
    cache = tmp_path / "cache"
    first = load_library(user_dir=folder, cache_dir=cache)
    second = load_library(user_dir=folder, cache_dir=cache)
    assert [d.id for d in first.decks] == [d.id for d in second.decks]
    assert problem_lines(first) == problem_lines(second)
    assert len(problem_lines(second)) == 1


def test_a_deck_given_by_a_path_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / os.fsdecode(b"d\xe9ck.yaml"), deck(1))
    loaded = load_library([path])
    assert loaded.decks == ()
    assert problem_lines(loaded) == [
        f"{tmp_path}/d\\udce9ck.yaml: skipped: the file name is not UTF-8 (rename the file)"
    ]
    assert library.deck_files(path) == [path]  # `decks validate` still reads it
