"""Hostile deck files: each refused quickly with located messages, by the loader and the CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from closeness_cards.core import deckfile
from closeness_cards.core.deckfile import DeckError, read_deck_file
from closeness_cards.core.library import load_library
from support import REPO
from support.decks import BAD_DECKS, VALID_DECK, run_cli, write

TIME_LIMIT = 2.0
"""Seconds any refusal may take; every one of them takes milliseconds."""
AT_ONCE = 0.5
"""Seconds for the refusals that must not even start parsing (bombs, huge files)."""

STATIC = sorted(path.name for path in BAD_DECKS.glob("*.yaml"))
DEEP = ("deep_flow.yaml", "deep_flow_mappings.yaml", "deep_block.yaml", "deep_indent.yaml")
"""Nesting that crashes PyYAML's C composer: always tried in a child process."""

# What the first problem of some files must say, and on which line (0: the whole file).
EXPECTED: dict[str, tuple[str, int]] = {
    "malformed.yaml": ("malformed YAML", 6),
    "tabs.yaml": ("use spaces, not tabs", 5),
    "top_level_list.yaml": ("a deck must be a mapping", 1),
    "top_level_scalar.yaml": ("a deck must be a mapping", 1),
    "empty.yaml": ("the file is empty", 0),
    "comments_only.yaml": ("the file is empty", 0),
    "duplicate_key_deck.yaml": ("duplicate key 'title' in the deck", 4),
    "duplicate_key_card.yaml": ("duplicate key 'depth' in a card", 8),
    "duplicate_card_ids.yaml": ("duplicate card id 'one' (first used on line 5)", 8),
    "anchors.yaml": ("anchors and aliases are not allowed", 6),
    "python_name.yaml": ("python/name:os.system is not allowed", 3),
    "merge_key.yaml": ("the deck has no 'title'", 1),
    "two_documents.yaml": ("holds one YAML document", 8),
    "unknown_key_deck.yaml": ("did you mean 'title'?", 3),
    "unknown_key_card.yaml": ("did you mean 'depth'?", 7),
    "wrong_type_depth.yaml": ("'depth' must be a whole number from 1 to 3", 7),
    "wrong_type_text.yaml": ("'text' must be text", 6),
    "wrong_type_both.yaml": ("'both' must be true or false", 8),
    "wrong_type_cards.yaml": ("'cards' must be a list of cards", 5),
    "depth_out_of_range.yaml": ("'depth' must be a whole number from 1 to 3", 7),
    "minutes_out_of_range.yaml": ("'minutes' must be a whole number from 1 to 60", 9),
    "bad_enum_stage.yaml": ("did you mean 'dating'?", 4),
    "future_schema.yaml": ("schema 2 is newer than this version", 1),
    "control_escape.yaml": ("U+001B", 6),
    "control_bell.yaml": ("U+0007", 6),
    "bidi_override.yaml": ("U+202E", 6),
    "bidi_isolate.yaml": ("U+2066", 6),
    "number_form.yaml": ("'depth' must be a whole number from 1 to 3 (write it in plain", 7),
    "hidden_tags.yaml": ("'text' contains an invisible tag character (U+E0069)", 6),
    "blank_text.yaml": ("'text' shows nothing", 6),
    "escape_in_key.yaml": ("unknown key '\\x1b]52;c;aGk=\\x07\\nfixture.yaml:1:1: fine'", 8),
    "raw_escape.yaml": ("(U+001B)", 10),
    "binary.bin": ("binary file", 0),
    "latin1.yaml": ("not UTF-8", 3),
    "utf16.yaml": ("UTF-16", 0),
    "huge.yaml": ("too large", 0),
    "folder": ("this is a folder", 0),
    "fifo": ("not a regular file", 0),
    "python_apply.yaml": ("python/object/apply:os.system is not allowed", 1),
}
# Deep nesting may be refused by our walker or by libyaml's own nesting limit (PyYAML 6.0.4
# bundles one): either refusal is right, so only the refusal and its location are checked.
LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): \S")


