"""Everything kept as a Markdown page that prints well: favourites, then sessions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, tzinfo
from itertools import groupby

from closeness_cards.table import Favourite, SessionDetail
from closeness_cards.table.records import CheckIn, stage_rank
from closeness_cards.text.formats import format_duration, format_moment, format_players
from closeness_cards.text.labels import depth_label, stage_label, stages_heading


def export_markdown(
    favourites: Sequence[Favourite],
    details: Sequence[SessionDetail],
    exported_at: datetime,
    tz: tzinfo | None = None,
) -> str:
    """Return everything kept as a Markdown page: favourites, then sessions.

    Args:
        favourites: Every favourite, in the order they are listed.
        details: Every session with its plays, check-ins and revisit marks.
        exported_at: The time printed at the top.
        tz: The zone dates are shown in; the local zone by default.
    """
    when = format_moment(exported_at, tz)
    lines = [
        "# Closeness Cards",
        "",
        f"Exported {when}. Only the cards you played are kept here; "
        "what you said to each other was never recorded.",
        "",
        "## Favourites",
        "",
    ]
    lines += _favourites_markdown(favourites) or ["No favourites yet.", ""]
    lines += ["## Sessions", ""]
    if not details:
        lines += ["No sessions yet.", ""]
    for detail in details:
        lines += _session_markdown(detail, tz)
    return "\n".join(lines).rstrip("\n") + "\n"


def _favourites_markdown(favourites: Sequence[Favourite]) -> list[str]:
    lines: list[str] = []
    for _, by_stage in groupby(favourites, key=lambda f: stage_rank(f.stages)):
        group = list(by_stage)
        lines += [f"### {escape_markdown(stages_heading(group[0].stages))}", ""]
        for depth, by_depth in groupby(group, key=lambda f: f.depth):
            lines += [f"#### Depth {depth} · {depth_label(depth)}", ""]
            for favourite in by_depth:
                lines.append(f"- {escape_markdown(favourite.text)}")
                if favourite.follow_up:
                    lines.append(f"  - *Dig deeper:* {escape_markdown(favourite.follow_up)}")
            lines.append("")
    return lines


def _session_markdown(detail: SessionDetail, tz: tzinfo | None) -> list[str]:
    s = detail.summary
    lines = [
        f"### {format_moment(s.started_at, tz)} · {escape_markdown(format_players(s.players))}",
        "",
        f"- **Stage:** {escape_markdown(stage_label(s.stage))}"
        f" · **Shape:** {escape_markdown(s.shape)} · **Depth:** {escape_markdown(s.depth)}",
        f"- **Duration:** {format_duration(s.duration_seconds)} · **Status:** {s.status}",
    ]
    ratings = _checkins_text(detail.checkins)
    if ratings:
        lines.append(f"- **Closeness:** {ratings}")
    lines.append("")
    for number, play in enumerate(detail.plays, start=1):
        lines.append(f"{number}. {escape_markdown(play.text)} — *{play.outcome}*")
    if not detail.plays:
        lines.append("No cards were played.")
    lines.append("")
    if detail.revisits:
        lines += ["To revisit:", ""]
        lines += [f"- {escape_markdown(r.text)}" for r in detail.revisits]
        lines.append("")
    return lines


def _checkins_text(checkins: Sequence[CheckIn]) -> str:
    by_player: dict[str, dict[str, int]] = {}
    for checkin in checkins:
        by_player.setdefault(checkin.player, {})[checkin.moment] = checkin.value
    parts = []
    for player, values in by_player.items():
        before, after = values.get("before"), values.get("after")
        if before is not None and after is not None:
            shown = f"{before} → {after}"
        else:
            shown = f"{before} (before)" if before is not None else f"{after} (after)"
        parts.append(f"{escape_markdown(player)} {shown}")
    return " · ".join(parts)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START_MARK = re.compile(r"^([#+\-=])")
_LINE_START_NUMBER = re.compile(r"^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    """Escape what would turn card text or names into formatting, keeping it one line."""
    flat = " ".join(text.split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    escaped = _LINE_START_MARK.sub(r"\\\1", escaped)
    return _LINE_START_NUMBER.sub(r"\1\\\2", escaped)
