"""Measures of the built-in decks' writing: one place for the content tests and the report.

The deck files are read with ``yaml.safe_load``, not through the game's loader, so the
measures judge the shipped text on its own terms. ``scripts/content_report.py`` prints them;
``tests/unit/content`` holds the decks to them.

The near-duplicate measure is our own: each text becomes a set of word stems with the
common words taken out, every stem weighted by how rare it is in the pool being checked
(inverse document frequency), and two cards score the weighted cosine of their sets. A
score of 1 is the same words; unrelated cards score under 0.2. Cards that share an
``idea`` key are never dealt together, so a pair of them is not a near-duplicate.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DECKS_DIR = Path(__file__).resolve().parents[2] / "decks"

STAGES: tuple[str, ...] = (
    "dating",
    "early",
    "committed",
    "long-term",
    "parenthood",
    "later-life",
    "friends",
    "family",
    "family-kids",
)
COUPLE_STAGES: tuple[str, ...] = STAGES[:6]
OPTIONAL_DECKS: tuple[str, ...] = ("long-distance", "rebuilding-trust")
"""The built-in situation decks, which the tests expect their files to mark optional."""

NEAR_DUPLICATE = 0.58
"""Pairs scoring above this are near-duplicates when they share three stems or more, or two
that stand together in both ("truly heard")."""


@dataclass(frozen=True)
class Card:
    """One card as the deck file writes it, with the deck's defaults applied."""

    deck: str
    id: str
    text: str
    depth: int
    kind: str
    stages: frozenset[str]
    follow_up: str | None = None
    theme: str | None = None
    mature: bool = False
    touch: bool = False
    table: str | None = None
    idea: str | None = None
    tip: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def label(self) -> str:
        return f"{self.deck}/{self.id}"

    @property
    def is_question(self) -> bool:
        return self.kind == "question"

    @property
    def idea_key(self) -> str:
        """What the dealer treats as one card: the shared idea, else the card itself."""
        return f"idea:{self.idea}" if self.idea else f"card:{self.label}"

    def fits(self, stage: str) -> bool:
        return "any" in self.stages or stage in self.stages


