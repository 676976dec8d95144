"""Worked examples of the condition rules, the safe default and doses a therapist would write."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcare.content import load_library
from backcare.plans import (
    NONE_KNOWN,
    OTHER,
    SAFE_DEFAULT,
    InputError,
    PlanError,
    Profile,
    make_plan,
    safe_default_plan,
)
from backcare.plans.budget import fewest_reps

LIB = load_library(Path(__file__).resolve().parents[2] / "content")
CRACK = "dont-crack-your-back"
TEN = "10-best-lower-back-exercises"
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
RELIEF = "back-pain-relief-exercises-stretches"


def plan_for(slug: str, *conditions: str, **answers: object) -> object:
    return make_plan(LIB, slug, Profile(floor=True, conditions=frozenset(conditions) or None,
                                        **answers))  # type: ignore[arg-type]


def test_the_safe_default_leaves_out_prone_props_and_says_how_to_include_them() -> None:
    plan = safe_default_plan(LIB, CRACK)
    assert plan.profile == SAFE_DEFAULT
    assert "prone-props" not in plan.exercise_slugs
    [left] = plan.left_out
    assert (left.exercise, left.reason) == ("prone-props", "needs-known-condition")
    assert "disc problem" in left.why and "tell us" in left.why
    # everything else is the routine as published
    assert plan.exercise_slugs == tuple(i.exercise for i in LIB.routines[CRACK].items
                                        if i.exercise != "prone-props")


def test_a_routine_without_condition_only_exercises_is_unchanged_by_the_safe_default() -> None:
    plan = safe_default_plan(LIB, FIVE)
    assert plan.changes == () and plan.timeline == LIB.timeline(FIVE)


@pytest.mark.parametrize(("condition", "family"), [
    ("osteoporosis", "flexion"), ("osteoporosis", "rotation"),
    ("spondylolisthesis-or-stenosis", "extension"),
    ("hip-replacement", "deep-hip-flexion"), ("hip-replacement", "hip-crossing"),
    ("pregnancy", "lying-on-back"), ("pregnancy", "lying-on-stomach"),
    ("spinal-surgery", "flexion"), ("spinal-surgery", "loaded"),
])
def test_each_condition_leaves_out_its_families_in_every_routine(condition: str, family: str) -> None:
    for slug in LIB.routines:
        profile = Profile(floor=True, conditions=frozenset({condition}))
        try:
            plan = make_plan(LIB, slug, profile)
        except PlanError as error:
            assert all(c.kind in ("condition", "needs-known-condition") for c in error.changes)
            continue
        assert not any(family in item.exercise.movements for item in plan.items), (slug, family)
        left_out = {item.exercise for item in plan.left_out}
        for item in LIB.routines[slug].items:
            if family in LIB.exercises[item.exercise].movements:
                assert item.exercise in left_out, (slug, item.exercise)


def test_a_condition_reason_names_the_condition_and_the_movement() -> None:
    plan = plan_for(CRACK, "osteoporosis")
    why = {c.exercise: c for c in plan.changes}
    rotation = why["supine-trunk-rotation"]
    assert (rotation.kind, rotation.condition, rotation.movement) == (
        "condition", "osteoporosis", "rotation")
    assert "osteoporosis" in rotation.reason and "twisting the spine" in rotation.reason


def test_pregnancy_says_why_lying_on_the_back_is_left_out() -> None:
    plan = plan_for(TEN, "pregnancy")
    why = {c.exercise: c.reason for c in plan.changes}
    assert "first three months" in why["pelvic-tilt"] and "lying flat on your back" in why["pelvic-tilt"]
    assert any("midwife" in said for said in plan.advice)


def test_after_back_surgery_only_gentle_moves_and_the_surgeon_is_named() -> None:
    plan = plan_for(TEN, "spinal-surgery")
    assert all(set(i.exercise.movements) <= {"mid-range", "lying-on-back", "deep-hip-flexion",
                                             "neck", "shoulders"} for i in plan.items)
    assert any("surgeon" in said for said in plan.advice)


def test_a_condition_not_listed_applies_every_rule_and_says_so() -> None:
    plan = plan_for("upper-back-pain-exercises-stretches", OTHER)
    every = {m for c in LIB.rules.conditions for r in c.rules if r.effect == "exclude"
             for m in r.movements}
    assert plan.items and not any(set(i.exercise.movements) & every for i in plan.items)
    reasons = [c.reason for c in plan.changes if c.kind == "condition"]
    assert reasons and all("not listed here" in r for r in reasons)
    assert any("not listed here" in said for said in plan.advice)
    with pytest.raises(PlanError):  # every exercise in it lies down or loads the back
        plan_for(CRACK, OTHER)


def test_disc_flags_bending_forward_only_when_it_makes_leg_pain_worse() -> None:
    worse = plan_for(CRACK, "disc", bending_worsens_leg_pain=True)
    assert "prone-props" in worse.exercise_slugs
    flagged = {c.exercise: c for c in worse.changes if c.kind == "flagged"}
    assert set(flagged) == {i.exercise.slug for i in worse.items if "flexion" in i.exercise.movements}
    assert flagged and all("leg pain worse" in c.reason for c in flagged.values())
    assert not worse.left_out
    for answer in (False, None):
        plan = plan_for(CRACK, "disc", bending_worsens_leg_pain=answer)
        assert not [c for c in plan.changes if c.kind == "flagged"]


def test_an_unknown_condition_is_an_input_error_naming_the_known_ones() -> None:
    with pytest.raises(InputError) as caught:
        plan_for(CRACK, "sciatica")
    assert set(caught.value.errors) == {"conditions"}
    assert "sciatica" in caught.value.errors["conditions"]
    assert "osteoporosis" in caught.value.errors["conditions"]
    assert NONE_KNOWN in caught.value.errors["conditions"]


def test_a_seated_version_excluded_by_a_condition_is_not_swapped_in() -> None:
    plan = make_plan(LIB, FIVE, Profile(floor=False, conditions=frozenset({"hip-replacement"})))
    assert "seated-knee-to-chest" not in plan.exercise_slugs
    assert all("deep-hip-flexion" not in i.exercise.movements for i in plan.items)


# --- doses a therapist would write ------------------------------------------------------

@pytest.mark.parametrize("minutes", [1, 2, 3])
def test_no_short_plan_does_a_movement_fewer_times_than_its_minimum(minutes: int) -> None:
    for slug in LIB.routines:
        for floor in (True, False):
            whole = {i.exercise.slug: i.dose for i in
                     make_plan(LIB, slug, Profile(floor=floor)).items}
            try:
                plan = make_plan(LIB, slug, Profile(floor=floor, minutes=minutes))
            except PlanError as error:  # even its quickest exercise takes longer
                assert error.minimum_seconds is not None and error.minimum_seconds > minutes * 60
                continue
            for item in plan.items:
                # the exercise's minimum, unless the routine's own dose was already lower
                least = min(item.exercise.min_reps, whole[item.exercise.slug].reps)
                assert item.dose.reps >= least, (slug, minutes, item.exercise.slug)
                assert item.dose.hold_seconds == whole[item.exercise.slug].hold_seconds
                if item.exercise.kind in ("strengthening", "mobility") and least >= 5:
                    assert item.dose.reps >= 5, (slug, minutes, item.exercise.slug)


def test_the_warm_up_alone_never_stands_in_for_main_work_that_fits() -> None:
    # pelvic tilt (warm-up) and the finish do not fit in a minute together; the bridge does
    plan = plan_for(RELIEF, NONE_KNOWN, minutes=1)
    assert plan.exercise_slugs == ("bridge",)
    assert plan.items[0].dose.reps >= LIB.exercises["bridge"].min_reps
    dropped = {c.exercise for c in plan.changes if c.kind == "time"}
    assert "pelvic-tilt" in dropped


def test_the_warm_up_stays_when_the_main_work_fits_beside_it() -> None:
    plan = plan_for(FIVE, NONE_KNOWN, minutes=2)
    assert plan.exercise_slugs[0] == "pelvic-tilt" and plan.exercise_slugs[-1] == "cat-cow"
    assert plan.items[0].dose.reps == 5  # the routine's own 5: never below its minimum
    # in one minute the warm-up and the finish do not fit together (every get-ready
    # counted: 10 s before the first, 15 s from the back onto hands and knees), so the
    # main work stays, never the warm-up alone
    one = plan_for(FIVE, NONE_KNOWN, minutes=1)
    assert one.exercise_slugs == ("cat-cow",) and one.total_seconds <= 60


def test_fewest_reps_is_the_minimum_or_the_routines_own_smaller_dose() -> None:
    five = {d.exercise.slug: d for d in LIB.dosed(LIB.routines[FIVE])}
    assert fewest_reps(five["pelvic-tilt"]) == 5
    # six 5-second rounds in this routine, and never fewer than its useful five
    assert five["cat-cow"].dose.reps == 6 and fewest_reps(five["cat-cow"]) == 5
    ten = {d.exercise.slug: d for d in LIB.dosed(LIB.routines[TEN])}
    assert fewest_reps(ten["bridge"]) == LIB.exercises["bridge"].min_reps == 5