def _generate(folder: Path) -> dict[str, Path]:
    """The hostile inputs too big, too odd or too dangerous to keep in the repository."""
    made: dict[str, Path] = {}

    def put(name: str, data: str | bytes) -> None:
        made[name] = write(folder / name, data)

    put("binary.bin", bytes(range(256)) * 16)
    put("latin1.yaml", "schema: 1\nid: fixture\ntitle: Café au lait\n".encode("latin-1"))
    put("utf16.yaml", VALID_DECK.encode("utf-16"))
    put("raw_escape.yaml", VALID_DECK.replace("What is a small", "\x1b[31mWhat is a small"))
    marker = folder / "pwned"
    put(
        "python_apply.yaml",
        f'!!python/object/apply:os.system ["touch {marker}"]\n'
        f"---\n!!python/object/new:subprocess.call [[touch, {marker}]]\n",
    )
    put("deep_flow.yaml", "[" * 100_000 + "]" * 100_000)
    put("deep_flow_mappings.yaml", "{a: " * 100_000 + "}" * 100_000)
    put("deep_block.yaml", "- " * 100_000 + "x\n")
    put("deep_indent.yaml", "".join(" " * level + "a:\n" for level in range(2_000)) + "  x\n")
    huge = folder / "huge.yaml"
    with open(huge, "wb") as handle:  # sparse: 100 MB that takes no disk space
        handle.truncate(100 * 1024 * 1024)
    made["huge.yaml"] = huge
    made["folder"] = folder / "folder"
    made["folder"].mkdir()
    made["fifo"] = folder / "fifo"
    os.mkfifo(made["fifo"])
    return made


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every hostile input by name: the fixture files and those generated here."""
    made = _generate(tmp_path_factory.mktemp("hostile"))
    return {**{name: BAD_DECKS / name for name in STATIC}, **made}


_LOADER = """\
import sys, time
from pathlib import Path
from closeness_cards.core.deckfile import DeckError, read_deck_file
began = time.perf_counter()
try:
    read_deck_file(Path(sys.argv[1]))
except DeckError as error:
    print(f"refused in {time.perf_counter() - began:.3f}")
    for problem in error.problems:
        print(problem)
