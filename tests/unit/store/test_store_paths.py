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
