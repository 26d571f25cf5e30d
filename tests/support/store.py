"""Constants and types shared by the store tests (imported by name: bare pytest collects them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

T0 = datetime(2024, 5, 1, 19, 0, tzinfo=timezone.utc)
"""A fixed moment; store tests never read the clock."""

SRC = Path(__file__).resolve().parents[2] / "src"
"""The package source, for subprocesses that import closeness_cards."""

NewSession = Callable[..., int]
"""The ``new_session`` fixture: keyword overrides in, session id out."""

Play = Callable[..., None]
"""The ``play`` fixture: session id, position and keyword overrides."""