"""


@pytest.fixture(scope="module")
def runs(
    hostile: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, subprocess.CompletedProcess[str]]:
    """`decks validate` on every input (and the loader alone on the deep ones), in parallel."""
    home = tmp_path_factory.mktemp("home")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "CLOSENESS_CARDS_HOME": str(home)}

    def loader(path: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", _LOADER, str(path)]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {
            name: pool.submit(run_cli, "decks", "validate", str(path), home=home)
            for name, path in hostile.items()
        }
        futures |= {f"loader:{name}": pool.submit(loader, hostile[name]) for name in DEEP}
        return {name: future.result() for name, future in futures.items()}


def _refuse(path: Path) -> tuple[DeckError, float]:
    began = time.perf_counter()
    with pytest.raises(DeckError) as caught:
        read_deck_file(path)
    return caught.value, time.perf_counter() - began


IN_PROCESS = sorted(set(STATIC) | set(EXPECTED) - set(DEEP))


@pytest.mark.parametrize("name", IN_PROCESS)
def test_the_loader_refuses_it_quickly_and_says_where(name: str, hostile: dict[str, Path]) -> None:
    path = hostile[name]
    error, elapsed = _refuse(path)
    assert elapsed < TIME_LIMIT
    assert error.problems
    assert all(problem.path == str(path) for problem in error.problems)
    assert all(str(problem).startswith(f"{path}:") for problem in error.problems)
    if name in EXPECTED:
        words, line = EXPECTED[name]
        first = error.problems[0]
        assert words in str(first), str(first)
        assert first.line == line, str(first)


@pytest.mark.parametrize("name", DEEP)
def test_deep_nesting_is_refused_before_anything_recurses(
    name: str, runs: dict[str, subprocess.CompletedProcess[str]], hostile: dict[str, Path]
) -> None:
    # In a child process: PyYAML's composer would segfault on these, taking pytest along.
    result = runs[f"loader:{name}"]
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("refused in ")
    assert float(lines[0].split()[-1]) < TIME_LIMIT
    refusals = [LOCATED.match(text) for text in lines[1:]]
    assert refusals
    assert all(m is not None and m["path"] == str(hostile[name]) for m in refusals), lines


@pytest.mark.parametrize("name", sorted(set(STATIC) | set(EXPECTED) | set(DEEP)))
def test_decks_validate_exits_2_with_located_lines(
    name: str, runs: dict[str, subprocess.CompletedProcess[str]], hostile: dict[str, Path]
) -> None:
    result, path = runs[name], hostile[name]
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert lines
    assert all(line.startswith(f"{path}:") for line in lines), lines
    if name in DEEP:
        assert all(LOCATED.match(text) for text in lines), lines
    if name in EXPECTED and name != "folder":  # validate reads a folder's decks instead
        words, line = EXPECTED[name]
        where = f"{path}:{line}:" if line else f"{path}: "
        assert any(text.startswith(where) and words in text for text in lines), lines
    if name not in DEEP and name != "folder":  # the CLI prints what the loader found, all of it
        error, _ = _refuse(path)
        assert lines == [str(problem) for problem in error.problems]


def test_python_tags_construct_nothing(
    hostile: dict[str, Path], runs: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    marker = hostile["python_apply.yaml"].parent / "pwned"
    _refuse(hostile["python_apply.yaml"])
    _refuse(hostile["python_name.yaml"])
    assert runs["python_apply.yaml"].returncode == 2
    assert not marker.exists()


def test_a_billion_laughs_is_refused_at_once(hostile: dict[str, Path]) -> None:
    error, elapsed = _refuse(hostile["billion_laughs.yaml"])
    assert elapsed < AT_ONCE
    anchors = [p for p in error.problems if "anchors and aliases" in p.message]
    assert len(anchors) == 1  # reported once, not once per alias


def test_a_huge_file_is_refused_by_its_size_before_parsing(
    hostile: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr(deckfile.os, "open", never)
    error, elapsed = _refuse(hostile["huge.yaml"])
    assert elapsed < AT_ONCE
    assert "100 MiB; the limit is 16 MiB" in str(error.problems[0])


def test_bytes_over_the_limit_are_refused_whatever_the_file_said(tmp_path: Path) -> None:
    data = b"# " + b"x" * deckfile.MAX_DECK_BYTES
    with pytest.raises(DeckError, match="too large"):
        deckfile.parse_deck(data, tmp_path / "grown.yaml")


def test_several_errors_are_all_reported(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    lines = runs["several_errors.yaml"].stderr.splitlines()
    assert len(lines) == 5
    assert [line.split(":")[1] for line in lines] == ["2", "6", "7", "11", "12"]


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads a chmod 000 file; see the simulated case")
    path = write(tmp_path / "locked.yaml", VALID_DECK)
    path.chmod(0)
    try:
        error, _ = _refuse(path)
        assert "cannot read it" in str(error.problems[0])
        result = run_cli("decks", "validate", str(path), home=tmp_path)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
    finally:
        path.chmod(0o600)


def test_an_unreadable_file_is_refused_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "locked.yaml", VALID_DECK)

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(deckfile.os, "open", denied)
    error, _ = _refuse(path)
    assert str(error.problems[0]) == f"{path}: cannot read it: Permission denied"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    error, _ = _refuse(tmp_path / "nowhere.yaml")
    assert "no such file" in str(error.problems[0])


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    deck = read_deck_file(write(tmp_path / "bom.yaml", b"\xef\xbb\xbf" + VALID_DECK.encode()))
    assert deck.id == "sample"
    assert deck.cards[0].line == 9


def test_a_second_deck_with_a_taken_id_is_refused_and_named(tmp_path: Path) -> None:
    first = write(tmp_path / "first.yaml", VALID_DECK)
    second = write(tmp_path / "second.yaml", VALID_DECK.replace("A sample deck", "Another"))
    library = load_library([first, second])
    assert [deck.title for deck in library.decks] == ["A sample deck"]
    [error] = library.problems
    assert error.problems[0].path == str(second)
    assert "deck id 'sample' is already used" in str(error)


def test_a_file_of_millions_of_problems_stops_early(tmp_path: Path) -> None:
    head = "schema: 1\nid: fixture\ntitle: Floods\ncards:\n"
    path = write(tmp_path / "flood.yaml", head + "- 1\n" * 4_000_000)
    error, elapsed = _refuse(path)
    assert elapsed < TIME_LIMIT
    assert len(error.problems) == deckfile.MAX_PROBLEMS + 1
    assert str(error.problems[-1]).endswith("stopped after 500 problems (fix these first)")
