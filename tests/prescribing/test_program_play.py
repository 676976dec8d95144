"""program_play and program_timeline_out: the program as the patient plays it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcare.content import load_library
from backcare.content.schema import Routine
from backcare.export.program_shapes import program_timeline_out
from backcare.plans import SAFE_DEFAULT, PlanError, make_plan
from backcare.plans.suitability import hurt_reason
from backcare.playscript import build_script
from backcare.prescribing import (
    ProgramDraft,
    ProgramItem,
    check_program,
    dose_bounds,
    excluded_by,
    item_with_defaults,
    program_play,
)

LIB = load_library(Path(__file__).resolve().parents[2] / "content")
SLUGS = sorted(LIB.exercises)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def program(*items: ProgramItem, conditions: tuple[str, ...] = ()) -> ProgramDraft:
    return ProgramDraft(title="Back care", note="", days_per_week=3, conditions=conditions,
                        items=items)


def test_the_program_plays_in_order_at_its_doses() -> None:
    draft = program(item_with_defaults(LIB, "chin-tuck", reps=6),
                    item_with_defaults(LIB, "seated-ql-stretch", hold_seconds=20, sets=2))
    play = program_play(LIB, draft)
    steps = play.timeline.steps
    assert [s.exercise for s in steps][:1] == ["chin-tuck"]
    chin = [s for s in steps if s.exercise == "chin-tuck"]
    ql = [s for s in steps if s.exercise == "seated-ql-stretch"]
    assert len(chin) == 6 and len(ql) == 2 * 2 * 3  # 2 sets, both sides, its own 3 reps
    assert {s.hold_seconds for s in ql} == {20}
    assert play.left_out == () and play.chosen == ()


def test_it_takes_what_a_routine_takes_between_exercises() -> None:
    default = Routine.model_fields["transition_seconds"].default
    a, b = item_with_defaults(LIB, "chin-tuck"), item_with_defaults(LIB, "upper-trapezius-stretch")
    steps = program_play(LIB, program(a, b)).timeline.steps
    last_of_a = [s for s in steps if s.exercise == "chin-tuck"][-1]
    assert last_of_a.rest_seconds == default  # both seated: the transition alone


def test_an_exercise_that_hurt_is_left_out_with_the_planners_words() -> None:
    draft = program(item_with_defaults(LIB, "chin-tuck"), item_with_defaults(LIB, "bridge"))
    play = program_play(LIB, draft, {"bridge": date(2025, 3, 3)})
    assert {s.exercise for s in play.timeline.steps} == {"chin-tuck"}
    (out,) = play.left_out
    assert out.exercise == "bridge" and out.reason == "hurt-last-time"
    assert out.why == hurt_reason(date(2025, 3, 3)) and "3 March" in out.why
    # The planner says the same of the same day.
    plan = make_plan(LIB, "10-best-lower-back-exercises", SAFE_DEFAULT,
                     {"bridge": date(2025, 3, 3)})
    assert out in plan.left_out


def test_nothing_left_is_a_plan_error_that_says_why() -> None:
    draft = program(item_with_defaults(LIB, "bridge"))
    with pytest.raises(PlanError) as caught:
        program_play(LIB, draft, {"bridge": date(2025, 3, 3)})
    assert caught.value.message and caught.value.changes[0].kind == "hurt-last-time"


def test_a_chosen_exercise_is_played_and_named() -> None:
    cat_cow = replace(item_with_defaults(LIB, "cat-cow"), override=True)
    play = program_play(LIB, program(cat_cow, item_with_defaults(LIB, "chin-tuck"),
                                     conditions=("osteoporosis",)))
    assert play.chosen == ("cat-cow",)
    assert "cat-cow" in {s.exercise for s in play.timeline.steps}


def test_an_excluded_exercise_not_chosen_is_never_played() -> None:
    # check_program refuses such a program; if the rules change later, play stays safe.
    draft = program(item_with_defaults(LIB, "cat-cow"), item_with_defaults(LIB, "chin-tuck"),
                    conditions=("osteoporosis",))
    assert check_program(LIB, draft)
    play = program_play(LIB, draft)
    assert "cat-cow" not in {s.exercise for s in play.timeline.steps}
    assert [(o.exercise, o.reason) for o in play.left_out] == [("cat-cow", "condition")]


def test_the_conditions_cautions_and_advice_come_along() -> None:
    draft = program(item_with_defaults(LIB, "seated-ql-stretch"),
                    conditions=("osteoporosis", "spinal-surgery"))
    draft = replace(draft, items=(replace(draft.items[0], override=True),))
    shape = program_timeline_out(LIB, draft, "For Ana")
    assert shape.routine == "" and shape.title == "For Ana"
    assert [c.kind for c in shape.changes] == ["flagged"]
    assert any("surgeon" in line for line in shape.advice)


def test_the_shape_is_what_the_players_read() -> None:
    draft = program(item_with_defaults(LIB, "chin-tuck"), item_with_defaults(LIB, "bridge"))
    shape = program_timeline_out(LIB, draft, "Back care", {"bridge": date(2025, 3, 3)})
    assert shape.total_seconds == sum(p.seconds for p in shape.phases)
    assert shape.phases[-1].kind == "done"
    assert [o.reason for o in shape.left_out] == ["hurt-last-time"]
    assert shape.plan is None


@st.composite
def drafts(draw: st.DrawFn) -> ProgramDraft:
    items = []
    for slug in draw(st.lists(st.sampled_from(SLUGS), min_size=1, max_size=6)):
        bounds = dose_bounds(LIB, slug)
        items.append(ProgramItem(
            exercise=slug,
            hold_seconds=draw(st.integers(bounds.hold_seconds[0] - 2, bounds.hold_seconds[1] + 2)),
            reps=draw(st.integers(bounds.reps[0] - 1, bounds.reps[1] + 1)),
            sets=draw(st.integers(bounds.sets[0] - 1, bounds.sets[1] + 1)),
            override=draw(st.booleans())))
    conditions = draw(st.sampled_from([(), ("none-known",), ("other",)])
                      | st.lists(st.sampled_from(LIB.rules.names), unique=True).map(tuple))
    return program(*items, conditions=conditions)


@SETTINGS
@given(drafts())
def test_a_program_check_passes_only_within_bounds_and_with_every_exclusion_chosen(
        draft: ProgramDraft) -> None:
    if check_program(LIB, draft):
        return
    excluded = excluded_by(LIB, draft.conditions)
    for item in draft.items:
        assert dose_bounds(LIB, item.exercise).allows(item.hold_seconds, item.reps, item.sets)
        if item.exercise in excluded:
            assert item.override


@SETTINGS
@given(drafts(), st.sets(st.sampled_from(SLUGS)))
def test_play_never_holds_what_hurt_and_its_total_is_the_scripts(
        draft: ProgramDraft, hurting: set[str]) -> None:
    hurt = {slug: date(2025, 1, 6) for slug in hurting}
    try:
        play = program_play(LIB, draft, hurt)
    except PlanError:
        assert all(i.exercise in hurting or i.exercise in excluded_by(LIB, draft.conditions)
                   for i in draft.items)
        return
    played = {s.exercise for s in play.timeline.steps}
    assert played.isdisjoint(hurting)
    assert {o.exercise for o in play.left_out if o.reason == "hurt-last-time"} == \
        hurting & {i.exercise for i in draft.items}
    assert play.timeline.total_seconds == build_script(play.timeline).total_seconds
    for dosed in play.items:
        bounds = dose_bounds(LIB, dosed.exercise.slug)
        assert bounds.allows(dosed.dose.hold_seconds, dosed.dose.reps, dosed.dose.sets)
