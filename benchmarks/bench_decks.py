"""Benchmark deck loading: a 10,000-card deck cold and warm, and the built-in decks warm.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_decks.py [--cards N] [--rounds N] [--profile]

Everything happens in a temporary folder. Each figure is printed against a baseline measured
in the same run on the same file: libyaml's event scan of it (``yaml.parse`` with
``CSafeLoader``, every event taken), which is what our reader walks, so it is our floor;
reading and decoding are included in both. The collector is paused around every timed
call, ours and the baseline's alike (``load_cached`` pauses it itself while it parses;
``yaml.load`` with the collector on was a strawman 2.5-3.3x slower).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import platform
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from closeness_cards.core.cards import THEMES, Stage
from closeness_cards.core.deckcache import load_cached
from closeness_cards.core.deckfile import parse_deck
from closeness_cards.core.library import load_library

COLD_TARGET = 2.0
"""Cold load / libyaml's event scan, at most."""
WARM_TARGET = 0.04
"""Warm load / cold load, at most."""
BUILTIN_TARGET_MS = 20.0

OPENINGS = [
    "What is", "Tell me about", "When did you last", "How would you describe", "Which",
    "Who taught you", "Where do you feel", "What would it take for you to", "Describe",
]  # fmt: skip
MIDDLES = [
    "a small kindness that stayed with you", "the moment you felt most at home",
    "something you are quietly proud of", "a promise you still keep",
    "the hardest goodbye you've said", "a place that changed how you see things",
    "a habit you picked up from your family", "the best advice you ignored",
    "a time you changed your mind", "a fear you have outgrown", "a dream you put on hold",
    "the way you like to be comforted", "a tradition you'd like to start",
]  # fmt: skip
ENDINGS = ["?", ", and why?", ", and what did it teach you?", ", and who was there?"]
FOLLOW_UPS = [
    "What would you tell your younger self about it?",
    "How does it show up in the way you love people now?",
    "What would you do differently if it happened again?",
    "Who else should hear that story?",
]


def deck_text(cards: int, seed: int = 7) -> str:
    """A valid deck of ``cards`` varied cards: every depth, kind, theme and option."""
    rng = random.Random(seed)
    stages = [stage.value for stage in Stage]
    themes = sorted(THEMES)
    lines = [
        "# yaml-language-server: $schema=../src/closeness_cards/deck.schema.json",
        "schema: 1",
        "id: benchmark",
        "title: A very large deck",
        'description: "Generated for the benchmark: every depth, kind and option."',
        "audience: anyone",
        "stages: [any]",
        "language: en",
        "cards:",
    ]
    for number in range(cards):
        text = f"{rng.choice(OPENINGS)} {rng.choice(MIDDLES)}{rng.choice(ENDINGS)}"
        if rng.random() < 0.3:
            text += f" Take your time with it, there is no wrong answer #{number}."
        lines += [
            f"  - id: card-{number:05d}",
            f'    text: "{text}"',
            f"    depth: {number % 3 + 1}",
        ]
        if number % 2 == 0:
            lines.append(f"    theme: {rng.choice(themes)}")
        if number % 3 == 0:
            lines.append(f'    follow_up: "{rng.choice(FOLLOW_UPS)}"')
        if number % 10 == 0:
            lines += ["    kind: action", f"    minutes: {rng.randint(1, 10)}"]
        elif number % 25 == 1:
            lines.append("    kind: closing")
        if number % 7 == 0:
            lines.append(f"    stages: [{', '.join(rng.sample(stages, 2))}]")
        if number % 11 == 0:
            lines.append("    both: true")
        if number % 13 == 0:
            lines.append("    mature: false")
    return "\n".join(lines) + "\n"


