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


class Browser:
    """A seat opened without a browser: the room's websocket, read as the seat draws."""

    def __init__(self, link: str) -> None:
        import websocket  # websocket-client, which selenium brings

        url = link.replace("http://", "ws://", 1) + "ws?width=100&height=30"
        self.socket = websocket.create_connection(url, timeout=60)
        self.seen = b""

    def wait_for(self, words: str) -> bool:
        """Whether ``words`` reach the seat's screen before its websocket closes."""
        import websocket

        from web.browser import ESCAPES, squeeze

        while words not in squeeze(ESCAPES.sub("", self.seen.decode(errors="replace"))):
            try:
                chunk = self.socket.recv()
            except (websocket.WebSocketException, OSError):
                return False
            if not chunk:
                return False
            self.seen += chunk if isinstance(chunk, bytes) else chunk.encode()
        return True

    def closed(self) -> bool:
        """Whether the room closed the seat's websocket (anything it still sends is read)."""
        import websocket

        try:
            while self.socket.recv():
                pass
        except (websocket.WebSocketConnectionClosedException, ConnectionError):
            return True
        except websocket.WebSocketTimeoutException:
            return False
        return True

    def close(self) -> None:
        self.socket.close()


def living(group: int) -> list[int]:
    """The processes of a process group still running (Linux: read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # it ended while we looked
        state, _parent, process_group = stat.rsplit(")", 1)[1].split()[:3]
        if int(process_group) == group and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found
