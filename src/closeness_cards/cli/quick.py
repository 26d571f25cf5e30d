"""`deal` and `history` as scripts type them, read without argparse.

argparse costs a command about as much again as the work: with it come gettext, locale and
shutil (its help formatter asks for the terminal's size as each option is added). These two
commands are the ones scripts run over and over, so their plain spellings are read here:
whole option names, each value a word of its own that does not start with "-". The answer
is the namespace argparse would make. Anything else (help, an abbreviation, ``--seed=1``,
a negative number, a value argparse refuses, a word too many) is not read here at all:
``parse`` returns None and argparse reads it, with its own messages.
``tests/test_cli_quick.py`` holds the two readers to the same answers.
"""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace
else:  # what a command reads from argparse's namespace: attributes, nothing more
    from types import SimpleNamespace as Namespace

SEED_LOW, SEED_HIGH = -(2**63), 2**63 - 1
"""The seeds a history can keep: SQLite's INTEGER is a signed 64-bit number."""

SWITCHES = {
    "--mature": ("mature", True),
    "--touch": ("touch", True),
    "--wildcards": ("wildcards", True),
    "--no-wildcards": ("wildcards", False),
    "--everyone": ("everyone", True),
    "--no-history": ("no_history", True),
    "--json": ("json", True),
}
"""`deal`'s options without a value: the attribute each sets, and to what."""


def read_whole_number(text: str, low: int, high: int) -> int | None:
    """A whole number from ``low`` to ``high`` in the digits 0 to 9, or None.

    ``int`` would also take " 7", "+7", "1_000" and "٣", and refuses more than 4,300
    digits with an error of its own; none of those reach it.
    """
    digits = text[1:] if text.startswith("-") else text
    significant = digits.lstrip("0")
    widest = len(str(max(-low, high)))
    if digits.isascii() and digits.isdigit() and len(significant) <= widest:
        value = int(text)
        if low <= value <= high:
            return value
    return None


def parse(typed: Sequence[str]) -> Namespace | None:
    """The namespace argparse would make of ``typed``, or None: let argparse read it."""
    if not typed:
        return None
    if typed[0] == "history":
        if any(word != "--json" for word in typed[1:]):
            return None
        from closeness_cards.cli.records import run_history

        return Namespace(command="history", json=len(typed) > 1, func=run_history)
    if typed[0] == "deal":
        return _deal(typed[1:])
    return None


def _deal(words: Sequence[str]) -> Namespace | None:
    """`deal`'s options (as ``parser._session_options`` and ``--json`` define them)."""
    from closeness_cards.cli import commands
    from closeness_cards.core.cards import Stage
    from closeness_cards.core.game import DEFAULT_PASSES, DepthPlan, Shape
    from closeness_cards.table.setup import PASSES_MAX, PASSES_MIN

    chosen: dict[str, object] = {
        "stage": None,
        "players": None,
        "shape": "quick",
        "depth": "rise",
        "deck": [],
        "seed": None,
        "mature": False,
        "touch": False,
        "wildcards": True,
        "everyone": False,
        "passes": DEFAULT_PASSES,
        "no_history": False,
        "json": False,
    }
    choices = {
        "--stage": {stage.value for stage in Stage},
        "--shape": {shape.value for shape in Shape},
        "--depth": {depth.value for depth in DepthPlan},
    }
    decks: list[str] = []
    at = 0
    while at < len(words):
        option = words[at]
        at += 1
        if option in SWITCHES:
            name, value = SWITCHES[option]
            chosen[name] = value
            continue
        values: list[str] = []
        # Words that do not start with "-" are values to argparse (here "" too); `--players`
        # takes all that follow, every other option one.
        while at < len(words) and not words[at].startswith("-"):
            values.append(words[at])
            at += 1
            if option != "--players":
                break
        if not values:
            return None  # an option argparse knows otherwise, or not at all
        if option == "--players":
            chosen["players"] = values
        elif option in choices:
            if values[0] not in choices[option]:
                return None
            chosen[option[2:]] = values[0]
        elif option == "--deck":
            decks.append(values[0])
        elif option in ("--seed", "--passes"):
            low, high = (SEED_LOW, SEED_HIGH) if option == "--seed" else (PASSES_MIN, PASSES_MAX)
            number = read_whole_number(values[0], low, high)
            if number is None:
                return None
            chosen[option[2:]] = number
        else:
            return None
    if decks:  # as argparse's type=Path makes them (pathlib only when a deck is named)
        from pathlib import Path

        chosen["deck"] = [Path(deck) for deck in decks]
    return Namespace(command="deal", func=commands.run_deal, **chosen)
