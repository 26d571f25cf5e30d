"""The `decks` commands: list, validate, show and new."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from closeness_cards.core.cards import Card, Deck, Depth, Kind, Stage
from closeness_cards.core.deckfile import SLUG_MAX, DeckError, read_deck_file
from closeness_cards.core.library import Library, deck_files
from closeness_cards.core.safe_text import for_terminal
from closeness_cards.text.labels import STAGE_LABELS, depth_label
from closeness_cards.text.terminal import json_document

TEMPLATE = """\
# A closeness-cards deck. Check it with: closeness-cards decks validate {name}
# Play with it alone:                   closeness-cards play --deck {name} --stage dating
schema: 1
id: {deck_id}                  # a slug, unique among your decks
title: My own deck             # short, shown in the game
description: Questions we wrote ourselves.
audience: couples              # couples | friends | family | anyone
stages: [dating, early]        # dating, early, committed, long-term, parenthood,
                               # later-life, friends, family, family-kids, or [any]
language: en
cards:
  - id: first-01               # unique in this deck
    text: "What is a small thing that made you smile this week?"
    depth: 1                   # 1 warm-up, 2 open up, 3 deep
    theme: appreciation        # optional, see the README for the list
    follow_up: "What made it land the way it did?"
  - id: open-01
    text: "Tell me about a time you felt truly understood by someone. What did they do?"
    depth: 2
    theme: listening
    follow_up: "What did that teach you about what you need from people?"
  - id: deep-01
    text: "What is something you need from me that you have found hard to ask for?"
    depth: 3
    theme: vulnerability
    tip: "Don't defend or explain. Thank them for saying it."   # shown to the listener
  - id: together-01
    kind: action               # question | action | closing | tip
    text: "Sit facing each other and share one minute of quiet eye contact."
    depth: 1
    minutes: 1                 # a timed task
    table: pair                # only for two players (group: only for three or more)
    touch: true                # a held gaze or a touch: only when the players choose touch
  - id: close-01
    kind: closing
    text: "Each tell the other one thing you want to remember from tonight."
    depth: 1
    both: true                 # everyone answers
    table: pair
