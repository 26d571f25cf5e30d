"""Cards, decks, libraries and deck problems behave as the frozen values they were."""

from __future__ import annotations

import copy
import pickle
import sys

import pytest

from closeness_cards.core.cards import (
    ALL_STAGES,
    CARD_FIELDS,
    Card,
    Deck,
    Depth,
    Fits,
    Kind,
    Stage,
    cards_from_columns,
)
from closeness_cards.core.deal import Deal, DepthPlan, Options, Shape, Step
from closeness_cards.core.deckfile import DeckProblem
from closeness_cards.core.library import Library

DATING = frozenset({Stage.DATING})


def card(**changes: object) -> Card:
    fields: dict[str, object] = {"deck_id": "d", "id": "c", "text": "Tell me more.", "depth": 2}
    fields.update(changes)
    return Card(**fields)  # type: ignore[arg-type]


def test_defaults_and_derived_ids() -> None:
    one = card()
    assert (one.kind, one.stages, one.theme, one.table, one.line, one.tip) == (
        Kind.QUESTION,
        ALL_STAGES,
        None,
        None,
        0,
        None,
    )
    assert (one.both, one.mature, one.touch) == (False, False, False)
    assert one.global_id == "d/c"
    assert one.idea_key == "d/c"
    assert card(idea="same").idea_key == "idea:same"


def test_equal_cards_are_equal_and_hash_alike_and_others_are_not() -> None:
    assert card() == card()
    assert hash(card()) == hash(card())
    assert card() != card(line=3)
    assert card() != card(deck_id="e")
    assert len({card(), card(), card(tip="A tip for listening.")}) == 2


def test_a_card_is_never_equal_to_a_tuple_of_its_values() -> None:
    one = card()
    as_tuple = tuple(one)
    assert one != as_tuple
    assert as_tuple != one
    assert not one == as_tuple  # noqa: SIM201 - the == operator itself is under test


def test_cards_have_no_order_and_cannot_be_changed() -> None:
    with pytest.raises(TypeError):
        _ = card() < card()
    with pytest.raises(AttributeError):
        card().text = "Something else entirely."  # type: ignore[misc]
    with pytest.raises(AttributeError):
        card().colour = "red"  # type: ignore[attr-defined]


def test_replace_changes_the_named_fields_and_keeps_the_ids_right() -> None:
    changed = card(idea="one").replace(id="other", idea=None, depth=Depth.DEEP)
    assert changed == card(id="other", depth=Depth.DEEP)
    assert changed.global_id == "d/other"
    assert changed.idea_key == "d/other"
    with pytest.raises(TypeError):
        card().replace(colour="red")


def test_repr_names_every_field_in_order() -> None:
    shown = repr(card())
    assert shown.startswith("Card(deck_id='d', id='c', text='Tell me more.', depth=2")
    positions = [shown.index(f" {name}=") for name in CARD_FIELDS[1:]]
    assert positions == sorted(positions)


def test_copies_and_pickles_are_equal_cards() -> None:
    one = card(idea="same", table=Fits.PAIR)
    for other in (copy.copy(one), copy.deepcopy(one), pickle.loads(pickle.dumps(one))):
        assert type(other) is Card
        assert other == one
        assert other.idea_key == "idea:same"


def test_cards_from_columns_are_the_cards_built_one_by_one() -> None:
    built = [
        card(id="a", text="First question here.", depth=Depth.WARM_UP, line=4),
        card(id="b", kind=Kind.ACTION, minutes=3, both=True, stages=DATING, idea="x", line=9),
        card(id="c", theme="trust", follow_up="And then what?", mature=True, touch=True),
    ]
    columns = list(zip(*built, strict=True))[1 : len(CARD_FIELDS)]
    made = cards_from_columns("d", columns)
    assert made == tuple(built)
    assert [c.idea_key for c in made] == ["d/a", "idea:x", "d/c"]
    assert all(type(c) is Card for c in made)
    with pytest.raises(ValueError):
        cards_from_columns("d", columns[1:])


def test_decks_are_equal_whatever_their_source() -> None:
    one = Deck("d", "Deck", (card(),), source=None)
    other = Deck("d", "Deck", (card(),), builtin=False)
    assert one == other
    assert hash(one) == hash(other)
    assert Deck("d", "Deck", (card(),), optional=True) != one
    assert "source=None" in repr(one)
    assert repr(one).startswith("Deck(id='d', title='Deck', cards=(Card(")


def test_libraries_and_problems_compare_by_value() -> None:
    deck = Deck("d", "Deck", (card(),))
    assert Library((deck,)) == Library((deck,))
    assert hash(Library((deck,))) == hash(Library((deck,)))
    assert Library((deck,)).card("d/c") == card()
    problem = DeckProblem("a.yaml", 3, 1, "wrong")
    assert problem == DeckProblem("a.yaml", 3, 1, "wrong", "")
    assert problem != DeckProblem("a.yaml", 3, 1, "wrong", "a hint")
    assert hash(problem) == hash(DeckProblem("a.yaml", 3, 1, "wrong"))
    assert repr(problem) == (
        "DeckProblem(path='a.yaml', line=3, column=1, message='wrong', hint='')"
    )


def test_the_card_types_do_not_import_dataclasses() -> None:
    # Importing dataclasses brings inspect, ast, dis and tokenize: a cost at every start.
    import subprocess

    code = (
        "import sys; import closeness_cards.core.library, closeness_cards.core.deckcache,"
        " closeness_cards.core.game, closeness_cards.table.setup, closeness_cards.table.dealing;"
        " print('dataclasses' in sys.modules)"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False"


def test_deal_values_compare_hash_print_and_replace_as_dataclasses_did() -> None:
    options = Options(("Ana", "Ben"), Stage.DATING)
    assert options == Options(("Ana", "Ben"), Stage.DATING, Shape.QUICK, DepthPlan.RISE, 0)
    assert hash(options) == hash(Options(("Ana", "Ben"), Stage.DATING))
    assert options.replace(seed=7) == Options(("Ana", "Ben"), Stage.DATING, seed=7)
    assert options.replace(seed=7) != options
    assert repr(options).startswith("Options(players=('Ana', 'Ben'), stage=<Stage.DATING")
    with pytest.raises(TypeError):
        options.replace(colour="red")
    step = Step(card(), "Ana", ("Ben",))
    assert step.replace(reader="Ben") == Step(card(), "Ben", ("Ben",))
    assert step.replace(reader="Ben").answerers == ("Ben",)
    assert Deal(options, (step,)) == Deal(options, (step,), ())
    assert Deal(options, (step,)) != Deal(options, (step,), (card(),))
    assert Deal(options, (step,)) != (options, (step,), ())


def test_choices_take_replace_as_the_other_values_do() -> None:
    from closeness_cards.table.setup import DEFAULT_PLAYERS, Choices

    assert Choices() == Choices(DEFAULT_PLAYERS, Stage.DATING)
    changed = Choices(seed=4).replace(opening=False)
    assert changed == Choices(seed=4, opening=False)
    assert (changed.opening, changed.check_in, changed.seed) == (False, True, 4)
    with pytest.raises(TypeError):
        Choices().replace(colour="red")
    with pytest.raises(AttributeError):
        Choices().colour = "red"  # type: ignore[attr-defined]