def timed(action: Callable[[], object]) -> float:
    """How long ``action`` took in ms, the collector paused (freeing its result not counted)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        began = time.perf_counter()
        result = action()
        elapsed = (time.perf_counter() - began) * 1000
    finally:
        if collecting:
            gc.enable()
    del result
    return elapsed


def row(name: str, samples: list[float], verdict: str = "") -> str:
    """One line of the results table."""
    median = statistics.median(samples)
    return f"{name:<44} {median:>9.2f} {min(samples):>9.2f} {max(samples):>9.2f}  {verdict}"


def ratio_row(name: str, ratios: list[float], target: float) -> str:
    """One ratio line (round by round: median, min, max), with its verdict."""
    value = statistics.median(ratios)
    verdict = "pass" if value <= target else "MISS"
    return (
        f"{name:<44} {value:>9.3f} {min(ratios):>9.3f} {max(ratios):>9.3f}  "
        f"target <= {target:g}x  {verdict}"
    )


def main() -> int:
    """Write the deck, measure, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="cProfile one cold parse")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cc-bench-decks-") as temp:
        folder = Path(temp)
        deck = folder / "big.yaml"
        deck.write_text(deck_text(options.cards), encoding="utf-8")
        size_mb = deck.stat().st_size / 1e6

        def bare() -> object:
            events = 0
            for _ in yaml.parse(deck.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader):
                events += 1
            return events

        cold_cache = folder / "cold-cache"
        warm_cache = folder / "warm-cache"

        def cold() -> object:
            return load_cached(deck, cold_cache)

        loaded = load_cached(deck, warm_cache)
        assert len(loaded.cards) == options.cards
        builtin_cache = folder / "builtin-cache"
        library = load_library(cache_dir=builtin_cache)
        assert not library.problems, library.problems
        builtin_cards = sum(len(d.cards) for d in library.decks)

        bare_ms, cold_ms, warm_ms, builtin_ms = [], [], [], []
        for _ in range(options.rounds):  # interleaved, so drift hits every measure alike
            bare_ms.append(timed(bare))
            shutil.rmtree(cold_cache, ignore_errors=True)  # empty again, outside the timing
            cold_ms.append(timed(cold))
            warm_ms.append(timed(lambda: load_cached(deck, warm_cache)))
            builtin_ms.append(timed(lambda: load_library(cache_dir=builtin_cache)))

        if options.profile:
            data = deck.read_bytes()
            profile = cProfile.Profile()
            profile.runcall(parse_deck, data, deck)
            pstats.Stats(profile).sort_stats("tottime").print_stats(15)

    cold_ratios = [c / b for c, b in zip(cold_ms, bare_ms, strict=True)]
    warm_ratios = [w / c for w, c in zip(warm_ms, cold_ms, strict=True)]
    cold_ratio = statistics.median(cold_ratios)
    warm_ratio = statistics.median(warm_ratios)
    built = statistics.median(builtin_ms)
    print(f"closeness-cards deck benchmark: {options.cards:,} cards, {size_mb:.1f} MB")
    print(
        f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
        f"(libyaml {yaml.__with_libyaml__}), {platform.system()} {platform.machine()}; "
        f"{options.rounds} rounds"
    )
    print()
    print(f"{'measure (ms)':<44} {'median':>9} {'min':>9} {'max':>9}")
    print("-" * 80)
    print(row("libyaml event scan (yaml.parse, CSafeLoader)", bare_ms))
    print(row("cold: load_cached, empty cache", cold_ms))
    print(row("warm: load_cached, cache filled", warm_ms))
    verdict = (
        f"target < {BUILTIN_TARGET_MS:g} ms  {'pass' if built < BUILTIN_TARGET_MS else 'MISS'}"
    )
    name = f"built-in decks warm ({len(library.decks)} decks, {builtin_cards} cards)"
    print(row(name, builtin_ms, verdict))
    print(ratio_row("deck cold / libyaml event scan", cold_ratios, COLD_TARGET))
    print(ratio_row("deck warm / cold", warm_ratios, WARM_TARGET))
    met = cold_ratio <= COLD_TARGET and warm_ratio <= WARM_TARGET and built < BUILTIN_TARGET_MS
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
