"""The web tests need the [web] extra, and the browser tests Chromium: on CI both must be there."""

from __future__ import annotations

import importlib.util
import os

import pytest

from web.browser import CHROMEDRIVER, CHROMIUM, found


def needs_browser() -> None:
    """Skip where Chromium truly cannot be had; on CI its absence is a failure, not a skip."""
    missing = [
        what
        for what, paths in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER))
        if found(paths) is None
    ]
    if importlib.util.find_spec("selenium") is None:
        missing.append("selenium")
    if not missing:
        return
    reason = f"{', '.join(missing)} not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test: {reason}; .ci/run installs them")
    pytest.skip(reason)


@pytest.fixture
def browser_ready() -> None:
    needs_browser()
