"""One script of actions played through plain mode and through the TUI leaves the same record.

Both front ends only draw the table's events and send it actions, so the same keys must
leave identical stored plays, keepsakes and summaries: a rule decided in a front end
would show up here as a difference.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.core.library import Library
from closeness_cards.plain import run_plain
from closeness_cards.table import Table
from closeness_cards.table.sqlite import open_ports, reading_ports
from closeness_cards.text.keys import KEYS
from closeness_cards.tui.screens.play import PlayScreen
from closeness_cards.tui.screens.summary import SummaryScreen
from support.table import FakeClock, library_of
from support.tui import choices_of, make_app

OPTIONS = Options(("Ana", "Ben"), Stage.COMMITTED, Shape.STANDARD, seed=8)
QUIT = "quit and come back"
SCRIPT = (
    "done",
    "deeper",
    "favourite",
    "revisit",
    "pass",
    "done",
    "hide",
    "done",
    "favourite",
    "favourite",
    QUIT,
    "done",
    "pass",
    "done",
    "end",
    "done",
    "done",
)
"""Every action a session can take, a quit in the middle, a resume, and the closing card
(which both players answer)."""

BY_ID = {key.id: key for key in KEYS}


def record() -> dict[str, Any]:
    """Everything kept of the one session: its plays, keepsakes, status and counts."""
    with reading_ports() as ports:
        (summary,) = ports.archive.sessions()
        detail = ports.archive.detail(summary.id)
        assert detail is not None
        return {
            "plays": [
                (p.position, p.card_id, p.reader, p.answerers, p.outcome) for p in detail.plays
            ],
            "status": summary.status,
            "counts": (
                summary.questions,
                summary.wildcards,
                summary.closings,
                summary.passed,
                summary.hidden,
            ),
            "favourites": [f.card_id for f in ports.keepsakes.favourites()],
            "hidden": sorted(ports.keepsakes.hidden_ids()),
            "revisits": sorted(ports.keepsakes.revisit_ids(summary.id)),
        }


def play_plain(library: Library) -> list[str]:
    """The script through plain mode: typed lines, end of input to quit, then resume."""
    first, rest = SCRIPT[: SCRIPT.index(QUIT)], SCRIPT[SCRIPT.index(QUIT) + 1 :]
    outputs = []
    for part, choices in ((first, choices_of(OPTIONS)), (("r", *rest), None)):
        lines = [w if w == "r" else BY_ID[w].plain[0] for w in part]
        table = Table(library, open_ports(), clock=FakeClock())
        out = io.StringIO()
        run_plain(
            table,
            choices=choices,
            stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
            stdout=out,
        )
        table.close()
        outputs.append(out.getvalue())
    return outputs


async def play_tui(library: Library) -> str:
    """The script through the TUI: keys, ctrl+q to quit, then Resume in a new app."""
    first, rest = SCRIPT[: SCRIPT.index(QUIT)], SCRIPT[SCRIPT.index(QUIT) + 1 :]
    app = make_app(library, options=OPTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for word in first:
            await pilot.press(BY_ID[word].bind.split(",")[0])
            await pilot.pause()
        await pilot.press("ctrl+q")
    again = make_app(library)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y")  # "Pick it up at the card where it stopped?"
        await pilot.pause()
        assert isinstance(again.screen, PlayScreen)
        for word in rest:
            await pilot.press(BY_ID[word].bind.split(",")[0])
            await pilot.pause()
            if word == "end":  # the TUI asks before ending: one stray q ends nothing
                await pilot.press("y")
                await pilot.pause()
        assert isinstance(again.screen, SummaryScreen)
        return str(again.screen.query_one("#summary-body", Static).render())


async def test_plain_mode_and_the_tui_leave_the_same_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = library_of(6)
    monkeypatch.setenv("CLOSENESS_CARDS_HOME", str(tmp_path / "plain"))
    outputs = play_plain(library)
    by_plain = record()
    monkeypatch.setenv("CLOSENESS_CARDS_HOME", str(tmp_path / "tui"))
    shown = await play_tui(library)
    by_tui = record()
    assert by_plain == by_tui
    assert by_plain["status"] == "ended-early"
    assert [p[4] for p in by_plain["plays"]].count("passed") == 2
    assert by_plain["counts"][4] == 1  # one hidden card
    assert by_plain["revisits"] and len(by_plain["favourites"]) == 1  # f on, then on and off
    # The same whole-session summary, across the quit and the resume.
    for line in outputs[1].split("Session ended.")[1].strip().splitlines()[:6]:
        assert line.strip() in shown
