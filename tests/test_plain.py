"""Plain mode, driven line by line through in-memory stdin and stdout with a frozen clock."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from closeness_cards.core.cards import Deck, Kind, Stage
from closeness_cards.core.game import DepthPlan, Options, Shape, plan_deal
from closeness_cards.core.library import Library, load_library
from closeness_cards.plain import HELP, KEYS, UNKNOWN_KEY, run_plain
from closeness_cards.table import Choices, SessionSummary, Table, Unfinished
from closeness_cards.table.memory import memory_ports
from closeness_cards.table.records import database_path
from closeness_cards.table.sqlite import open_ports, reading_ports
from support import REPO, make_cards
from support.tui import choices_of

START = datetime(2026, 2, 14, 19, 30, tzinfo=timezone.utc)


class Clock:
    """A clock that moves one minute each time it is read."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def code_library(stages: frozenset[Stage] | None = None, per_depth: int = 10) -> Library:
    cards = make_cards(per_depth) if stages is None else make_cards(per_depth, stages=stages)
    return Library((Deck("test", "Test deck", tuple(cards)),))


def options(**changes: object) -> Options:
    base: dict[str, object] = {
        "players": ("Ana", "Ben"),
        "stage": Stage.DATING,
        "seed": 5,
        "wildcards": False,
    }
    return Options(**{**base, **changes})  # type: ignore[arg-type]


def run(
    lines: list[str],
    library: Library,
    *,
    given: Options | None = None,
    history: bool = True,
    defaults: Choices | None = None,
) -> tuple[int, str]:
    """Run plain mode on these input lines (then end of input); the exit code and output."""
    table = Table(library, open_ports(history=history), clock=Clock())
    out = io.StringIO()
    try:
        code = run_plain(
            table,
            choices=None if given is None else choices_of(given),
            stdin=io.StringIO("".join(line + "\n" for line in lines)),
            stdout=out,
            defaults=defaults,
        )
    finally:
        table.close()
    return code, out.getvalue()


def sessions() -> list[SessionSummary]:
    with reading_ports() as ports:
        return ports.archive.sessions()


def unfinished() -> Unfinished | None:
    with reading_ports() as ports:
        return ports.log.unfinished()


def enters_to_finish(opts: Options, library: Library) -> list[str]:
    """One Enter per answerer of every step (one for a card done together), of the deal the
    table makes (its shares kept, optional decks off)."""
    steps = Table(library, memory_ports(notice=None)).deal(opts).steps
    return [""] * sum(1 if s.together else len(s.answerers) for s in steps)