@functools.cache
def _document(path: Path) -> Any:
    """A deck file's YAML, parsed once: the measures read every file many times."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def read_deck(path: Path) -> list[Card]:
    """The cards of one deck file."""
    document = _document(path)
    deck = str(document["id"])
    stages = frozenset(document.get("stages") or ["any"])
    table = document.get("table")
    cards = []
    for raw in document["cards"]:
        cards.append(
            Card(
                deck=deck,
                id=str(raw["id"]),
                text=str(raw["text"]),
                depth=int(raw["depth"]),
                kind=str(raw.get("kind", "question")),
                stages=frozenset(raw["stages"]) if raw.get("stages") else stages,
                follow_up=raw.get("follow_up"),
                theme=raw.get("theme"),
                mature=bool(raw.get("mature", False)),
                touch=bool(raw.get("touch", False)),
                table=raw.get("table", table),
                idea=raw.get("idea"),
                tip=raw.get("tip"),
                raw=raw,
            )
        )
    return cards


@functools.cache
def all_cards(folder: Path = DECKS_DIR) -> tuple[Card, ...]:
    """Every card of every built-in deck."""
    return tuple(card for path in sorted(folder.glob("*.yaml")) for card in read_deck(path))


def optional_decks(folder: Path = DECKS_DIR) -> frozenset[str]:
    """The decks whose files say they are off until switched on."""
    documents = (_document(path) for path in sorted(folder.glob("*.yaml")))
    return frozenset(str(document["id"]) for document in documents if document.get("optional"))


def stage_pool(
    stage: str, cards: Iterable[Card] | None = None, *, situations: bool = False
) -> list[Card]:
    """The non-mature questions a session at ``stage`` may deal (optional decks off)."""
    off = frozenset() if situations else optional_decks()
    return [
        card
        for card in (all_cards() if cards is None else cards)
        if card.is_question and not card.mature and card.fits(stage) and card.deck not in off
    ]


# --------------------------------------------------------------------------- words

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)*")
_STOP_TEXT = """
    a about above after again all also am an and any anyone anything are around as at away
    back be because been before being best between both but by can could did do does doing
    done down during each else even ever every everyone everything few for from get gets
    getting give go going got had has have having how i if in into is it its just kind know
    last least less let like little lot made make makes many may me might more most much
    must my myself never new next no not now of off often on once one only or other others
    our ours out over own part people person pick really right said same say says see seem
    she should so some someone something sometimes still such take tell than that the their
    them then there these they thing things think this those through time times to today too
    two up us very want was way we well were what when where which while who whom whose why
    will with within without would yet you your yours yourself yourselves reader
    feel feels felt feeling give gives gave given find finds found look looks looked bring
    brings brought help helps helped hard good need needs needed want wants wanted year
    years day days week weeks life lives show shows showed keep keeps come comes came mean
    means meant start started put makes took used use happen happened happens already
    don didn doesn isn wasn aren weren won wouldn couldn haven hasn hadn shouldn
    finish sentence complete guess guesses rather pick reveal answer answers first why
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Words too common to tell two cards apart."""


def stem(word: str) -> str:
    """A crude English stem: enough to meet "heard"/"hearing" and "lonely"/"loneliness"."""
    word = word.replace("’", "'").split("'")[0]
    for suffix, replacement in (
        ("iness", "y"),
        ("liness", "ly"),
        ("ness", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def stems(text: str) -> frozenset[str]:
    """The content-word stems of a text."""
    return frozenset(content_words(text))


def _bigrams(text: str) -> set[tuple[str, str]]:
    """Pairs of content stems that stand side by side in the text, nothing between them."""
    words = [word.replace("’", "'").split("'")[0] for word in _WORD.findall(text.lower())]
    kept = [stem(word) if word not in STOP_WORDS and len(word) > 2 else None for word in words]
    return {(a, b) for a, b in itertools.pairwise(kept) if a is not None and b is not None}


def content_words(text: str) -> list[str]:
    """The stems of a text's words in order, the common words left out."""
    words = (word.replace("’", "'").split("'")[0] for word in _WORD.findall(text.lower()))
    return [stem(word) for word in words if word not in STOP_WORDS and len(word) > 2]


@dataclass(frozen=True)
class Pair:
    """Two cards and how alike they are."""

    score: float
    first: Card
    second: Card
    shared: tuple[str, ...]
    phrase: bool = False
    """Whether two of the shared stems stand side by side in both texts."""

    @property
    def near_duplicate(self) -> bool:
        """The same question in other words, by our measure."""
        return self.score > NEAR_DUPLICATE and (len(self.shared) >= 3 or self.phrase)

    def line(self) -> str:
        return (
            f"{self.score:.2f} {self.first.label} ~ {self.second.label} "
            f"[{', '.join(self.shared)}]\n      {self.first.text}\n      {self.second.text}"
        )


