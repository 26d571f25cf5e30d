"""Print the writing measures of deck files: counts, form, words, marks and near-duplicates.

    python scripts/content_report.py                 # every built-in deck and stage pool
    python scripts/content_report.py decks/X.yaml    # one deck, and against the shared decks

The measures live in tests/support/content.py; the content tests hold the decks to them.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support import content

SHARED = ("knowing-yourself", "wildcards", "listening-tips")


def report_deck(path: Path, worst: int) -> None:
    cards = content.read_deck(path)
    kinds = Counter(card.kind for card in cards)
    depths = Counter(card.depth for card in cards if card.is_question and not card.mature)
    print(f"== {path.name}: {len(cards)} cards")
    print(
        f"   questions (not mature) by depth: 1={depths[1]} 2={depths[2]} 3={depths[3]};"
        f" mature {sum(c.mature for c in cards)}; closings {kinds['closing']};"
        f" actions {kinds['action']}; tips {kinds['tip']};"
        f" touch {sum(c.touch for c in cards)}; card tips {sum(bool(c.tip) for c in cards)}"
    )
    form = content.form_of(cards)
    print(
        f"   What/Which openers {form.opener_share:.0%} (target <= 40%);"
        f" two-part {form.two_part_share:.0%} (<= 10%);"
        f" follow-ups {form.follow_up_share:.0%} (>= 60%);"
        f" homework follow-ups {form.homework_share:.0%} (<= 10%)"
    )
    two_part = [c for c in cards if c.is_question and content.is_two_part(c.text)]
    for card in two_part[:worst]:
        print(f"   two-part: {card.label}: {card.text}")
    homework = [
        c for c in cards if c.is_question and c.follow_up and content.HOMEWORK.search(c.follow_up)
    ]
    for card in homework[:worst]:
        print(f"   homework: {card.label}: {card.follow_up}")
    for line in form.jargon + form.american:
        print(f"   word: {line}")
    for card in content.untagged_touch(cards):
        print(f"   touch words, not marked touch: {card.label}: {card.text}")
    for line in content.table_mismatches(cards):
        print(f"   table: {line}")
    ids = Counter(card.id for card in cards)
    for card_id, count in ids.items():
        if count > 1:
            print(f"   DUPLICATE ID {card_id} x{count}")
    for card in cards:
        if len(card.text) > 280 or (card.follow_up and len(card.follow_up) > 280):
            print(f"   TOO LONG: {card.label}")


def report_pairs(title: str, cards: list[content.Card], worst: int) -> None:
    pairs = content.alike_pairs(cards, above=0.40)
    over = [pair for pair in pairs if pair.near_duplicate]
    print(
        f"-- {title}: {len(cards)} questions; {len(over)} near-duplicates (score above "
        f"{content.NEAR_DUPLICATE} with 3+ shared stems or a shared phrase)"
    )
    for pair in over:
        print("   NEAR-DUPLICATE " + pair.line())
    print("   the most alike of the rest:")
    for pair in [pair for pair in pairs if not pair.near_duplicate][:worst]:
        print("   " + pair.line())
    phrases = content.repeated_phrases(cards, least=4)
    for phrase, keys in phrases[:worst]:
        print(f"   phrase {phrase!r} in {len(keys)} cards")


def main(argv: list[str]) -> int:
    worst = 12
    if argv:
        for name in argv:
            path = Path(name)
            report_deck(path, worst)
            own = [c for c in content.read_deck(path) if c.is_question and not c.mature]
            shared = [
                c
                for c in content.all_cards()
                if c.deck in SHARED
                and c.is_question
                and not c.mature
                and any(c.fits(stage) for stage in {s for o in own for s in o.stages})
            ]
            report_pairs(f"{path.name} with the shared decks", own + shared, worst)
        return 0
    for path in sorted(content.DECKS_DIR.glob("*.yaml")):
        report_deck(path, 5)
    for stage in content.STAGES:
        report_pairs(f"stage {stage}", content.stage_pool(stage, situations=True), 5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