def in_order(text: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def test_a_whole_quick_session_with_builtin_decks() -> None:
    library = load_library()
    opts = options(stage=Stage.LONG_TERM, wildcards=True, seed=11)
    steps = Table(library, memory_ports(notice=None)).deal(opts).steps  # optional decks off
    code, out = run(enters_to_finish(opts, library), library, given=opts)
    assert code == 0
    assert in_order(out, [f"\n{step.card.text}\n" for step in steps])
    assert in_order(out, ["Card 1 of 6, warm-up", "Ana reads to Ben.", "Closing card"])
    assert in_order(out, ["Closing card", "answers first.", "Now ", "Thank you for playing."])
    first = steps[0]
    assert first.tip is not None  # the built-in decks have listening tips
    assert f"While Ben answers, Ana: {first.tip.text}" in out
    together = any(s.card.kind is Kind.ACTION for s in steps)
    assert together == ("Everyone does this together." in out)
    questions = sum(1 for s in steps if s.card.kind is Kind.QUESTION)
    assert f"Questions answered: {questions}" in out and "Time together: " in out
    for forbidden in ("\x1b", "╭", "│", "♥"):
        assert forbidden not in out
    assert sessions()[0].status == "finished"
    assert unfinished() is None


def test_setup_questions_re_ask_after_bad_answers() -> None:
    library = code_library(stages=frozenset({Stage.DATING, Stage.EARLY}))
    answers = ["Ana", "Ana, Ben", "dreaming", "friends", "", "3", "", "early days", "", ""]
    check_in = ["", ""]  # each player skips the check-in
    code, out = run([*answers, *check_in, "q", "q", *check_in], library, defaults=Choices(seed=3))
    assert code == 0
    assert "Player names, separated by commas [Player 1, Player 2]: " in out
    assert "Sorry, a session needs 2 to 8 players, not 1. Please try again." in out
    assert "Please answer with a number from 1 to 9 or a name above." in out
    assert "Can't deal: no question cards fit the stage 'friends'" in out
    # Asked again, the players' last answers are the new defaults.
    assert "[Ana, Ben]: " in out and "Depth, by number or name [3]: " in out
    assert "Session ended." in out
    assert "Closeness check-in, now, before you start." in out
    item = sessions()[0]
    assert (item.players, item.stage, item.shape, item.depth) == (
        ("Ana", "Ben"),
        "early",
        "quick",
        "1",
    )
    assert item.seed == 3 and item.status == "ended-early"


def test_every_action_on_the_table() -> None:
    library = code_library()
    opts = options(passes=1)
    deal = plan_deal(library.cards, opts)
    first = deal.steps[0].card
    passed_in, hidden_in = deal.reserve[0], deal.reserve[1]  # both warm-ups, freshest first
    assert passed_in.depth is first.depth and hidden_in.depth is first.depth
    lines = ["d", "f", "r", "zz", "?", "p", "p", "x", "q", "p", "x", "q"]
    code, out = run(lines, library, given=opts)
    assert code == 0
    assert f"Dig deeper: {first.follow_up}" in out
    assert in_order(
        out,
        [
            "Kept among your favourites.",
            "Marked to revisit later.",
            UNKNOWN_KEY,
            HELP[0],
            "Ben passed. 0 passes left for Ben.",
            passed_in.text,
            "Ben has no passes left this session.",
            "Hidden: this card will not be dealt again.",
            hidden_in.text,
            "Closing card",
            "The closing card is for everyone: it cannot be passed or hidden.",
            "The closing card is for everyone: it cannot be passed or hidden.",
            "Session ended.",
            "Passed: 1",
            "Hidden for good: 1",
            f"To revisit later: {first.text}",
        ],
    )
    with reading_ports() as ports:
        assert [f.card_id for f in ports.keepsakes.favourites()] == [first.global_id]
        assert ports.keepsakes.hidden_ids() == {passed_in.global_id}
    assert sessions()[0].status == "ended-early"


def test_end_of_input_mid_session_leaves_it_resumable() -> None:
    code, out = run(["", ""], code_library(), given=options())
    assert code == 0
    assert out.rstrip().endswith("Nothing is lost: start the game again to pick up at this card.")
    left = unfinished()
    assert left is not None and left.position == 2


def test_resume_is_offered_and_picks_up_at_the_same_card() -> None:
    library = code_library()
    opts = options()
    steps = plan_deal(library.cards, opts).steps
    run(["", ""], library, given=opts)
    rest = [""] * (sum(len(s.answerers) for s in steps[2:]))
    code, out = run(["maybe", "r", *rest], library)
    assert code == 0
    assert "The last session (Ana and Ben, Dating) did not finish." in out
    assert "Please type r to resume it or c to close it." in out
    assert in_order(out, ["Picking up", "Card 3 of 6, open up", steps[2].card.text])
    assert steps[0].card.text not in out and "Player names" not in out
    assert "Thank you for playing." in out
    assert unfinished() is None
    assert sessions()[0].status == "finished"


def test_closing_the_interrupted_session_goes_to_setup() -> None:
    library = code_library()
    run([""], library, given=options())
    code, out = run(["c"], library)
    assert code == 0
    assert in_order(out, ["Closed.", "Player names", "Stopped."])
    assert unfinished() is None
    assert sessions()[0].status == "abandoned"


def test_three_sets_pause_between_sets() -> None:
    library = code_library(per_depth=15)
    opts = options(shape=Shape.THREE_SETS, depth=DepthPlan.RISE)
    steps = plan_deal(library.cards, opts).steps
    code, out = run([""] * 13, library, given=opts)
    assert code == 0
    assert in_order(
        out,
        [
            "Card 12 of 36, set 1 of 3",
            steps[11].card.text,
            "Pause. Set 2 of 3 is next.",
            "Press Enter to go on: ",
            "Card 13 of 36, set 2 of 3, open up",
            steps[12].card.text,
        ],
    )


def test_no_history_writes_nothing(private_home: Path) -> None:
    library = code_library()
    opts = options()
    code, out = run(enters_to_finish(opts, library), library, given=opts, history=False)
    assert code == 0
    assert "Private session: nothing is saved." in out and "Thank you for playing." in out
    assert not database_path().exists()
    assert list(private_home.rglob("*")) == []


def test_plain_mode_never_imports_textual() -> None:
    script = (
        "import io, sys\n"
        "from closeness_cards.core.cards import Stage\n"
        "from closeness_cards.core.game import Options\n"
        "from closeness_cards.core.library import load_library\n"
        "from closeness_cards.plain import run_plain\n"
        "from closeness_cards.table import Choices, Table\n"
        "from closeness_cards.table.sqlite import open_ports\n"
        "choices = Choices(('Ana', 'Ben'), Stage.FAMILY, seed=1, check_in=False)\n"
        "out = io.StringIO()\n"
        "table = Table(load_library(), open_ports())\n"
        "code = run_plain(table, choices=choices,\n"
        "                 stdin=io.StringIO('\\nd\\nq\\nq\\n'), stdout=out)\n"
        "assert code == 0 and 'Session ended.' in out.getvalue(), out.getvalue()\n"
        "print('textual' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_question_mark_is_help_at_every_prompt() -> None:
    library = code_library()
    lines = ["?", "Ana, Ben", "?", "", "?", "", "?", "", "?", "", "", "?", "q", "q", "", ""]
    code, out = run(lines, library, defaults=Choices(seed=3))
    assert code == 0
    assert "Sorry" not in out and "Please answer with a number" not in out
    assert out.count("Press Enter alone to keep") == 4  # names, stage, shape, depth
    assert "Picture two circles" in out
    assert "How to play:" in out
    assert "Session ended." in out


def test_the_key_line_is_read_once_then_a_short_reminder() -> None:
    code, out = run(["", "", "q", "q"], code_library(), given=options())
    assert code == 0
    assert out.count(KEYS) == 1
    assert out.count("Enter, or a letter (? for the keys) > ") >= 3


def test_setup_begins_with_the_opening_then_the_check_in() -> None:
    code, out = run(["Ana, Ben", "", "", "", "", "", "q", "q"], code_library(), defaults=Choices())
    assert code == 0
    assert in_order(out, ["Put your phones away", "Closeness check-in", "Card 1 of 6"])


def test_t_starts_and_stops_a_timer_in_plain_mode() -> None:
    code, out = run(["t", "t", "q", "q"], code_library(), given=options())
    assert code == 0
    assert in_order(out, ["Timer started.", "Timer stopped at "])


def test_a_couples_stage_for_more_than_two_gets_a_word_not_a_refusal() -> None:
    library = code_library(stages=frozenset({Stage.DATING, Stage.FRIENDS}))
    answers = ["Ana, Ben, Cai", "dating", "", ""]
    code, out = run([*answers, "", "", "", "q", "q"], library, defaults=Choices(seed=3))
    assert code == 0
    assert "Dating cards are written for a couple; with 3 of you" in out
    assert sessions()[0].players == ("Ana", "Ben", "Cai")  # dealt all the same
    code, out = run(["Ana, Ben, Cai", "friends", "", "", "", "", "", "q", "q"], library)
    assert "written for a couple" not in out


def test_a_resumed_session_whose_check_in_was_skipped_still_asks_at_the_end() -> None:
    library = code_library()
    table = Table(library, open_ports(), clock=Clock())
    try:
        run_plain(
            table,
            choices=choices_of(options()).replace(check_in=True),
            stdin=io.StringIO("\n\n\n"),  # both skip the check-in; one answer; end of input
            stdout=io.StringIO(),
        )
    finally:
        table.close()
    assert unfinished() is not None
    code, out = run(["r", "q", "q", "4", ""], library)  # resume; end; the closing card
    assert code == 0
    assert in_order(out, ["Picking up", "Ana, how close do you feel", "Session ended."])
