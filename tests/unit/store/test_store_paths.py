"""Tests for where files live: the home override, platform folders, private folders."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs
import pytest

from closeness_cards.store import paths

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def test_home_override_reads_the_environment(home: Path) -> None:
    assert paths.home_override() == home


def test_home_override_is_none_when_unset_or_blank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    assert paths.home_override() is None
    monkeypatch.setenv(paths.HOME_ENV, "  ")
    assert paths.home_override() is None


def test_home_override_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(paths.HOME_ENV, "relative")
    assert paths.home_override() == tmp_path / "relative"


def test_folders_live_under_the_override(home: Path) -> None:
    assert paths.data_dir() == home / "data"
    assert paths.config_dir() == home / "config"
    assert paths.cache_dir() == home / "cache"
    assert paths.database_path() == home / "data" / "closeness-cards.sqlite3"
    assert paths.user_decks_dir() == home / "data" / "decks"


def test_asking_for_a_folder_creates_nothing(home: Path) -> None:
    paths.data_dir()
    paths.config_dir()
    paths.cache_dir()
    paths.database_path()
    assert not home.exists()


def test_without_override_the_platform_folders_are_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    app = "closeness-cards"
    assert paths.data_dir() == Path(platformdirs.user_data_dir(app, appauthor=False))
    assert paths.config_dir() == Path(platformdirs.user_config_dir(app, appauthor=False))
    assert paths.cache_dir() == Path(platformdirs.user_cache_dir(app, appauthor=False))


@posix_only
def test_ensure_private_dir_creates_parents_at_0700(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c"
    assert paths.ensure_private_dir(target) == target
    for folder in (tmp_path / "a", tmp_path / "a" / "b", target):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@posix_only
def test_ensure_private_dir_tightens_an_existing_folder(tmp_path: Path) -> None:
    target = tmp_path / "open"
    target.mkdir(mode=0o755)
    target.chmod(0o755)
    paths.ensure_private_dir(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o700


def test_ensure_private_dir_fails_below_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        paths.ensure_private_dir(blocker / "data")
    with pytest.raises(OSError):
        paths.ensure_private_dir(blocker)


@posix_only
def test_make_private_sets_file_mode_and_ignores_missing(tmp_path: Path) -> None:
    file = tmp_path / "f"
    file.write_text("x")
    file.chmod(0o644)
    paths.make_private(file)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    paths.make_private(tmp_path / "missing")  # no error


@posix_only
def test_a_folder_made_read_only_stays_read_only(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    target.chmod(0o550)
    paths.ensure_private_dir(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o500  # the group loses access; no one gains
    target.chmod(0o700)


@posix_only
def test_make_private_only_takes_access_away(tmp_path: Path) -> None:
    file = tmp_path / "f"
    file.write_text("x")
    file.chmod(0o444)
    paths.make_private(file)
    assert stat.S_IMODE(file.stat().st_mode) == 0o400
    assert not paths.writable(file)  # read-only to its owner, so to root as well


@posix_only
def test_folders_are_created_0700_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        paths.ensure_private_dir(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


HOMES = ["home", "home/", "./home", "home//.", "sub/../home", "./sub/../home/", "~home", "./~home"]
"""CLOSENESS_CARDS_HOME as it may be spelled, relative to the folder the test runs in."""
STATES = ["none", "data folder", "history", "history a folder", "dangling link", "home a file"]


@pytest.mark.parametrize("spelling", HOMES)
@pytest.mark.parametrize("state", STATES)
def test_history_exists_says_what_database_path_exists_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str, state: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    data = tmp_path / "home" / "data"
    if state == "home a file":
        (tmp_path / "home").write_text("")
    elif state != "none":
        data.mkdir(parents=True)
    database = data / paths.DATABASE_NAME
    if state == "history":
        database.write_bytes(b"")
    elif state == "history a folder":
        database.mkdir()
    elif state == "dangling link":
        database.symlink_to(tmp_path / "gone")
    monkeypatch.setenv(paths.HOME_ENV, spelling)
    try:
        expected: bool | RuntimeError = paths.database_path().exists()
    except RuntimeError as error:  # "~home": no such user, as pathlib says
        expected = error
    if isinstance(expected, RuntimeError):
        with pytest.raises(RuntimeError):
            paths.history_exists()
    else:
        assert paths.history_exists() is expected
    if spelling == "home" and state in ("none", "history"):
        assert expected is (state == "history")  # the cases are what they claim


def test_history_exists_asks_the_platform_folders_without_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path)
    assert not paths.history_exists()
    (tmp_path / paths.DATABASE_NAME).write_bytes(b"")
    assert paths.history_exists()
