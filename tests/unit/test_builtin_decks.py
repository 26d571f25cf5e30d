"""Content checks for the built-in decks in the top-level ``decks/`` folder.

These tests read the deck files directly with ``yaml.safe_load`` (not through the app's
loader), so they check the shipped content on its own terms: the schema, the rules for
writing good cards (open questions, inclusive words, no near-duplicates) and the amounts
each relationship stage needs for a full game.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

DECKS_DIR = Path(__file__).resolve().parents[2] / "decks"
DECK_FILES: list[Path] = sorted(DECKS_DIR.glob("*.yaml"))

STAGES: tuple[str, ...] = (
    "dating",
    "early",
    "committed",
    "long-term",
    "parenthood",
    "later-life",
    "friends",
    "family",
)
ROMANTIC_STAGES: tuple[str, ...] = (
    "dating",
    "early",
    "committed",
    "long-term",
    "parenthood",
    "later-life",
)
SITUATION_DECKS: tuple[str, ...] = ("long-distance", "rebuilding-trust", "knowing-yourself")
OTHER_DECKS: tuple[str, ...] = ("wildcards", "listening-tips")

THEMES: frozenset[str] = frozenset(
    {
        "trust",
        "communication",
        "listening",
        "vulnerability",
        "empathy",
        "appreciation",
        "memories",
        "childhood",
        "values",
        "dreams",
        "future",
        "rituals",
        "play",
        "humor",
        "support",
        "conflict",
        "repair",
        "growth",
        "self",
        "intimacy",
        "family",
        "friendship",
        "distance",
        "change",
    }
)
KINDS: frozenset[str] = frozenset({"question", "action", "closing", "tip"})
AUDIENCES: frozenset[str] = frozenset({"couples", "friends", "family", "anyone"})
TABLES: frozenset[str] = frozenset({"pair", "group"})

TOP_KEYS: frozenset[str] = frozenset(
    {"schema", "id", "title", "description", "audience", "stages", "table", "language", "cards"}
)
TOP_REQUIRED: frozenset[str] = frozenset(
    {"schema", "id", "title", "description", "audience", "stages", "cards"}
)
CARD_KEYS: frozenset[str] = frozenset(
    {"id", "text", "depth", "kind", "stages", "theme", "follow_up", "both", "minutes", "mature",
     "table"}
)  # fmt: skip
CARD_REQUIRED: frozenset[str] = frozenset({"id", "text", "depth"})

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TEXT_MIN = 8
TEXT_MAX = 280
MINUTES_MIN = 1
MINUTES_MAX = 60

# Minimum amounts for the final set of built-in decks.
STAGE_QUESTIONS_PER_DEPTH = 25
STAGE_THEMES = 12
SITUATION_MIN_CARDS = 20
MIN_ACTIONS = 40
MIN_TIMED_ACTIONS = 8
MIN_CLOSINGS = 24
MIN_TIPS = 30
MIN_CARDS = 700
MIN_FOLLOW_UP_SHARE = 0.30
MIN_MATURE_PER_ROMANTIC_STAGE = 8
NEAR_DUPLICATE_RATIO = 0.85

YES_NO_OPENER = re.compile(
    r"""^[\s"'“‘(]*(?:
        do\ you | does | did\ you | are\ you | is | was | were | have\ you | has | had
        | can\ you | could\ you | will\ you | would\ you(?:\ ever)? | should | shall | am\ i
        | do\ we | are\ we | have\ we | is\ there
        | isn['’]t | aren['’]t | wasn['’]t | weren['’]t | doesn['’]t | hasn['’]t | hadn['’]t
        | shouldn['’]t | don['’]t\ you | didn['’]t\ you | haven['’]t\ you | can['’]t\ you
        | couldn['’]t\ you | won['’]t\ you | wouldn['’]t\ you
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
GENDERED_WORD = re.compile(
    r"""\b(?:
        he | she | him | her | his | hers | himself | herself
        | husbands? | wife | wives | boyfriends? | girlfriends?
        | (?:grand)?mothers? | (?:grand)?fathers? | moms? | mums? | dads?
        | (?:grand)?sons? | (?:grand)?daughters? | brothers? | sisters?
        | man | woman | men | women | gentleman | gentlemen | lady | ladies
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class CardInfo:
    """One card with the facts the checks need, its stages already resolved."""

    deck_id: str
    raw: dict[str, Any]
    stages: frozenset[str]

    @property
    def label(self) -> str:
        """``deck-id/card-id``, for failure messages."""
        return f"{self.deck_id}/{self.raw.get('id')}"

    @property
    def kind(self) -> str:
        kind = self.raw.get("kind", "question")
        return kind if isinstance(kind, str) else ""

    @property
    def is_question(self) -> bool:
        return self.kind == "question"

    @property
    def depth(self) -> object:
        return self.raw.get("depth")

    @property
    def text(self) -> str:
        text = self.raw.get("text")
        return text if isinstance(text, str) else ""

    @property
    def follow_up(self) -> str | None:
        follow_up = self.raw.get("follow_up")
        return follow_up if isinstance(follow_up, str) else None

    @property
    def theme(self) -> str | None:
        theme = self.raw.get("theme")
        return theme if isinstance(theme, str) else None

    @property
    def mature(self) -> bool:
        return self.raw.get("mature") is True

    @property
    def timed(self) -> bool:
        return self.raw.get("minutes") is not None


@functools.cache
def load_raw(path: Path) -> Any:
    """The parsed content of one deck file (whatever YAML it holds)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_deck(path: Path) -> dict[str, Any]:
    """The deck mapping of one file; fails the calling test if it is not a mapping."""
    data = load_raw(path)
    assert isinstance(data, dict), (
        f"{path.name}: the file must hold a mapping, got {type(data).__name__}"
    )
    return data


def resolve_stages(value: object, default: frozenset[str]) -> frozenset[str]:
    """The stages a ``stages`` value stands for ("any" = all eight); ``default`` if absent."""
    if value is None:
        return default
    if not isinstance(value, list):
        return frozenset()
    names = {item for item in value if isinstance(item, str)}
    if "any" in names:
        return frozenset(STAGES)
    return frozenset(names & set(STAGES))


def deck_cards(path: Path) -> list[CardInfo]:
    """The well-formed cards of one deck, with their stages resolved."""
    deck = load_deck(path)
    deck_id = str(deck.get("id", path.stem))
    deck_stages = resolve_stages(deck.get("stages"), frozenset(STAGES))
    cards = deck.get("cards")
    if not isinstance(cards, list):
        return []
    return [
        CardInfo(deck_id, card, resolve_stages(card.get("stages"), deck_stages))
        for card in cards
        if isinstance(card, dict)
    ]


@functools.cache
def all_cards() -> tuple[CardInfo, ...]:
    """Every card of every deck file."""
    return tuple(card for path in DECK_FILES for card in deck_cards(path))


def deck_file(name: str) -> Path:
    """The deck file ``decks/<name>.yaml``; fails the calling test if it is missing."""
    path = DECKS_DIR / f"{name}.yaml"
    assert path.is_file(), f"deck file decks/{name}.yaml is missing"
    return path


def problems_message(title: str, problems: Iterable[str]) -> str:
    items = list(problems)
    return f"{title} ({len(items)}):\n  " + "\n  ".join(items)


deck_params = pytest.mark.parametrize("path", DECK_FILES, ids=[path.stem for path in DECK_FILES])


# --------------------------------------------------------------------------- files


def test_expected_deck_files_exist() -> None:
    expected = (*STAGES, *SITUATION_DECKS, *OTHER_DECKS)
    missing = [name for name in expected if not (DECKS_DIR / f"{name}.yaml").is_file()]
    assert not missing, f"missing deck files in {DECKS_DIR}: {', '.join(missing)}"


@deck_params
def test_no_yaml_anchors_or_aliases(path: Path) -> None:
    problems: list[str] = []
    for event in yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader):
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent):
            problems.append(f"line {line}: alias *{event.anchor}")
        elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            problems.append(f"line {line}: anchor &{event.anchor}")
    assert not problems, problems_message(f"{path.name}: YAML anchors/aliases", problems)


def _duplicate_keys(node: yaml.Node | None) -> list[str]:
    found: list[str] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    found.append(f"line {key.start_mark.line + 1}: duplicate key {key.value!r}")
                seen.add(key.value)
            found.extend(_duplicate_keys(value))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(_duplicate_keys(item))
    return found


@deck_params
def test_no_duplicate_keys(path: Path) -> None:
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    problems = _duplicate_keys(node)
    assert not problems, problems_message(f"{path.name}: duplicate keys", problems)


# --------------------------------------------------------------------------- schema


def _stage_list_problems(where: str, value: object) -> list[str]:
    if not isinstance(value, list) or not value:
        return [f"{where}: stages must be a non-empty list, got {value!r}"]
    problems: list[str] = []
    allowed = {*STAGES, "any"}
    for item in value:
        if item not in allowed:
            problems.append(
                f"{where}: unknown stage {item!r} (allowed: {', '.join(sorted(allowed))})"
            )
    if len(set(map(str, value))) != len(value):
        problems.append(f"{where}: repeated stage in {value!r}")
    if "any" in value and len(value) > 1:
        problems.append(f"{where}: 'any' must stand alone, got {value!r}")
    return problems


def _card_problems(where: str, card: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    keys = set(card)
    for key in sorted(CARD_REQUIRED - keys):
        problems.append(f"{where}: missing key {key!r}")
    for key in sorted(keys - CARD_KEYS, key=str):
        problems.append(f"{where}: unknown key {key!r}")
    if "id" in card and not isinstance(card["id"], str):
        problems.append(f"{where}: id must be a string")
    if "text" in card and not isinstance(card["text"], str):
        problems.append(f"{where}: text must be a string")
    depth = card.get("depth")
    if "depth" in card and (isinstance(depth, bool) or depth not in (1, 2, 3)):
        problems.append(f"{where}: depth must be 1, 2 or 3, got {depth!r}")
    if "kind" in card and card["kind"] not in KINDS:
        problems.append(f"{where}: kind must be one of {sorted(KINDS)}, got {card['kind']!r}")
    if "stages" in card:
        problems.extend(_stage_list_problems(where, card["stages"]))
    if "table" in card and card["table"] not in TABLES:
        problems.append(f"{where}: table must be one of {sorted(TABLES)}, got {card['table']!r}")
    for key in ("theme", "follow_up"):
        if key in card and not isinstance(card[key], str):
            problems.append(f"{where}: {key} must be a string, got {card[key]!r}")
    for key in ("both", "mature"):
        if key in card and not isinstance(card[key], bool):
            problems.append(f"{where}: {key} must be true or false, got {card[key]!r}")
    if "minutes" in card:
        minutes = card["minutes"]
        if (
            isinstance(minutes, bool)
            or not isinstance(minutes, int)
            or not MINUTES_MIN <= minutes <= MINUTES_MAX
        ):
            problems.append(
                f"{where}: minutes must be a whole number {MINUTES_MIN}-{MINUTES_MAX}, "
                f"got {minutes!r}"
            )
    return problems


@deck_params
def test_deck_schema(path: Path) -> None:
    deck = load_deck(path)
    problems: list[str] = []
    keys = set(deck)
    for key in sorted(TOP_REQUIRED - keys):
        problems.append(f"{path.name}: missing top-level key {key!r}")
    for key in sorted(keys - TOP_KEYS, key=str):
        problems.append(f"{path.name}: unknown top-level key {key!r}")
    schema = deck.get("schema")
    if isinstance(schema, bool) or schema != 1:
        problems.append(f"{path.name}: schema must be 1, got {schema!r}")
    deck_id = deck.get("id")
    if not isinstance(deck_id, str) or not SLUG.match(deck_id):
        problems.append(f"{path.name}: id must be a slug, got {deck_id!r}")
    title = deck.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(f"{path.name}: title must be a non-empty string")
    if "description" in deck and not isinstance(deck["description"], str):
        problems.append(f"{path.name}: description must be a string")
    if "audience" in deck and deck["audience"] not in AUDIENCES:
        problems.append(
            f"{path.name}: audience must be one of {sorted(AUDIENCES)}, got {deck['audience']!r}"
        )
    if "stages" in deck:
        problems.extend(_stage_list_problems(path.name, deck["stages"]))
    if "table" in deck and deck["table"] not in TABLES:
        problems.append(
            f"{path.name}: table must be one of {sorted(TABLES)}, got {deck['table']!r}"
        )
    language = deck.get("language", "en")
    if not isinstance(language, str) or not language.strip():
        problems.append(f"{path.name}: language must be a non-empty string")
    cards = deck.get("cards")
    if not isinstance(cards, list) or not cards:
        problems.append(f"{path.name}: cards must be a non-empty list")
        cards = []
    for index, card in enumerate(cards):
        if not isinstance(card, dict):
            problems.append(f"{path.name}: card #{index + 1} must be a mapping, got {card!r}")
            continue
        where = f"{deck_id}/{card.get('id', f'#{index + 1}')}"
        problems.extend(_card_problems(where, card))
    assert not problems, problems_message(f"{path.name}: schema problems", problems)


def test_deck_ids_unique_across_files() -> None:
    owners: dict[object, list[str]] = {}
    for path in DECK_FILES:
        owners.setdefault(load_deck(path).get("id"), []).append(path.name)
    clashes = [
        f"{deck_id!r} in {', '.join(files)}" for deck_id, files in owners.items() if len(files) > 1
    ]
    assert not clashes, problems_message("deck ids used by more than one file", clashes)


@deck_params
def test_card_ids_unique_and_slugs(path: Path) -> None:
    cards = deck_cards(path)
    problems = [
        f"{card.label}: card id is not a slug"
        for card in cards
        if not isinstance(card.raw.get("id"), str) or not SLUG.match(card.raw["id"])
    ]
    counts = Counter(card.raw.get("id") for card in cards)
    problems += [f"{path.stem}/{card_id}: used {n} times" for card_id, n in counts.items() if n > 1]
    assert not problems, problems_message(f"{path.name}: card id problems", problems)


# --------------------------------------------------------------------------- text


def _texts(card: CardInfo) -> list[tuple[str, object]]:
    fields = [("text", card.raw.get("text"))]
    if "follow_up" in card.raw:
        fields.append(("follow_up", card.raw.get("follow_up")))
    return fields


@deck_params
def test_text_length_and_single_paragraph(path: Path) -> None:
    problems: list[str] = []
    for card in deck_cards(path):
        for field, value in _texts(card):
            if not isinstance(value, str):
                problems.append(f"{card.label}: {field} must be a string")
                continue
            if not TEXT_MIN <= len(value) <= TEXT_MAX:
                problems.append(
                    f"{card.label}: {field} has {len(value)} characters "
                    f"(allowed {TEXT_MIN}-{TEXT_MAX})"
                )
            if "\n" in value or "\r" in value:
                problems.append(f"{card.label}: {field} must be one paragraph (no line breaks)")
    assert not problems, problems_message(f"{path.name}: text problems", problems)


@deck_params
def test_themes_from_vocabulary(path: Path) -> None:
    problems: list[str] = []
    for card in deck_cards(path):
        theme = card.raw.get("theme")
        if theme is None:
            if card.is_question:
                problems.append(f"{card.label}: question has no theme")
        elif theme not in THEMES:
            problems.append(f"{card.label}: theme {theme!r} is not in the vocabulary")
    assert not problems, problems_message(f"{path.name}: theme problems", problems)


@deck_params
def test_questions_are_open_ended(path: Path) -> None:
    problems: list[str] = []
    for card in deck_cards(path):
        if not card.is_question:
            continue
        for field, value in _texts(card):
            if isinstance(value, str) and (match := YES_NO_OPENER.match(value)):
                problems.append(
                    f"{card.label}: {field} opens with yes/no {match.group(0).strip()!r}: {value!r}"
                )
    assert not problems, problems_message(f"{path.name}: closed (yes/no) questions", problems)


@deck_params
def test_no_gendered_words(path: Path) -> None:
    problems: list[str] = []
    for card in deck_cards(path):
        for field, value in _texts(card):
            if isinstance(value, str):
                words = sorted({match.group(0) for match in GENDERED_WORD.finditer(value)})
                if words:
                    problems.append(f"{card.label}: {field} uses {', '.join(words)}: {value!r}")
    assert not problems, problems_message(f"{path.name}: gendered words", problems)


def normalise(text: str) -> str:
    """Lowercase, punctuation removed, whitespace collapsed."""
    text = re.sub(r"[^\w\s]|_", "", text.lower())
    return " ".join(text.split())


def _common_characters(counts: Counter[str], other: Counter[str]) -> int:
    """Size of the multiset intersection of two texts' characters (as in ``quick_ratio``)."""
    common = 0
    for char, count in counts.items():
        other_count = other.get(char, 0)
        common += count if count < other_count else other_count
    return common


def _char_masks(text: str) -> dict[str, int]:
    """For each character, a bit mask of the positions where it occurs in ``text``."""
    masks: dict[str, int] = {}
    for position, char in enumerate(text):
        masks[char] = masks.get(char, 0) | (1 << position)
    return masks


def _lcs_length(text: str, other: str, other_masks: dict[str, int]) -> int:
    """Length of the longest common subsequence of two texts (bit-parallel algorithm).

    SequenceMatcher's matching blocks form a common subsequence, so ``2 * lcs / total``
    bounds ``ratio()`` from above, in both orders of the texts, much more tightly than
    ``quick_ratio`` and at a fraction of the cost of ``ratio()``.
    """
    full = (1 << len(other)) - 1
    row = full
    for char in text:
        matches = row & other_masks.get(char, 0)
        row = ((row + matches) | (row - matches)) & full
    return len(other) - bin(row).count("1")


def near_duplicates(cards: Iterable[CardInfo], threshold: float) -> list[tuple[str, str, float]]:
    """Pairs of cards whose normalised texts have a SequenceMatcher ratio above ``threshold``.

    ``ratio()`` depends on the order of the two texts, so both orders are tried. Cheap
    upper bounds rule out almost every pair first: the length bound
    (``real_quick_ratio``), the shared-characters bound (``quick_ratio``, first from
    character counts computed once per text) and the longest common subsequence.
    """
    items = sorted(
        ((normalise(card.text), card.label) for card in cards), key=lambda item: len(item[0])
    )
    counts = [Counter(text) for text, _ in items]
    masks = [_char_masks(text) for text, _ in items]
    found: list[tuple[str, str, float]] = []
    for index, (short, short_label) in enumerate(items):
        matcher = difflib.SequenceMatcher(None)
        matcher.set_seq2(short)  # the matcher's index of ``short`` is built once
        for other in range(index + 1, len(items)):
            long, long_label = items[other]
            total = len(short) + len(long)
            # Sorted by length: once even a perfect match of the shorter text cannot
            # reach the threshold (real_quick_ratio), no later, longer text can either.
            if not total or 2 * len(short) / total <= threshold:
                break
            if 2 * _common_characters(counts[index], counts[other]) / total <= threshold:
                continue
            matcher.set_seq1(long)
            if matcher.real_quick_ratio() <= threshold or matcher.quick_ratio() <= threshold:
                continue
            if 2 * _lcs_length(short, long, masks[other]) / total <= threshold:
                continue
            ratio = max(matcher.ratio(), difflib.SequenceMatcher(None, short, long).ratio())
            if ratio > threshold:
                found.append((short_label, long_label, ratio))
    return found


def test_no_near_duplicate_cards() -> None:
    pairs = near_duplicates(all_cards(), NEAR_DUPLICATE_RATIO)
    problems = [f"{a} ~ {b} (ratio {ratio:.2f})" for a, b, ratio in sorted(pairs)]
    assert not problems, problems_message(
        f"card texts more than {NEAR_DUPLICATE_RATIO:.0%} alike", problems
    )


# --------------------------------------------------------------------------- amounts


@pytest.mark.parametrize("stage", STAGES)
def test_stage_has_enough_questions_per_depth(stage: str) -> None:
    deck_file(stage)
    fitting = [
        card
        for card in all_cards()
        if card.is_question and not card.mature and stage in card.stages
    ]
    counts = Counter(card.depth for card in fitting)
    short = [
        f"depth {depth}: {counts.get(depth, 0)} < {STAGE_QUESTIONS_PER_DEPTH}"
        for depth in (1, 2, 3)
        if counts.get(depth, 0) < STAGE_QUESTIONS_PER_DEPTH
    ]
    assert not short, problems_message(f"stage {stage!r}: too few non-mature questions", short)


@pytest.mark.parametrize("stage", STAGES)
def test_stage_has_enough_themes(stage: str) -> None:
    deck_file(stage)
    themes = {
        card.theme
        for card in all_cards()
        if card.is_question and stage in card.stages and card.theme
    }
    assert len(themes) >= STAGE_THEMES, (
        f"stage {stage!r}: {len(themes)} themes among its questions, need {STAGE_THEMES}: "
        f"{', '.join(sorted(themes))}"
    )


@pytest.mark.parametrize("name", SITUATION_DECKS)
def test_situation_deck_size_and_depths(name: str) -> None:
    cards = deck_cards(deck_file(name))
    assert len(cards) >= SITUATION_MIN_CARDS, (
        f"{name}: {len(cards)} cards, need {SITUATION_MIN_CARDS}"
    )
    depths = {card.depth for card in cards}
    missing = [depth for depth in (1, 2, 3) if depth not in depths]
    assert not missing, f"{name}: no cards at depth {missing}"


def test_enough_action_cards() -> None:
    actions = [card for card in all_cards() if card.kind == "action"]
    timed = [card for card in actions if card.timed]
    assert len(actions) >= MIN_ACTIONS, f"{len(actions)} action cards, need {MIN_ACTIONS}"
    assert len(timed) >= MIN_TIMED_ACTIONS, (
        f"{len(timed)} timed action cards, need {MIN_TIMED_ACTIONS}"
    )


def test_enough_closing_cards() -> None:
    closings = [card for card in all_cards() if card.kind == "closing"]
    assert len(closings) >= MIN_CLOSINGS, f"{len(closings)} closing cards, need {MIN_CLOSINGS}"


@pytest.mark.parametrize("stage", STAGES)
def test_stage_has_a_closing_card(stage: str) -> None:
    fitting = [card for card in all_cards() if card.kind == "closing" and stage in card.stages]
    assert fitting, f"stage {stage!r}: no closing card fits it"


def test_enough_listening_tips() -> None:
    tips = [card for card in all_cards() if card.kind == "tip"]
    assert len(tips) >= MIN_TIPS, f"{len(tips)} tips, need {MIN_TIPS}"


def test_enough_cards_in_all() -> None:
    total = len(all_cards())
    assert total >= MIN_CARDS, f"{total} cards in all decks, need {MIN_CARDS}"


def _follow_up_share(cards: Iterable[CardInfo]) -> tuple[int, int]:
    questions = [card for card in cards if card.is_question]
    return sum(1 for card in questions if card.follow_up), len(questions)


def test_follow_up_share_overall() -> None:
    with_follow_up, questions = _follow_up_share(all_cards())
    assert questions, "no question cards at all"
    share = with_follow_up / questions
    assert share >= MIN_FOLLOW_UP_SHARE, (
        f"{with_follow_up}/{questions} questions ({share:.0%}) have a follow_up, "
        f"need {MIN_FOLLOW_UP_SHARE:.0%}"
    )


@pytest.mark.parametrize("stage", STAGES)
def test_follow_up_share_per_stage_deck(stage: str) -> None:
    with_follow_up, questions = _follow_up_share(deck_cards(deck_file(stage)))
    assert questions, f"{stage}.yaml: no question cards"
    share = with_follow_up / questions
    assert share >= MIN_FOLLOW_UP_SHARE, (
        f"{stage}.yaml: {with_follow_up}/{questions} questions ({share:.0%}) have a follow_up, "
        f"need {MIN_FOLLOW_UP_SHARE:.0%}"
    )


@deck_params
def test_mature_cards_only_for_romantic_stages(path: Path) -> None:
    problems = [
        f"{card.label}: mature card fits {', '.join(sorted(card.stages - set(ROMANTIC_STAGES)))}"
        for card in deck_cards(path)
        if card.mature and not card.stages <= set(ROMANTIC_STAGES)
    ]
    assert not problems, problems_message(
        f"{path.name}: mature cards outside romantic stages", problems
    )


@pytest.mark.parametrize("stage", ROMANTIC_STAGES)
def test_enough_mature_cards_per_romantic_stage(stage: str) -> None:
    mature = [card for card in all_cards() if card.mature and stage in card.stages]
    assert len(mature) >= MIN_MATURE_PER_ROMANTIC_STAGE, (
        f"stage {stage!r}: {len(mature)} mature cards fit it, need {MIN_MATURE_PER_ROMANTIC_STAGE}"
    )
