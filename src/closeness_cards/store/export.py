"""Everything kept, as one JSON document or a Markdown page that prints well."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import datetime, tzinfo
from itertools import groupby
from typing import Any, TypeVar

from closeness_cards.core.safe_text import for_terminal
from closeness_cards.store.db import Database
from closeness_cards.store.documents import (
    DOCUMENT_VERSION,
    EXPORT_FORMAT,
    FAVOURITES_FORMAT,
    HISTORY_FORMAT,
)
from closeness_cards.store.favourites import (
    Favourite,
    HiddenCard,
    Revisit,
    list_favourites,
    list_hidden,
    list_revisits,
    revisit_from_row,
    stage_rank,
)
from closeness_cards.store.history_stream import history_json_chunks as history_json_chunks
from closeness_cards.store.records import (
    CHECKIN_SELECT,
    PLAY_SELECT,
    CheckIn,
    PlayRecord,
    SessionDetail,
    SessionSummary,
    checkin_from_row,
    checkin_key,
    play_from_row,
)
from closeness_cards.store.rows import BadRow, Unreadable, tolerant
from closeness_cards.store.sessions import list_sessions
from closeness_cards.store.timestamps import now_utc
from closeness_cards.text.formats import (
    escape_markdown,
    format_duration,
    format_moment,
    format_players,
)
from closeness_cards.text.labels import depth_label, stage_label, stages_heading

T = TypeVar("T")

JSONDocument = dict[str, Any]
"""A JSON object as ``json.dumps`` takes it; datetimes are already ISO-8601 strings."""


def history_json(db: Database, limit: int | None = None) -> JSONDocument:
    """Return the document printed by ``closeness-cards history --json``.

    Shape: ``{"format", "version", "sessions": [summary, ...]}``, newest session first.
    """
    return {
        "format": HISTORY_FORMAT,
        "version": DOCUMENT_VERSION,
        "sessions": [summary_json(s) for s in list_sessions(db, limit=limit)],
    }


def favourites_json(db: Database) -> JSONDocument:
    """Return the document printed by ``closeness-cards favourites --json``.

    Shape: ``{"format", "version", "favourites": [favourite, ...]}`` in stage, depth and
    date order.
    """
    return {
        "format": FAVOURITES_FORMAT,
        "version": DOCUMENT_VERSION,
        "favourites": [favourite_json(f) for f in list_favourites(db)],
    }


def export_data(db: Database, exported_at: datetime | None = None) -> JSONDocument:
    """Return everything kept as one JSON-able document.

    Shape: ``{"format", "version", "exported_at", "favourites", "hidden", "revisits",
    "sessions"}``; each session is its summary plus ``plays``, ``checkins`` and
    ``revisits``. ``revisits`` at the top holds marks made outside any session.
    """
    with db.reading():
        favourites = list_favourites(db)
        hidden = list_hidden(db)
        loose_revisits = [r for r in list_revisits(db) if r.session_id is None]
        details = all_session_details(db)
    return {
        "format": EXPORT_FORMAT,
        "version": DOCUMENT_VERSION,
        "exported_at": (exported_at or now_utc()).isoformat(),
        "favourites": [favourite_json(f) for f in favourites],
        "hidden": [hidden_json(h) for h in hidden],
        "revisits": [revisit_json(r) for r in loose_revisits],
        "sessions": [
            {
                **summary_json(d.summary),
                "plays": [play_json(p) for p in d.plays],
                "checkins": [checkin_json(c) for c in d.checkins],
                "revisits": [revisit_json(r) for r in d.revisits],
            }
            for d in details
        ],
    }


@tolerant
def all_session_details(db: Database) -> list[SessionDetail]:
    """Return every session in full, newest first, with one query per table.

    Rows that cannot be read are left out and counted on ``db.unreadable``; so are plays,
    check-ins and marks whose session is not in the history at all (they could never be
    shown). Those of a session that itself cannot be read go with it, unsaid.
    """
    unreadable = db.unreadable
    with db.reading() as conn:
        summaries = list_sessions(db)
        every_id = {row[0] for row in conn.execute("SELECT id FROM sessions")}
        plays = _by_session(
            conn.execute(f"{PLAY_SELECT} ORDER BY session_id, position, id"),
            play_from_row,
            every_id,
            lambda row: ("play", row["id"]),
            unreadable,
        )
        checkins = _by_session(
            conn.execute(f"{CHECKIN_SELECT} ORDER BY session_id, moment = 'after', at, player"),
            checkin_from_row,
            every_id,
            lambda row: ("checkin", checkin_key(row)),
            unreadable,
        )
        revisits = _by_session(
            conn.execute(
                "SELECT id, session_id, card_id, text, marked_at FROM revisits "
                "WHERE session_id IS NOT NULL ORDER BY session_id, marked_at, id"
            ),
            revisit_from_row,
            every_id,
            lambda row: ("revisit", row["id"]),
            unreadable,
        )
    return [
        SessionDetail(
            summary=s,
            plays=tuple(plays.get(s.id, ())),
            checkins=tuple(checkins.get(s.id, ())),
            revisits=tuple(revisits.get(s.id, ())),
        )
        for s in summaries
    ]


def _by_session(
    found: Iterable[sqlite3.Row],
    build: Callable[[sqlite3.Row], T],
    every_id: set[int],
    name: Callable[[sqlite3.Row], tuple[str, Hashable]],
    unreadable: Unreadable,
) -> dict[int, list[T]]:
    """Group records by their session's id; count the rows that cannot be read."""
    grouped: dict[int, list[T]] = {}
    for row in found:
        session_id = row["session_id"]
        try:
            if type(session_id) is not int or session_id not in every_id:
                raise BadRow("belongs to no session")
            grouped.setdefault(session_id, []).append(build(row))
        except BadRow:
            unreadable.add(*name(row))
    return grouped