"""


def register(commands: Any) -> None:
    """Add the `decks` command and its subcommands."""
    decks = commands.add_parser("decks", help="list, check, read or start decks")
    sub = decks.add_subparsers(dest="decks_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="every deck the game would load")
    listing.add_argument("--json", action="store_true", help="print one JSON document")
    listing.set_defaults(func=run_list)
    validate = sub.add_parser("validate", help="check deck files; every error is reported")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.set_defaults(func=run_validate)
    show = sub.add_parser("show", help="print a deck grouped by stage and depth")
    show.add_argument("deck_id", metavar="ID")
    show.set_defaults(func=run_show)
    new = sub.add_parser("new", help="write a commented deck template to start from")
    new.add_argument("path", type=Path, metavar="PATH")
    new.set_defaults(func=run_new)


def _library() -> Library:
    from closeness_cards.table.decks import load_decks

    return load_decks()


def deck_summary(deck: Deck) -> dict[str, Any]:
    """One deck as the `decks list --json` document shows it."""
    kinds = {kind.value: sum(1 for c in deck.cards if c.kind is kind) for kind in Kind}
    return {
        "id": deck.id,
        "title": deck.title,
        "description": deck.description,
        "audience": deck.audience.value,
        "stages": [stage.value for stage in Stage if stage in deck.stages],
        "cards": len(deck.cards),
        "kinds": kinds,
        "builtin": deck.builtin,
        "source": str(deck.source) if deck.source else None,
        "optional": deck.optional,
        "note": deck.note,
        "share": deck.share,
    }


def run_list(args: argparse.Namespace) -> int:
    """`decks list`."""
    library = _library()
    if args.json:
        document = {
            "decks": [deck_summary(deck) for deck in library.decks],
            "problems": [str(error) for error in library.problems],
        }
        print(json_document(document))
        return 0
    # Ids, titles and file names are the decks' own: each line is escaped as a whole.
    width = max((len(deck.id) for deck in library.decks), default=4)
    for deck in library.decks:
        origin = "built-in" if deck.builtin else str(deck.source)
        stages = (
            "any"
            if deck.stages == frozenset(Stage)
            else ", ".join(s.value for s in Stage if s in deck.stages)
        )
        line = f"{deck.id:<{width}}  {len(deck.cards):>4} cards  {deck.title}  [{stages}]  {origin}"
        if deck.optional:
            line += "  (optional: off until switched on)"
        print(for_terminal(line))
    for error in library.problems:
        print(for_terminal(f"warning: {error}"), file=sys.stderr)
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """`decks validate PATH...`: exit 2 when any file has any error."""
    bad = False
    for path in args.paths:
        files = deck_files(path)  # a file, or what a folder holds; reading says what is wrong
        if not files:
            print(for_terminal(f"{path}: no .yaml deck files here"), file=sys.stderr)
            bad = True
        for file in files:
            try:
                deck = read_deck_file(file)
            except DeckError as error:
                bad = True
                for problem in error.problems:
                    print(for_terminal(str(problem)), file=sys.stderr)
                continue
            print(for_terminal(f"{file}: ok, deck '{deck.id}' with {len(deck.cards)} cards"))
    return 2 if bad else 0


def run_show(args: argparse.Namespace) -> int:
    """`decks show ID`: the deck grouped by stage and depth, to read through."""
    library = _library()
    deck = library.deck(args.deck_id)
    if deck is None:
        known = ", ".join(d.id for d in library.decks)
        message = f"closeness-cards: no deck '{args.deck_id}' (known: {known})"
        print(for_terminal(message), file=sys.stderr)
        return 2
    # Everything below but the labels is the deck's own text: each line escaped as a whole.
    print(for_terminal(f"{deck.title} ({deck.id}) - {len(deck.cards)} cards"))
    if deck.description:
        print(for_terminal(deck.description))
    if deck.optional:
        where = "Optional: off until switched on in the decks screen (F4)."
        print(for_terminal(f"{where} {deck.note}" if deck.note else where))
    if deck.share is not None:
        print(f"At most {deck.share}% of a session's questions come from this deck.")
    for stage in Stage:
        cards = [c for c in deck.cards if c.fits(stage)]
        if not cards:
            continue
        print(f"\n== {STAGE_LABELS[stage]} ==")
        for kind in Kind:
            for depth in Depth:
                group = [c for c in cards if c.kind is kind and c.depth is depth]
                if not group:
                    continue
                print(
                    f"\n-- {kind.value}, depth {int(depth)} ({depth_label(depth)}): {len(group)} --"
                )
                for card in group:
                    named = [
                        name for name, on in (("mature", card.mature), ("touch", card.touch)) if on
                    ]
                    if card.table is not None:
                        named.append(f"for {card.table.value}")
                    if card.idea is not None:
                        named.append(f"idea {card.idea}")
                    marks = "".join(f" [{name}]" for name in named)
                    print(for_terminal(f"  {card.id}{marks}: {card.text}"))
                    if card.follow_up:
                        print(for_terminal(f"      deeper: {card.follow_up}"))
                    if card.tip:
                        print(for_terminal(f"      tip: {card.tip}"))
    return 0


def run_new(args: argparse.Namespace) -> int:
    """`decks new PATH`: a commented template that validates."""
    path: Path = args.path
    if os.path.lexists(path):
        message = f"closeness-cards: {path} already exists; choose another name"
        print(for_terminal(message), file=sys.stderr)
        return 2
    # A slug holds a-z and 0-9 only ("café" and "٣" are letters and digits to isalnum).
    stem = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in path.stem.lower())
    deck_id = "-".join(part for part in stem.split("-") if part)[:SLUG_MAX].strip("-") or "my-deck"
    # The name goes into comments of the template: a line break in it would end one.
    text = TEMPLATE.format(name=for_terminal(str(path)), deck_id=deck_id)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".deck-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except OSError as error:
        message = f"closeness-cards: cannot write {path}: {error.strerror or error}"
        print(for_terminal(message), file=sys.stderr)
        return 1
    print(for_terminal(f"wrote {path}: edit it, then run 'closeness-cards decks validate {path}'"))
    return 0


def card_marks(card: Card) -> str:
    """What `decks show` says of a card besides its text: " [mature] [for pair]"..."""
    named = [name for name, on in (("mature", card.mature), ("touch", card.touch)) if on]
    if card.table is not None:
        named.append(f"for {card.table.value}")
    if card.idea is not None:
        named.append(f"idea {card.idea}")
    return "".join(f" [{name}]" for name in named)
