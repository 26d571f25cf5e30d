"""Start-up cost: decks served from the cache never import the YAML parser."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support import REPO

LOAD = (
    "import json, sys\n"
    "from pathlib import Path\n"
    "from closeness_cards.core.library import load_library\n"
    "library = load_library(cache_dir=Path(sys.argv[1]))\n"
    "print(json.dumps([len(library.decks), len(library.problems), 'yaml' in sys.modules]))\n"
)


def load_in_fresh_process(cache: Path) -> list[object]:
    """Load the built-in decks in a new interpreter: deck count, problem count, yaml loaded."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", LOAD, str(cache)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    loaded: list[object] = json.loads(result.stdout)
    return loaded


def test_a_warm_cache_never_imports_yaml(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    decks, problems, cold_yaml = load_in_fresh_process(cache)
    assert decks and problems == 0
    assert cold_yaml  # parsing needs the parser: the test can tell the two runs apart
    assert load_in_fresh_process(cache) == [decks, 0, False]
