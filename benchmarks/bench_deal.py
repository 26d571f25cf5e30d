"""Benchmark planning a deal: 36 cards (three sets) from 10,000 cards and 150,000 past plays.

Run from the repository root, with the project installed::

    .venv/bin/python benchmarks/bench_deal.py [--cards N] [--sessions N] [--rounds N] [--quick]

Ten thousand cards are made in code, spread over decks, stages, depths and kinds. A history
database in a temporary CLOSENESS_CARDS_HOME is filled with 10,000 finished sessions of 15
plays each, all by the two players being dealt for (the worst case: every play counts
towards freshness). Each round times what the app does before the first card: the freshness
query (``store.history.last_seen``) and the plan (``core.game.plan_deal``) fed with its
result, each with a new seed. Both are printed apart and together.
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

import _common
from _common import print_header, stats, stats_row, table_head, timed_ms, verdict
from closeness_cards.core.cards import ALL_STAGES, Card, Deck, Depth, Kind, Stage
from closeness_cards.core.game import Deal, DepthPlan, Options, Shape, plan_deal
from closeness_cards.core.library import Library
from closeness_cards.store.db import Database, open_database
from closeness_cards.store.history import last_seen
from closeness_cards.store.records import players_key
from closeness_cards.store.timestamps import to_text

TARGET_MS = 20.0
"""last_seen + plan_deal, at most (median)."""
PLAYERS = ("Ana", "Ben")
PLAYS_PER_SESSION = 15
DECKS = 10
START = datetime(2020, 1, 1, 19, 0, tzinfo=timezone.utc)


def make_cards(count: int, seed: int = 7) -> Library:
    """``count`` cards in ``DECKS`` decks: every depth and kind, each fitting some stages."""
    rng = random.Random(seed)
    stages = list(Stage)
    per_deck = -(-count // DECKS)
    decks = []
    for number in range(DECKS):
        deck_id = f"bench-{number}"
        cards = []
        for index in range(number * per_deck, min(count, (number + 1) * per_deck)):
            kind = (Kind.ACTION, Kind.ACTION, Kind.TIP, Kind.CLOSING, *[Kind.QUESTION] * 16)[
                index % 20
            ]
            fits = (
                ALL_STAGES if index % 4 == 0 else frozenset(rng.sample(stages, rng.randint(1, 3)))
            )
            cards.append(
                Card(
                    deck_id,
                    f"c{index:05d}",
                    f"Question number {index}: tell a story about a time that mattered?",
                    rng.choice(list(Depth)),
                    kind,
                    stages=fits,
                    follow_up="And what did it teach you?" if index % 3 == 0 else None,
                    both=index % 11 == 0,
                    mature=index % 50 == 0,
                )
            )
        decks.append(Deck(deck_id, f"Benchmark deck {number}", tuple(cards)))
    return Library(tuple(decks))


def fill(db: Database, library: Library, sessions: int, seed: int = 11) -> int:
    """Insert ``sessions`` finished sessions of these players, in one transaction (not timed).

    Returns:
        The number of plays inserted.
    """
    rng = random.Random(seed)
    playable = [c for c in library.cards if c.kind in (Kind.QUESTION, Kind.ACTION)]
    key = players_key(PLAYERS)
    names = json.dumps(list(PLAYERS))
    plays = 0
    with db.transaction() as conn:
        for number in range(sessions):
            started = START + timedelta(hours=4 * number)
            cursor = conn.execute(
                "INSERT INTO sessions (started_at, ended_at, status, stage, shape, depth, "
                "seed, players_json, players_key, decks_json, options_json, position) "
                "VALUES (?, ?, 'finished', 'dating', 'standard', 'rise', ?, ?, ?, '[]', '{}', ?)",
                (
                    to_text(started),
                    to_text(started + timedelta(minutes=40)),
                    number,
                    names,
                    key,
                    PLAYS_PER_SESSION,
                ),
            )
            session_id = cursor.lastrowid
            rows = []
            for position, card in enumerate(rng.sample(playable, PLAYS_PER_SESSION)):
                rows.append(
                    (
                        session_id,
                        position,
                        card.global_id,
                        card.deck_id,
                        card.text,
                        int(card.depth),
                        card.kind.value,
                        PLAYERS[position % 2],
                        json.dumps([PLAYERS[(position + 1) % 2]]),
                        "passed" if rng.random() < 0.08 else "answered",
                        to_text(started + timedelta(minutes=2 * position)),
                    )
                )
            conn.executemany(
                "INSERT INTO plays (session_id, position, card_id, deck_id, card_text, depth, "
                "kind, reader, answerers_json, outcome, played_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            plays += len(rows)
    return plays


def measure(library: Library, db: Database, rounds: int) -> tuple[list[float], list[float]]:
    """Time ``rounds`` of last_seen then plan_deal (after one unmeasured round)."""
    query_ms: list[float] = []
    plan_ms: list[float] = []
    for round_number in range(rounds + 1):
        options = Options(
            PLAYERS, Stage.DATING, Shape.THREE_SETS, DepthPlan.RISE, seed=round_number
        )
        query, seen = timed_ms(lambda: last_seen(db, PLAYERS))

        def plan_it(options: Options = options, seen: dict[str, datetime] = seen) -> Deal:
            return plan_deal(library.cards, options, seen=seen)

        plan, deal = timed_ms(plan_it)
        if round_number == 0:
            # Page cache, statement cache and first-use costs: not what a player waits for.
            questions = sum(1 for step in deal.steps if step.card.kind is not Kind.CLOSING)
            assert questions == 36, questions
            continue
        query_ms.append(query)
        plan_ms.append(plan)
    return query_ms, plan_ms


def main(argv: Sequence[str] | None = None) -> int:
    """Fill, measure and print; exit 0 when the runs completed (a missed target is printed)."""
    parser = _common.parser(__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=10_000, help="of 15 plays each")
    parser.add_argument("--rounds", type=int, help="measured rounds (default 30, quick 8)")
    options = parser.parse_args(argv)
    rounds = options.rounds or (8 if options.quick else 30)
    library = make_cards(options.cards)
    with _common.temporary_home("cc-bench-deal-"), open_database() as db:
        fill_ms, plays = timed_ms(lambda: fill(db, library, options.sessions))
        db.checkpoint()
        query_ms, plan_ms = measure(library, db, rounds)
        seen_count = len(last_seen(db, PLAYERS))
    eligible = sum(1 for c in library.cards if c.fits(Stage.DATING) and not c.mature)
    print_header(
        "closeness-cards deal benchmark: a 36-card three-set deal with freshness",
        f"{options.cards:,} cards ({eligible:,} fit 'dating'), {options.sessions:,} sessions, "
        f"{plays:,} plays by the same two players ({seen_count:,} cards seen), filled in "
        f"{fill_ms / 1000:.1f} s; SQLite {sqlite3.sqlite_version}; 1 warm-up + {rounds} rounds",
    )
    total = [q + p for q, p in zip(query_ms, plan_ms, strict=True)]
    print(table_head("ms"))
    print(stats_row("last_seen (freshness query)", query_ms))
    print(stats_row("plan_deal (three sets, 36 cards)", plan_ms))
    median = stats(total).median
    print(
        stats_row(
            "together: last_seen + plan_deal",
            total,
            f"target <= {TARGET_MS:g} ms  {verdict(median <= TARGET_MS)}",
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
