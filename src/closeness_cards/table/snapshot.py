"""A shared table's state as every seat reads it: the deal, the card, the turn, the phase."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from closeness_cards.core.game import Deal
from closeness_cards.core.summary import Left
from closeness_cards.store.timestamps import from_text, to_text
from closeness_cards.table.events import Phase

STATE_VERSION = 1


@dataclass(frozen=True)
class State:
    """What the sessions row does not hold of a shared table (kept as ``state_json``)."""

    phase: Phase
    turn: int = 0
    """Whose turn it is on the card: an index into its answerers."""
    deeper: bool = False
    ended_early: bool = False
    asked_before: bool = False
    checked: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Who has answered the check-in, ``before`` and ``after`` (a value or a skip)."""
    seconds_open: float = 0.0
    counted_at: datetime | None = None
    """When time together was last counted."""
    news: Mapping[str, object] = field(default_factory=dict)
    """What the last change did that the card does not show: ``{"passed": "Ben", "left": 2}``,
    ``{"hidden": true}`` or ``{"set": 2, "sets": 3}``; every seat says it once."""

    def to_json(self) -> str:
        """The state as the shared table's row keeps it."""
        return json.dumps(
            {
                "version": STATE_VERSION,
                "phase": self.phase.value,
                "turn": self.turn,
                "deeper": self.deeper,
                "ended_early": self.ended_early,
                "asked_before": self.asked_before,
                "checked": {k: list(v) for k, v in self.checked.items()},
                "seconds_open": self.seconds_open,
                "counted_at": None if self.counted_at is None else to_text(self.counted_at),
                "news": dict(self.news),
            },
            separators=(",", ":"),
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> State:
        """The state back from its row; raises ValueError when it cannot be read."""
        try:
            document = json.loads(text)
            if document.get("version") != STATE_VERSION:
                raise ValueError("a state kept by another version")
            checked = {
                str(k): tuple(str(name) for name in v) for k, v in document["checked"].items()
            }
            counted = document["counted_at"]
            news = document["news"]
            return cls(
                phase=Phase(document["phase"]),
                turn=max(0, int(document["turn"])),
                deeper=bool(document["deeper"]),
                ended_early=bool(document["ended_early"]),
                asked_before=bool(document["asked_before"]),
                checked=checked,
                seconds_open=max(0.0, float(document["seconds_open"])),
                counted_at=None if counted is None else from_text(str(counted)),
                news=dict(news) if isinstance(news, dict) else {},
            )
        except (KeyError, TypeError, AttributeError, OverflowError, RecursionError) as error:
            raise ValueError(f"the shared table cannot be read: {error}") from None


@dataclass(frozen=True)
class Snapshot:
    """Everything a seat needs to put a shared table on its own: ``Table.follow`` reads it."""

    session_id: int
    version: int
    deal: Deal
    passes: Mapping[str, int]
    position: int
    turn: int
    phase: Phase
    deeper: bool
    ended_early: bool
    asked_before: bool
    seconds_open: float
    counted_at: datetime
    earlier: list[Left]
    """Every card that left the table so far (read when the session is over)."""