def alike_pairs(cards: Sequence[Card], *, above: float = 0.0) -> list[Pair]:
    """Pairs of cards, most alike first, scored by weighted cosine of their stems.

    One shared word is never enough to make two cards alike, however rare the word.

    Pairs that share an idea key are left out: the dealer never deals them together.
    """
    sets = [stems(card.text) for card in cards]
    frequency: Counter[str] = Counter(word for words in sets for word in words)
    total = max(len(cards), 1)
    weight = {word: math.log((1 + total) / (1 + count)) + 1 for word, count in frequency.items()}
    norms = [math.sqrt(sum(weight[word] ** 2 for word in words)) or 1.0 for words in sets]
    holders: dict[str, list[int]] = {}
    for index, words in enumerate(sets):
        for word in words:
            holders.setdefault(word, []).append(index)
    shared_weight: dict[tuple[int, int], float] = {}
    shared_count: Counter[tuple[int, int]] = Counter()
    for word, indexes in holders.items():
        if len(indexes) > 60:  # too common to tell cards apart; only adds noise and time
            continue
        square = weight[word] ** 2
        for position, first in enumerate(indexes):
            for second in indexes[position + 1 :]:
                shared_weight[(first, second)] = shared_weight.get((first, second), 0.0) + square
                shared_count[(first, second)] += 1
    pairs = []
    for (first, second), common in shared_weight.items():
        score = common / (norms[first] * norms[second])
        if score <= above or shared_count[(first, second)] < 2:
            continue
        one, other = cards[first], cards[second]
        if one.idea and one.idea == other.idea:
            continue
        phrase = bool(_bigrams(one.text) & _bigrams(other.text))
        pairs.append(Pair(score, one, other, tuple(sorted(sets[first] & sets[second])), phrase))
    pairs.sort(key=lambda pair: (-pair.score, pair.first.label, pair.second.label))
    return pairs


# --------------------------------------------------------------------------- form

OPENER = re.compile(r"^[\s\"'“‘(]*(what|which)\b", re.IGNORECASE)
TWO_PART = re.compile(
    r"(?:[,;:]|\s[-–—])\s*(?:and|or|but)\s+(?:what|how|where|when|who|which|whom|why(?!\??$))\b"
    r"|\?\s*(?!(?:and\s+)?(?:say|tell\s+\w+|explain)?\s*why\b)\S",
    re.IGNORECASE,
)
HOMEWORK = re.compile(
    r"\b(?:this week|next week|this month|small step|one step|first step|a plan\b|plan (?:to|for)"
    r"|schedule|commit to|make a date|put it in the diary|start doing|try (?:this|it) (?:out|soon)"
    r"|could we (?:do|try|start|add|bring|make|plan|set)|can we (?:do|try|start|add|bring|make)"
    r"|shall we|let's (?:do|try|plan|make|pick|set))\b",
    re.IGNORECASE,
)
JARGON = re.compile(
    r"\b(?:carr(?:y|ies|ied|ying)\b(?!\s+on)|hold(?:ing)? space|inner child"
    r"|younger (?:version of )?(?:you|yourself)|love languages?|trigger(?:ed|s|ing)?|trauma\w*"
    r"|journey|self-care|toxic|gaslight\w*|attachment style)",
    re.IGNORECASE,
)
AMERICAN = re.compile(
    r"\b(?:favor\w*|color\w*|humor\w*|honor\w*|neighbor\w*|behavior\w*|labor\w*"
    r"|flavor\w*|savor\w*|rumor\w*|endeavor\w*|harbor\w*|vigor\w*|center\w*|theater\w*|mom|moms"
    r"|gray\w*|jewelry|travel(?:ed|er|ers|ing)|cancel(?:ed|ing)|model(?:ed|ing)|program(?:s)?"
    r"|\w+(?<!s)(?<!pr)(?<!se)(?<!capsi)iz(?:e|es|ed|ing|ation|ations)|\w+yz(?:e|es|ed|ing)"
    r"|practicing|fulfill(?!ed|ing|s)|skillful|catalog|dialog|mold\w*|plow\w*|mustache"
    r"|pajamas|aging)\b",
    re.IGNORECASE,
)
_AMERICAN_EXCEPTIONS = frozenset({"citizen", "citizens", "size", "sizes", "colour", "colours"})
TOUCH_WORDS = re.compile(
    r"\b(?:hug\w*|hold(?:ing)? (?:hands|each other|their hand|your hand|the other's hand)"
    r"|massage\w*|slow[- ]dance|dance together|eye contact|gaze\b|into each other's eyes"
    r"|kiss\w*|cuddl\w*|touch(?:ing)? (?:each other|hands|foreheads|shoulders|the other)"
    r"|palm|embrace\w*|lean (?:on|against) each other|hold on to each other"
    r"|in each other's arms)",
    re.IGNORECASE,
)
"""Words of a card that asks the players to touch, or to hold a gaze."""
PAIR_WORDS = re.compile(
    r"\b(?:the other person|your partner|the two of you|both of you|each other's eyes)\b",
    re.IGNORECASE,
)
GROUP_WORDS = re.compile(
    r"\b(?:the others|everyone else|go around|round the table|around the table"
    r"|on your (?:left|right)|the group|all of you)\b",
    re.IGNORECASE,
)


