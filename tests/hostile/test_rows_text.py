"""Any text kept in the history is only text where the commands print it.

Names, card texts, stages and follow-ups may hold anything a deck file or a hand-edited
database can: escape sequences, bidirectional controls, line separators, lone
surrogates. The commands print every one of them as one plain line (escaped), JSON reads
back exactly what was kept, and nothing reaches the terminal that it would act on.
"""

from __future__ import annotations

import argparse
import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from closeness_cards.cli import records
from closeness_cards.store.db import open_database
from closeness_cards.store.favourites import add_favourite
from closeness_cards.store.history import record_play, start_session
from closeness_cards.store.paths import database_path
from support.store import T0, UNSAFE

HOSTILE = "\x1b]52;c;ZXZpbA==\x07\x9b31m\u202eevil\u2028\u0085\r\n\t\x00\x7f"
"""An OSC 52 clipboard write, a C1 control sequence, a bidi override, a line separator, the
C1 next line, a carriage return, a newline, a tab, NUL and DEL: one of each thing a
terminal acts on or that breaks a line. (Lone surrogates cannot be written as text; text
whose bytes are not UTF-8 is read back as unreadable, in test_rows_corrupt.py.)"""

PARSER = argparse.ArgumentParser(prog="closeness-cards")
records.register(PARSER.add_subparsers(dest="command", required=True))

COMMANDS = (
    ("history",),
    ("history", "--json"),
    ("favourites",),
    ("favourites", "--json"),
    ("export", "--format", "md"),
    ("export", "--format", "json"),
)


def keep(name: str, text: str) -> None:
    """A session of ``name`` and Ben with one card of ``text``, and ``text`` as a favourite."""
    database_path().unlink(missing_ok=True)
    with open_database() as db:
        sid = start_session(
            db,
            players=[name, "Ben"],
            stage=text,
            shape="quick",
            depth="rise",
            seed=1,
            decks=[text],
            options={},
            plan_json="{}",
            started_at=T0,
        )
        record_play(
            db,
            sid,
            position=0,
            card_id=f"d/{text}",
            deck_id="d",
            text=text,
            depth=1,
            kind="question",
            reader=name,
            answerers=["Ben"],
            outcome="answered",
            played_at=T0,
            next_position=1,
        )
        add_favourite(
            db,
            card_id=f"d/{text}",
            deck_id="d",
            text=text,
            follow_up=text,
            stages=[text],
            depth=1,
            at=T0,
        )


def printed(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> tuple[str, str]:
    args = PARSER.parse_args(argv)
    assert args.func(args) == 0
    out, err = capsys.readouterr()
    # Lines are the program's own; within them nothing a terminal acts on.
    for line in (out + err).splitlines():
        assert UNSAFE.search(line) is None, (argv, line)
    return out, err


def test_hostile_text_is_escaped_everywhere_and_json_keeps_it_exactly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    keep(HOSTILE, HOSTILE)
    for argv in COMMANDS:
        printed(capsys, argv)
    out, _ = printed(capsys, ("export", "--format", "json"))
    session = json.loads(out)["sessions"][0]
    assert session["players"] == [HOSTILE, "Ben"]
    assert session["plays"][0]["text"] == HOSTILE
    out, _ = printed(capsys, ("history",))
    assert len(out.splitlines()) == 2  # the header and one session: no line broken in two


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=st.text(min_size=1, max_size=12), text=st.text(max_size=40))
@example(name="Ana", text="a\x7fb")  # DEL in text that is otherwise ASCII
def test_any_text_prints_as_plain_lines(
    capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    keep(name, text)
    for argv in COMMANDS:
        printed(capsys, argv)
    out, _ = printed(capsys, ("favourites", "--json"))
    assert json.loads(out)["favourites"][0]["text"] == text