def summary_json(summary: SessionSummary) -> JSONDocument:
    """Return a session summary as a JSON object."""
    return {
        "id": summary.id,
        "started_at": summary.started_at.isoformat(),
        "ended_at": None if summary.ended_at is None else summary.ended_at.isoformat(),
        "status": summary.status,
        "stage": summary.stage,
        "shape": summary.shape,
        "depth": summary.depth,
        "seed": summary.seed,
        "players": list(summary.players),
        "decks": list(summary.decks),
        "answered": summary.answered,
        "questions": summary.questions,
        "wildcards": summary.wildcards,
        "closings": summary.closings,
        "passed": summary.passed,
        "hidden": summary.hidden,
        "duration_seconds": summary.duration_seconds,
    }


def play_json(play: PlayRecord) -> JSONDocument:
    """Return a played card as a JSON object (keys as in ``deal --json`` steps)."""
    return {
        "position": play.position,
        "card": play.card_id,
        "deck": play.deck_id,
        "text": play.text,
        "depth": play.depth,
        "kind": play.kind,
        "reader": play.reader,
        "answerers": list(play.answerers),
        "outcome": play.outcome,
        "played_at": play.played_at.isoformat(),
    }


def checkin_json(checkin: CheckIn) -> JSONDocument:
    """Return a check-in as a JSON object."""
    return {"player": checkin.player, "moment": checkin.moment, "value": checkin.value}


def favourite_json(favourite: Favourite) -> JSONDocument:
    """Return a favourite as a JSON object.

    ``player`` (who kept it at a seat of a shared table) is there only when someone did: a
    favourite kept anywhere else is written as before seats, so older versions still read it.
    """
    document: JSONDocument = {
        "card": favourite.card_id,
        "deck": favourite.deck_id,
        "text": favourite.text,
        "follow_up": favourite.follow_up,
        "stages": list(favourite.stages),
        "depth": favourite.depth,
        "added_at": favourite.added_at.isoformat(),
    }
    if favourite.player is not None:
        document["player"] = favourite.player
    return document


def hidden_json(card: HiddenCard) -> JSONDocument:
    """Return a hidden card as a JSON object."""
    return {
        "card": card.card_id,
        "deck": card.deck_id,
        "text": card.text,
        "hidden_at": card.hidden_at.isoformat(),
    }


def revisit_json(revisit: Revisit) -> JSONDocument:
    """Return a revisit mark as a JSON object."""
    return {
        "session_id": revisit.session_id,
        "card": revisit.card_id,
        "text": revisit.text,
        "marked_at": revisit.marked_at.isoformat(),
    }


def export_markdown(
    db: Database, exported_at: datetime | None = None, tz: tzinfo | None = None
) -> str:
    """Return everything kept as a Markdown page: favourites, then sessions.

    Args:
        db: The database.
        exported_at: The time printed at the top; now by default.
        tz: The zone dates are shown in; the local zone by default.
    """
    with db.reading():
        favourites = list_favourites(db)
        details = all_session_details(db)
    when = format_moment(exported_at or now_utc(), tz)
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
        lines += [f"### {_md(stages_heading(group[0].stages))}", ""]
        for depth, by_depth in groupby(group, key=lambda f: f.depth):
            lines += [f"#### Depth {depth} · {depth_label(depth)}", ""]
            for favourite in by_depth:
                whose = "" if favourite.player is None else f" *({_md(favourite.player)}'s)*"
                lines.append(f"- {_md(favourite.text)}{whose}")
                if favourite.follow_up:
                    lines.append(f"  - *Dig deeper:* {_md(favourite.follow_up)}")
            lines.append("")
    return lines


def _session_markdown(detail: SessionDetail, tz: tzinfo | None) -> list[str]:
    s = detail.summary
    lines = [
        f"### {format_moment(s.started_at, tz)} · {_md(format_players(s.players))}",
        "",
        f"- **Stage:** {_md(stage_label(s.stage))}"
        f" · **Shape:** {_md(s.shape)} · **Depth:** {_md(s.depth)}",
        f"- **Duration:** {format_duration(s.duration_seconds)} · **Status:** {s.status}",
    ]
    ratings = _checkins_text(detail.checkins)
    if ratings:
        lines.append(f"- **Closeness:** {ratings}")
    lines.append("")
    for number, play in enumerate(detail.plays, start=1):
        lines.append(f"{number}. {_md(play.text)} — *{play.outcome}*")
    if not detail.plays:
        lines.append("No cards were played.")
    lines.append("")
    if detail.revisits:
        lines += ["To revisit:", ""]
        lines += [f"- {_md(r.text)}" for r in detail.revisits]
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
        parts.append(f"{_md(player)} {shown}")
    return " · ".join(parts)


def _md(text: str) -> str:
    """Untrusted text as one line of Markdown that is also safe to print to a terminal.

    The page goes to standard output without ``-o``, so controls are escaped after the
    Markdown escaping has flattened line breaks and tabs into spaces.
    """
    return for_terminal(escape_markdown(text))
