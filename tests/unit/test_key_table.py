"""ONE key table feeds the TUI's bindings, the help screen, plain mode and the README."""

from __future__ import annotations

from closeness_cards.text.keys import APP_KEYS, KEYS, PLAY_KEYS, plain_actions, readme_rows
from support import REPO


def test_the_readme_key_table_is_the_key_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Keys") :]
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]
    assert rows[: len(KEYS)] == readme_rows()


def test_every_key_has_one_id_and_one_binding() -> None:
    ids = [key.id for key in KEYS]
    assert len(ids) == len(set(ids))
    bound = [part for key in KEYS for part in key.bind.split(",")]
    assert len(bound) == len(set(bound))


def test_plain_mode_takes_every_play_action() -> None:
    actions = plain_actions()
    assert set(actions.values()) == {k.id for k in PLAY_KEYS} | {"help"}
    assert actions[""] == "done"


def test_the_play_screen_and_the_app_bind_the_table() -> None:
    from closeness_cards.tui.app import CardsApp
    from closeness_cards.tui.screens.play import PlayScreen

    play = {b.id: b.key for b in PlayScreen.BINDINGS if not isinstance(b, tuple)}  # type: ignore[union-attr]
    assert play == {key.id: key.bind for key in PLAY_KEYS}
    app = {b.id: b.key for b in CardsApp.BINDINGS if not isinstance(b, tuple)}  # type: ignore[union-attr]
    assert {k: v for k, v in app.items()} == {key.id: key.bind for key in APP_KEYS if key.id in app}
    assert {"quit", "help", "favourites", "history", "decks"} <= set(app)
