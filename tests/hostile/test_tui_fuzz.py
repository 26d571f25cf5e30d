"""Random keys over every screen: never an exception, and ctrl+q always quits.

Hypothesis draws key sequences from every key the game binds plus the ones people press
anyway (arrows, paging, tab, digits, letters), starting on the setup screen with an empty
and with a full history, and on the table. Derandomized, so CI sees the same sequences.
"""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeness_cards.core.cards import Stage
from closeness_cards.core.game import Options, Shape
from closeness_cards.core.library import Library
from closeness_cards.table import Action, Table
from closeness_cards.table.sqlite import open_ports
from closeness_cards.text.keys import KEYS
from support.table import FakeClock, library_of
from support.tui import make_app

BOUND = [part for key in KEYS for part in key.bind.split(",") if key.id != "quit"]
OTHERS = ["up", "down", "left", "right", "pageup", "pagedown", "home", "end", "tab"]
OTHERS += ["shift+tab", "y", "n", "s", "u", "a", "1", "4", "7", "backspace", "ctrl+n"]
PRESSES = st.lists(st.sampled_from(sorted(set(BOUND + OTHERS))), min_size=5, max_size=30)
OPTIONS = Options(("Ana", "Ben"), Stage.DATING, Shape.STANDARD, seed=5)
FUZZ = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def fill_history(library: Library) -> None:
    """Two sessions, favourites, hidden cards and an unfinished session to resume."""
    for seed, finish in ((1, True), (2, False)):
        table = Table(library, open_ports(), clock=FakeClock())
        table.start(Options(("Ana", "Ben"), Stage.DATING, Shape.QUICK, seed=seed))
        table.act(Action.FAVOURITE)
        table.act(Action.HIDE)
        table.act(Action.REVISIT)
        for _ in range(40 if finish else 2):
            if table.session is None or table.session.finished:
                break
            table.act(Action.DONE)
        table.close()


async def press_all(keys: list[str], *, options: Options | None) -> None:
    app = make_app(library_of(6), options=options)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            if app.return_code is not None:  # a key quit the game (q on the summary)
                break
            await pilot.press(key)
            await pilot.pause()
        if app.return_code is None:
            await pilot.press("ctrl+q")
            await pilot.pause()
    assert app.return_code == 0


@FUZZ
@given(keys=PRESSES)
def test_random_keys_from_setup_with_an_empty_history(keys: list[str]) -> None:
    asyncio.run(press_all(keys, options=None))


@FUZZ
@given(keys=PRESSES)
def test_random_keys_from_setup_with_a_full_history(keys: list[str]) -> None:
    fill_history(library_of(6))
    asyncio.run(press_all(keys, options=None))


@FUZZ
@given(keys=PRESSES)
def test_random_keys_at_the_table(keys: list[str]) -> None:
    asyncio.run(press_all(keys, options=OPTIONS))
