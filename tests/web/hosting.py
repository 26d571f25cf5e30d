"""`closeness-cards host` run for real in a pseudo-terminal, its link read off its screen.

Not a test module: the web tests and the latency benchmark use it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

LINK = re.compile(rb"http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]{32,})/")


class Host:
    """A running `host` in its own terminal (120x40)."""

    def __init__(self, home: Path, *args: str) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "CLOSENESS_CARDS_HOME": str(home), "TERM": "xterm-256color"}
        env.pop("CI", None)  # Textual reads CI as "no terminal"; this one is real
        self.process = subprocess.Popen(
            [sys.executable, "-m", "closeness_cards", "host", "--port", "0", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.screen = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.screen.extend(chunk)

    def link(self, timeout: float = 60.0) -> str:
        """The join link, once the host's terminal shows it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = LINK.search(bytes(self.screen))
            if match:
                return match.group(0).decode()
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"no link on the host's screen: {bytes(self.screen)[-2000:]!r}")

    def quit(self, timeout: float = 30.0) -> int:
        """Press ctrl+q in the host's terminal; its exit code."""
        os.write(self.master, b"\x11")
        try:
            return self.process.wait(timeout)
        finally:
            self.close()

    def kill(self) -> None:
        """SIGKILL: no goodbye, no lease released."""
        self.process.kill()
        self.process.wait(30)
        self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(30)
        with contextlib.suppress(OSError):  # seats a killed host left behind
            os.killpg(self.process.pid, 9)
        with contextlib.suppress(OSError):
            os.close(self.master)
