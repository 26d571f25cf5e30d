"""The names players see for stages, depths, shapes and depth plans."""

from __future__ import annotations

from closeness_cards.core.cards import Depth, Stage
from closeness_cards.core.game import DepthPlan, Shape

STAGE_LABELS: dict[Stage, str] = {
    Stage.DATING: "Dating",
    Stage.EARLY: "Early days",
    Stage.COMMITTED: "Committed",
    Stage.LONG_TERM: "Long-term",
    Stage.PARENTHOOD: "Parenthood",
    Stage.LATER_LIFE: "Later life",
    Stage.FRIENDS: "Friends",
    Stage.FAMILY: "Family (grown-ups)",
    Stage.FAMILY_KIDS: "Family with kids (8-17)",
}
DEPTH_LABELS: dict[Depth, str] = {
    Depth.WARM_UP: "warm-up",
    Depth.OPEN_UP: "open up",
    Depth.DEEP: "deep",
}
SHAPE_LABELS: dict[Shape, str] = {
    Shape.QUICK: "Quick (6 cards, about 10 minutes)",
    Shape.STANDARD: "Standard (12 cards)",
    Shape.THREE_SETS: "Three sets (36 cards, a pause between sets)",
    Shape.OPEN: "Open-ended (until you stop)",
}
PLAN_LABELS: dict[DepthPlan, str] = {
    DepthPlan.RISE: "Rise: warm-up, then open up, then deep",
    DepthPlan.GENTLE: "Gentle: never past open up",
    DepthPlan.ONE: "Warm-up only",
    DepthPlan.TWO: "Open up only",
    DepthPlan.THREE: "Deep only",
}


def stage_label(stage: Stage | str) -> str:
    """A stage as players read it; a stored name no stage has is shown as it is."""
    try:
        return STAGE_LABELS[Stage(stage)]
    except ValueError:
        return str(stage)


def shape_label(shape: str) -> str:
    """A stored shape in a word ("Quick", "Three sets"); one no shape has is shown as it is."""
    try:
        return SHAPE_LABELS[Shape(shape)].split(" (")[0]
    except ValueError:
        return shape


def depth_label(depth: Depth | int) -> str:
    """A depth as players read it ("warm-up"); a stored number no depth has reads "other"."""
    try:
        return DEPTH_LABELS[Depth(depth)]
    except ValueError:
        return "other"


def stages_heading(stages: list[str] | tuple[str, ...]) -> str:
    """The heading for a kept card: its first stage, or "Any stage"."""
    return stage_label(stages[0]) if stages else "Any stage"
