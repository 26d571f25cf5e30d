"""`host` itself: the extra it needs, a private session refused, a killed host resumed."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from closeness_cards.cli import main
from closeness_cards.table import Table
from closeness_cards.table.decks import load_decks
from closeness_cards.table.sqlite import open_ports
from closeness_cards.text import seats
from web.browser import wait
from web.hosting import Browser, Host, living


def test_host_without_the_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "segno" else real(name, *a)
    )
    assert main(["host", "--stage", "dating"], launch=lambda _: 0) == 2
    err = capsys.readouterr().err
    assert "pip install 'closeness-cards[web]'" in err and "segno" in err


def test_host_refuses_a_private_session(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["host", "--stage", "dating", "--no-history"], launch=lambda _: 0) == 2
    assert "private session" in capsys.readouterr().err


def test_a_killed_host_resumes_on_the_next_host_or_play(private_home: Path) -> None:
    first = Host(private_home, "--stage", "friends", "--players", "Ana", "Ben", "Cai")
    first.link()
    first.kill()
    table = Table(load_decks(), open_ports())
    unfinished = table.unfinished()
    assert unfinished is not None and unfinished.players == ("Ana", "Ben", "Cai")
    table.close()
    again = Host(private_home)  # no --stage: the unfinished session, where it stopped
    try:
        again.link()
    finally:
        assert again.quit() == 0
    table = Table(load_decks(), open_ports())
    found = table.unfinished()  # quitting the host leaves it resumable, as ctrl+q does
    assert found is not None and found.id == unfinished.id
    table.resume(found)  # what `play` does when the players say Resume
    assert table.session_id == unfinished.id
    table.close()


def test_a_port_in_use_is_one_line_and_deals_nothing(
    private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    from closeness_cards.cli.launch import Hosting
    from closeness_cards.core.cards import Stage
    from closeness_cards.table import Choices
    from closeness_cards.web.host import host

    with socket.socket() as other:  # another host already listens there
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        table = Table(load_decks(), open_ports())
        try:
            choices = Choices(players=("Ana", "Ben"), stage=Stage.DATING, opening=False)
            assert host(table, choices, Hosting(lan=False, port=port, decks=())) == 1
            assert table.unfinished() is None  # no session dealt, none left active
        finally:
            table.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"port {port} is in use" in err


def seated(private_home: Path, count: int) -> tuple[Host, list[Browser]]:
    """A real host with ``count`` seats open at its name list."""
    host = Host(private_home, "--stage", "dating", "--players", "Ana", "Ben")
    browsers = [Browser(host.link()) for _ in range(count)]
    for browser in browsers:
        assert browser.wait_for("Who is sitting here?")
    assert len(living(host.process.pid)) == 1 + count  # the host and one process per seat
    return host, browsers


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_quitting_the_host_says_so_and_ends_every_seat_before_it_exits(
    private_home: Path,
) -> None:
    host, browsers = seated(private_home, 2)
    try:
        os.write(host.master, b"q")
        assert host.process.wait(30) == 0
        # The room waited for its seats: none is left once the host has gone.
        assert living(host.process.pid) == []
        assert all(browser.closed() for browser in browsers)
        assert wait(lambda: b"The room is closed." in bytes(host.screen), 10)
        assert seats.ROOM_CLOSING.encode() in bytes(host.screen)
    finally:
        for browser in browsers:
            browser.close()
        host.close()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_seat_quits_by_itself_when_its_host_is_killed(private_home: Path) -> None:
    host, browsers = seated(private_home, 1)
    try:
        host.process.kill()  # SIGKILL: the room cannot end its seats
        host.process.wait(30)
        assert wait(lambda: living(host.process.pid) == [], 30)
    finally:
        browsers[0].close()
        host.close()


def test_host_says_the_session_is_played_elsewhere(
    private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from closeness_cards.cli.launch import Hosting
    from closeness_cards.core.cards import Stage
    from closeness_cards.table import Choices, options_from
    from closeness_cards.web.host import host

    playing = Table(load_decks(), open_ports())  # `play` in another window holds its lease
    other = Table(load_decks(), open_ports())
    try:
        choices = Choices(players=("Ana", "Ben"), stage=Stage.DATING, opening=False)
        playing.start(options_from(choices))
        assert host(other, None, Hosting(lan=False, port=0, decks=())) == 1
    finally:
        other.close()
        playing.close()
    err = capsys.readouterr().err
    assert f"process {os.getpid()} on this computer" in err and "another window" in err
    assert "no unfinished session" not in err
