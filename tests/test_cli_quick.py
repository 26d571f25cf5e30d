"""`deal` and `history` read without argparse: the same answers as argparse, or none at all."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeness_cards.cli import commands, parser, quick, records
from support import REPO

WORDS = [
    # deal's options and values, spelled as argparse reads them
    "--stage", "dating", "friends", "family-kids", "--players", "Ana", "Ben", "Zoë", "",
    "--shape", "quick", "three-sets", "open", "--depth", "rise", "gentle", "1", "3",
    "--seed", "0", "7", "007", "9223372036854775807", "9223372036854775808", "--passes",
    "2", "99", "--deck", "mine.yaml", "./decks", "--mature", "--touch", "--wildcards",
    "--no-wildcards", "--everyone", "--no-history", "--json",
    # what only argparse may read: help, abbreviations, "=", negative numbers, odd words
    "-h", "--help", "--", "-", "--version", "--st", "--js", "--no-w", "--stage=dating",
    "--seed=1", "-1", "-9223372036854775808", "-5x", "- x", "+7", "1_0", " 7", "٣",
    "--players=Ana", "--bogus", "-x", "deal", "history", "play", "host", "decks", "Dating",
]  # fmt: skip


def argparse_reading(typed: list[str]) -> dict[str, object] | None:
    """What argparse makes of ``typed`` (as the command line runs it), or None if it exits."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return vars(parser.parse(typed))
        except SystemExit:
            return None


def quick_reading(typed: list[str]) -> dict[str, object] | None:
    args = quick.parse(typed)
    return None if args is None else vars(args)


VALUES = {
    "--stage": ["dating", "friends", "later-life", "family-kids", "Dating", "pals", ""],
    "--shape": ["quick", "standard", "three-sets", "open", "Quick"],
    "--depth": ["rise", "gentle", "1", "2", "3", "4"],
    "--seed": ["0", "1", "007", "9223372036854775807", "9223372036854775808", "+1", "1_0"],
    "--passes": ["0", "2", "10", "11", "٣", " 7"],
    "--deck": ["mine.yaml", "./decks/", "", "a b", "~/d"],
}
JUNK = st.one_of(st.sampled_from(WORDS), st.text(max_size=4))
switch = st.sampled_from(list(quick.SWITCHES)).map(lambda word: [word])
valued = st.sampled_from(sorted(VALUES)).flatmap(
    lambda option: st.sampled_from(VALUES[option]).map(lambda value: [option, value])
)
players = st.lists(st.sampled_from(["Ana", "Ben", "Cy", "", "x y"]), min_size=1, max_size=4)
named = players.map(lambda names: ["--players", *names])
odd = st.lists(JUNK, min_size=1, max_size=2)  # a word too many, too few, or unknown
clean_deal = st.lists(st.one_of(switch, valued, named), max_size=6)
odd_deal = st.lists(st.one_of(switch, valued, named, odd), max_size=6)
any_lines = st.tuples(
    st.sampled_from(["deal", "history", "history", "play", "--json", ""]),
    st.lists(JUNK, max_size=6),
).map(lambda parts: [parts[0], *parts[1]])
command_lines = st.one_of(
    st.one_of(clean_deal, odd_deal).map(
        lambda chunks: ["deal", *(word for chunk in chunks for word in chunk)]
    ),
    any_lines,
)


@settings(max_examples=400, deadline=None)
@given(command_lines)
def test_what_is_read_without_argparse_is_what_argparse_reads(typed: list[str]) -> None:
    fast = quick_reading(typed)
    if fast is not None:
        assert argparse_reading(typed) == fast


@pytest.mark.parametrize(
    "typed",
    [
        ["history"],
        ["history", "--json"],
        ["deal", "--stage", "dating", "--json"],
        ["deal", "--stage", "dating", "--players", "Ana", "Ben", "--seed", "1", "--json"],
        ["deal", "--players", "Ana", "Ben", "Cy", "--stage", "friends", "--shape", "open"],
        ["deal", "--stage", "early", "--depth", "2", "--passes", "0", "--no-wildcards"],
        ["deal", "--stage", "dating", "--mature", "--touch", "--everyone", "--no-history"],
        ["deal", "--stage", "family", "--deck", "a.yaml", "--deck", "b", "--seed", "007"],
        ["deal", "--stage", "dating", "--stage", "friends", "--wildcards", "--json", "--json"],
        ["deal"],
    ],
)
def test_the_plain_spellings_skip_argparse_and_agree_with_it(typed: list[str]) -> None:
    fast = quick_reading(typed)
    assert fast is not None
    assert fast == argparse_reading(typed)


@pytest.mark.parametrize(
    "typed",
    [
        [],
        ["history", "--help"],
        ["history", "--js"],
        ["history", "--json", "extra"],
        ["favourites", "--json"],
        ["deal", "--stage=dating"],
        ["deal", "--stage", "Dating"],
        ["deal", "--seed", "-1"],
        ["deal", "--seed", "+1"],
        ["deal", "--passes", "100"],
        ["deal", "--players"],
        ["deal", "--players", "Ana", "-5"],
        ["deal", "--stage", "dating", "extra"],
        ["deal", "--", "--stage", "dating"],
        ["--json", "deal"],
    ],
)
def test_anything_else_is_left_to_argparse(typed: list[str]) -> None:
    assert quick.parse(typed) is None


def test_the_commands_are_the_ones_argparse_names() -> None:
    deal = quick.parse(["deal"])
    history = quick.parse(["history"])
    assert deal is not None and deal.func is commands.run_deal
    assert history is not None and history.func is records.run_history


def test_a_deck_is_a_path_as_argparse_makes_it() -> None:
    args = quick.parse(["deal", "--deck", "mine.yaml"])
    assert args is not None and args.deck == [Path("mine.yaml")]


def test_deal_and_an_empty_history_never_import_argparse(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from closeness_cards.cli import main\n"
        "assert main(['history']) == 0 and main(['history', '--json']) == 0\n"
        "assert 'pathlib' not in sys.modules, 'pathlib was imported by history'\n"
        "assert main(['deal', '--stage', 'family', '--seed', '3', '--json']) == 0\n"
        "assert 'argparse' not in sys.modules, 'argparse was imported'\n"
    )
    env = {**os.environ, "CLOSENESS_CARDS_HOME": str(tmp_path), "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
