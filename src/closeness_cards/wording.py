"""How the game words what happened, the same in the full-screen game and in plain mode."""

from __future__ import annotations

from closeness_cards.core.cards import Depth
from closeness_cards.core.session import Summary
from closeness_cards.store.export import format_duration


def summary_lines(summary: Summary) -> list[str]:
    """The end-of-session summary as lines of plain text."""
    lines = [
        f"Cards answered: {summary.answered}",
        *(f"  {depth.label}: {summary.answered_by_depth.get(depth, 0)}" for depth in Depth),
    ]
    if summary.wildcards:
        lines.append(f"Wildcards done together: {summary.wildcards}")
    lines.append(f"Passed: {summary.passed}")
    if summary.hidden:
        lines.append(f"Hidden for good: {summary.hidden}")
    lines.append(f"Time together: {format_duration(summary.seconds)}")
    return lines
