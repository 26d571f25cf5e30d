"""Headless Chromium for the web tests: seats opened from the room's link, read as they draw.

Not a test module: the tests and the latency benchmark import it (``tests`` is on the path).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Callable
from typing import Any

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# Every byte a seat's websocket brings is kept where the test can read it: the terminal
# on the page draws on a canvas, which has no text to read.
RECORD = """
const Real = window.WebSocket;
window.__seen = [];
window.WebSocket = function (url, protocols) {
  const socket = new Real(url, protocols);
  const decoder = new TextDecoder();
  socket.addEventListener('message', (event) => {
    if (event.data instanceof ArrayBuffer) {
      window.__seen.push(decoder.decode(new Uint8Array(event.data), {stream: true}));
    }
  });
  return socket;
};
window.WebSocket.prototype = Real.prototype;
"""
MOVE = re.compile(r"\x1b\[(\d+);(\d+)H")
"""Textual draws each line of the screen after moving the cursor to its row and column."""
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P_^][^\x07\x1b]*(\x07|\x1b\\\\)?|\x1b.")


def found(name: tuple[str, ...]) -> str | None:
    """The first of these paths that exists (or is found on PATH)."""
    for path in name:
        if shutil.which(path):
            return path
    return None


class Seat:
    """One browser at the room."""

    def __init__(
        self, link: str, *, width: int = 1000, height: int = 800, phone: bool = False
    ) -> None:
        """Open ``link`` in a window of ``width`` x ``height``; with ``phone``, as a phone
        of that size does (Chromium's mobile emulation: touch, and the page's viewport)."""
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        for flag in (*FLAGS, f"--user-data-dir={tempfile.mkdtemp()}"):
            options.add_argument(flag)
        options.add_argument(f"--window-size={width},{height}")
        if phone:
            metrics = {"width": width, "height": height, "pixelRatio": 2.0, "touch": True}
            options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
        options.binary_location = str(found(CHROMIUM))
        self.driver = webdriver.Chrome(service=Service(str(found(CHROMEDRIVER))), options=options)
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD})
        self.driver.get(link)

    def text(self) -> str:
        """Everything the seat's terminal was sent, its escape sequences taken out."""
        chunks: list[str] = self.driver.execute_script("return window.__seen || [];")
        return ESCAPES.sub("", "".join(chunks))

    def forget(self) -> None:
        """Start reading afresh: only what is drawn from now on counts."""
        self.driver.execute_script("window.__seen = [];")

    def press(self, keys: str) -> None:
        """Type keys into the seat's terminal."""
        from selenium.webdriver.common.by import By

        area = self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
        area.send_keys(keys)

    def type(self, keys: str) -> None:
        """Type keys into whatever on the page has the focus (nothing is clicked first)."""
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).send_keys(keys).perform()

    def where(self, words: str) -> tuple[float, float]:
        """The middle of where ``words`` were last drawn, in the page's (CSS) pixels."""
        raw = "".join(self.driver.execute_script("return window.__seen || [];"))
        moves = list(MOVE.finditer(raw))
        ends = [m.start() for m in moves[1:]] + [len(raw)]
        # The first frame is the whole screen: its rows and columns, all drawn.
        rows = max(int(move.group(1)) for move in moves)
        cols = max(
            int(move.group(2)) - 1 + len(ESCAPES.sub("", raw[move.end() : end]).rstrip("\n"))
            for move, end in zip(moves, ends, strict=True)
        )
        at = raw.rindex(words)
        move = [m for m in moves if m.end() <= at][-1]
        before = len(ESCAPES.sub("", raw[move.end() : at]))
        column = int(move.group(2)) - 1 + before + len(words) / 2
        box = self.driver.execute_script(
            "return document.querySelector('.xterm-screen').getBoundingClientRect();"
        )
        row = int(move.group(1)) - 0.5
        return box["x"] + column * box["width"] / cols, box["y"] + row * box["height"] / rows

    def tap(self, x: float, y: float) -> None:
        """A finger's tap at (x, y) on the page (touch, as on a phone)."""
        touch = "Input.dispatchTouchEvent"
        point = [{"x": x, "y": y}]
        self.driver.execute_cdp_cmd(touch, {"type": "touchStart", "touchPoints": point})
        self.driver.execute_cdp_cmd(touch, {"type": "touchEnd", "touchPoints": []})

    def wait_for(self, words: str, timeout: float = 30.0) -> bool:
        """Whether ``words`` reach the seat's screen within ``timeout`` seconds."""
        return wait(lambda: words in squeeze(self.text()), timeout)

    def shot(self, path: str) -> None:
        self.driver.save_screenshot(path)

    def quit(self) -> None:
        self.driver.quit()


def squeeze(text: str) -> str:
    """Text with its runs of spaces made one: a card's words wrap and are padded."""
    return re.sub(r"\s+", " ", text)


def wait(check: Callable[[], Any], timeout: float) -> bool:
    """Poll ``check`` until it is true or the time is up (a handshake, not a timed assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return bool(check())