def american_words(text: str) -> list[str]:
    """The American spellings in a text."""
    return [
        match.group(0)
        for match in AMERICAN.finditer(text)
        if match.group(0).lower() not in _AMERICAN_EXCEPTIONS
    ]


def texts(card: Card) -> list[str]:
    """The card's text and its follow-up."""
    return [card.text] + ([card.follow_up] if card.follow_up else [])


def is_two_part(text: str) -> bool:
    return bool(TWO_PART.search(text.strip()))


def share(count: int, total: int) -> float:
    return count / total if total else 0.0


@dataclass
class Form:
    """How a set of questions is written."""

    questions: int
    what_which: int
    two_part: int
    follow_ups: int
    homework: int
    jargon: list[str]
    american: list[str]

    @property
    def opener_share(self) -> float:
        return share(self.what_which, self.questions)

    @property
    def two_part_share(self) -> float:
        return share(self.two_part, self.questions)

    @property
    def follow_up_share(self) -> float:
        return share(self.follow_ups, self.questions)

    @property
    def homework_share(self) -> float:
        return share(self.homework, self.follow_ups)


def form_of(cards: Iterable[Card]) -> Form:
    """Openers, two-part questions, follow-ups and words of a set of cards."""
    cards = list(cards)
    questions = [card for card in cards if card.is_question]
    jargon = [
        f"{card.label}: {match.group(0)!r}"
        for card in cards
        for text in texts(card)
        for match in JARGON.finditer(text)
    ]
    american = [
        f"{card.label}: {word!r}"
        for card in cards
        for text in texts(card) + ([card.tip] if card.tip else [])
        for word in american_words(text)
    ]
    return Form(
        questions=len(questions),
        what_which=sum(1 for card in questions if OPENER.match(card.text)),
        two_part=sum(1 for card in questions if is_two_part(card.text)),
        follow_ups=sum(1 for card in questions if card.follow_up),
        homework=sum(1 for card in questions if card.follow_up and HOMEWORK.search(card.follow_up)),
        jargon=jargon,
        american=american,
    )


def untagged_touch(cards: Iterable[Card]) -> list[Card]:
    """Action and closing cards whose words ask for touch or a held gaze, not marked touch."""
    return [
        card
        for card in cards
        if card.kind in ("action", "closing") and not card.touch and TOUCH_WORDS.search(card.text)
    ]


def table_mismatches(cards: Iterable[Card]) -> list[str]:
    """Cards whose words fit only a pair or only a group but are not marked so."""
    found = []
    for card in cards:
        if PAIR_WORDS.search(card.text) and card.table != "pair":
            found.append(f"{card.label}: pair words, table {card.table}: {card.text}")
        if GROUP_WORDS.search(card.text) and card.table != "group":
            found.append(f"{card.label}: group words, table {card.table}: {card.text}")
    return found


def repeated_phrases(cards: Sequence[Card], *, least: int) -> list[tuple[str, list[str]]]:
    """Pairs of neighbouring content stems that ``least`` or more cards share."""
    holders: dict[str, set[str]] = {}
    for card in cards:
        words = content_words(card.text)
        for first, second in itertools.pairwise(words):
            holders.setdefault(f"{first} {second}", set()).add(card.idea_key)
    return sorted(
        ((phrase, sorted(keys)) for phrase, keys in holders.items() if len(keys) >= least),
        key=lambda item: (-len(item[1]), item[0]),
    )
