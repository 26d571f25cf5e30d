"""Timing a Textual program to its first frame: inside the process, or painted in a pty.

Both sides of every comparison run under the same few lines (``SHIM``), so they get the
same tricks: the collector is paused from the first line, and frozen and turned back on
after the first frame any screen composes (what the game itself does); then, at the first
frame of the wanted screen, the time is written down and the program quits. The time of
leaving is never counted.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MARKER = "\x1b]0;cc-bench-frame\x07"
"""Written to the terminal right after the wanted frame: a window title, which draws nothing."""
SHIM = f"""
MARKER = {MARKER!r}
import gc, os, sys, time
gc.disable()
import runpy
from textual.screen import Screen
target, wanted, *rest = sys.argv[1:]
refresh = Screen._compositor_refresh
def first_frame(self):
    refresh(self)
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
    app = self.app
    if self.is_current and type(self).__name__ == wanted and not app._exit:
        now = time.monotonic_ns()
        record = os.environ.get("BENCH_FRAME_FILE")
        if record:
            with open(record, "w") as out:
                out.write(str(now))
        driver = app._driver
        if driver is not None:
            driver.write(MARKER)
            getattr(driver, "flush", lambda: None)()
        app.exit()
Screen._compositor_refresh = first_frame
sys.argv = [target, *rest]
if target.endswith(".py"):
    runpy.run_path(target, run_name="__main__")
else:
    runpy.run_module(target, run_name="__main__", alter_sys=True)
"""
"""Run a Textual program; note the moment a screen named ``wanted`` composed a frame; quit."""
COLUMNS, LINES = 100, 30


def shim_command(target: str, screen: str, args: Sequence[str] = ()) -> list[str]:
    """The command that runs ``target`` (a module or a .py file) up to ``screen``'s frame."""
    return [sys.executable, "-c", SHIM, target, screen, *args]


@dataclass(frozen=True)
class FrameRun:
    """One run to a first frame: milliseconds from spawn, and the child's peak memory."""

    ms: float
    max_rss_kib: int


class FrameFailed(RuntimeError):
    """The program ended, or ran out of time, before the wanted frame."""


def _reap(pid: int) -> tuple[int, int]:
    """Wait for ``pid``; its exit code and peak RSS in KiB."""
    _, status, usage = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss


def inside(
    argv: Sequence[str], env: Mapping[str, str], cwd: Path, timeout: float = 60.0
) -> FrameRun:
    """Spawn to first frame, the end read by the program itself (headless driver)."""
    record = cwd / "frame-at"
    record.unlink(missing_ok=True)
    child_env = {**env, "BENCH_FRAME_FILE": str(record)}
    null = os.open(os.devnull, os.O_RDWR)
    try:
        began = time.monotonic_ns()
        pid = os.posix_spawn(
            argv[0],
            list(argv),
            child_env,
            file_actions=[(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1)],
        )
    finally:
        os.close(null)
    deadline = time.monotonic() + timeout
    while True:  # poll, so a hung child is killed
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.wait4(pid, 0)
            raise FrameFailed(f"{' '.join(argv[3:])} ran past {timeout:g} s")
        time.sleep(0.002)
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not record.exists():
        raise FrameFailed(f"{' '.join(argv[3:])} exited {code} before its first frame")
    return FrameRun((int(record.read_text()) - began) / 1e6, usage.ru_maxrss)


def in_terminal(
    argv: Sequence[str], env: Mapping[str, str], cwd: Path, timeout: float = 60.0
) -> FrameRun:
    """Spawn to the wanted frame's last byte read from a pseudo-terminal (real driver)."""
    child_env = {k: v for k, v in env.items() if k not in ("TEXTUAL_DRIVER", "TEXTUAL_PRESS")}
    child_env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    try:
        began = time.monotonic_ns()
        pid = os.fork()
        if pid == 0:  # the child: the pty is its terminal
            try:
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                os.chdir(cwd)
                os.execve(argv[0], list(argv), child_env)
            finally:
                os._exit(127)
        os.close(slave)
        seen = b""
        painted: int | None = None
        marker = MARKER.encode()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            if painted is None:
                seen = seen[-len(marker) :] + chunk
                if marker in seen:
                    painted = time.monotonic_ns()
        else:
            os.kill(pid, signal.SIGKILL)
        code, rss = _reap(pid)
    finally:
        os.close(master)
    if painted is None:
        raise FrameFailed(f"{' '.join(argv[3:])} exited {code} before its frame was painted")
    return FrameRun((painted - began) / 1e6, rss)
