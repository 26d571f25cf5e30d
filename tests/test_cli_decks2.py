"""Decks 2.0 on the command line: touch, the family-kids stage, optional decks and their notes."""

from __future__ import annotations

import json

import pytest

from closeness_cards.cli import main


@pytest.mark.parametrize("touch", [False, True])
def test_touch_is_a_flag_of_deal_and_play(touch: bool, capsys: pytest.CaptureFixture[str]) -> None:
    flags = ["--touch"] if touch else []
    code = main(["deal", "--json", "--stage", "long-term", "--shape", "three-sets", *flags])
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    assert document["touch"] is touch


def test_touch_wildcards_come_only_with_touch(capsys: pytest.CaptureFixture[str]) -> None:
    touching = set()
    for touch in ([], ["--touch"]):
        for seed in range(25):
            args = ["deal", "--json", "--stage", "long-term", "--shape", "three-sets"]
            assert main([*args, "--seed", str(seed), *touch]) == 0
            steps = json.loads(capsys.readouterr().out)["steps"]
            touching |= {(bool(touch), s["card"]) for s in steps if s["kind"] == "action"}
    touch_cards = {"wildcards/wc-1-32", "wildcards/wc-1-33", "wildcards/wc-1-36"}
    assert not {card for on, card in touching if not on} & touch_cards
    assert {card for on, card in touching if on} & touch_cards


def test_a_family_with_kids_has_a_stage_of_its_own(capsys: pytest.CaptureFixture[str]) -> None:
    players = ["--players", "Sam", "Jo", "Kit"]
    assert main(["deal", "--json", "--stage", "family-kids", *players, "--seed", "4"]) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    assert {step["deck"] for step in steps} <= {"family-kids", "wildcards", "knowing-yourself"}


def test_decks_say_which_are_optional_and_what_for(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decks", "list", "--json"]) == 0
    decks = {deck["id"]: deck for deck in json.loads(capsys.readouterr().out)["decks"]}
    assert [d for d, deck in decks.items() if deck["optional"]] == [
        "long-distance",
        "rebuilding-trust",
    ]
    assert "violence" in decks["rebuilding-trust"]["note"]
    assert decks["knowing-yourself"]["share"] == 20
    assert main(["decks", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    optional = [line.split()[0] for line in listed if "(optional" in line]
    assert optional == ["long-distance", "rebuilding-trust"]
    assert main(["decks", "show", "rebuilding-trust"]) == 0
    shown = capsys.readouterr().out
    assert "Optional: off until switched on" in shown and "violence" in shown
