"""Worked examples of make_plan on the real library (and a few made-up exercises)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from backcare.content import Library, load_library
from backcare.content.schema import Phase, Routine, RoutineItem, Rules
from backcare.plans import (
    NONE_KNOWN,
    InputError,
    PlanError,
    Profile,
    make_plan,
)
from backcare.timeline import FIRST_GET_READY_SECONDS

LIB = load_library(Path(__file__).resolve().parents[2] / "content")
NONE = frozenset({NONE_KNOWN})
DISC = frozenset({"disc"})
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
CRACK = "dont-crack-your-back"
SEATED = "seated-back-pain-relief-stretches"


def test_five_minute_routine_in_three_minutes_without_the_floor() -> None:
    plan = make_plan(LIB, FIVE, Profile(floor=False, conditions=NONE, minutes=3))
    assert plan.total_seconds <= 180
    assert plan.total_seconds == plan.timeline.lead_in_seconds + sum(
        s.hold_seconds + s.rest_seconds for s in plan.timeline.steps)
    assert not any(item.exercise.needs_floor for item in plan.items)
    stretches = [s for s in plan.timeline.steps if LIB.exercises[s.exercise].kind == "stretch"]
    assert stretches and all(s.hold_seconds == 30 for s in stretches)
    kinds = {c.kind for c in plan.changes}
    assert {"swapped", "time"} <= kinds
    # warm-up and finish are kept (as their seated versions)
    assert plan.exercise_slugs[0] == "seated-pelvic-tilt"
    assert plan.exercise_slugs[-1] == "seated-cat-cow"


def test_swapped_dose_keeps_the_routines_short_counts_and_long_bout() -> None:
    plan = make_plan(LIB, FIVE, Profile(floor=False, conditions=NONE))
    doses = {item.exercise.slug: item.dose for item in plan.items}
    assert doses["seated-pelvic-tilt"].reps == 5  # the routine asked for 5, not the default 10
    assert doses["seated-knee-to-chest"].reps == 1
    # cat-cow is six 5-second rounds here; its seated version keeps the routine's six
    assert (doses["seated-cat-cow"].hold_seconds, doses["seated-cat-cow"].reps) == (5, 6)
    swaps = {c.exercise: c.replacement for c in plan.changes if c.kind == "swapped"}
    assert swaps == {s: LIB.exercises[s].seated_alternative for s in swaps}
    assert "quadratus-lumborum-stretch" in plan.exercise_slugs  # seated already: kept as is


@pytest.mark.parametrize("conditions", [None, NONE, DISC, frozenset({"osteoporosis"}),
                                        frozenset({"disc", "hip-replacement"})])
def test_prone_props_only_with_a_disc_problem(conditions: frozenset[str] | None) -> None:
    plan = make_plan(LIB, CRACK, Profile(floor=True, conditions=conditions))
    has_disc = conditions is not None and "disc" in conditions
    assert ("prone-props" in plan.exercise_slugs) == has_disc
    needs = [c for c in plan.changes if c.kind == "needs-known-condition"]
    if has_disc:
        assert needs == []
    else:
        assert [c.exercise for c in needs] == ["prone-props"]
        assert "disc problem" in needs[0].reason and needs[0].condition == "disc"
        assert ("prone-props", "needs-known-condition", needs[0].reason) in plan.left_out


def test_prone_props_needs_the_floor_and_has_no_seated_version() -> None:
    plan = make_plan(LIB, CRACK, Profile(floor=False, conditions=DISC))
    assert "prone-props" not in plan.exercise_slugs
    dropped = {c.exercise: c.reason for c in plan.changes if c.kind == "no-floor"}
    assert "no seated version" in dropped["prone-props"]


def test_skipped_exercises_are_left_out_with_the_reason() -> None:
    plan = make_plan(LIB, CRACK, Profile(floor=True, conditions=NONE, skip=("bridge",)))
    assert "bridge" not in plan.exercise_slugs
    assert [c for c in plan.changes if c.exercise == "bridge"][0].reason == (
        "Left out because you said it hurts.")


def test_a_skipped_seated_version_means_the_floor_exercise_is_dropped() -> None:
    plan = make_plan(LIB, FIVE, Profile(floor=False, conditions=NONE, skip=("seated-cat-cow",)))
    assert "cat-cow" not in plan.exercise_slugs and "seated-cat-cow" not in plan.exercise_slugs
    dropped = [c for c in plan.changes if c.exercise == "cat-cow"]
    assert dropped[0].kind == "no-floor" and "hurt" in dropped[0].reason


def test_a_seated_version_already_in_the_plan_is_not_added_twice() -> None:
    routine = "lower-back-pain-back-flexion-stretches"  # childs-pose, then seated-forward-bend
    plan = make_plan(LIB, routine, Profile(floor=False, conditions=NONE))
    assert plan.exercise_slugs.count("seated-forward-bend") == 1
    why = {c.exercise: c for c in plan.changes}
    assert why["double-knee-to-chest"].kind == "no-floor"
    assert "already in your plan" in why["double-knee-to-chest"].reason


def test_unknown_skip_and_routine_are_input_errors_naming_them() -> None:
    with pytest.raises(InputError) as caught:
        make_plan(LIB, FIVE, Profile(floor=True, conditions=NONE, skip=("bridge", "no-such-move")))
    assert set(caught.value.errors) == {"skip"} and "no-such-move" in caught.value.errors["skip"]
    assert "bridge" not in caught.value.errors["skip"]
    with pytest.raises(InputError) as caught:
        make_plan(LIB, "no-such-routine", Profile(floor=True, conditions=NONE))
    assert set(caught.value.errors) == {"routine"}


def test_budget_too_small_names_the_minimum() -> None:
    # left with one 30 s stretch on each side: 10 s to get ready, then 30 + 5 + 30 s
    everything_else = tuple(i.exercise for i in LIB.routines[SEATED].items
                            if i.exercise != "seated-trunk-rotation")
    profile = Profile(floor=True, conditions=NONE, minutes=1, skip=everything_else)
    with pytest.raises(PlanError) as caught:
        make_plan(LIB, SEATED, profile)
    assert caught.value.minimum_seconds == FIRST_GET_READY_SECONDS + 30 + 5 + 30 == 75
    assert "at least 1 min 15 s" in caught.value.message
    assert "1 min" in caught.value.message


def test_nothing_left_is_a_plan_error_with_the_reasons() -> None:
    everything = tuple(i.exercise for i in LIB.routines[SEATED].items)
    with pytest.raises(PlanError) as caught:
        make_plan(LIB, SEATED, Profile(floor=True, conditions=NONE, skip=everything))
    assert caught.value.minimum_seconds is None
    assert {c.exercise for c in caught.value.changes} == set(everything)


def test_no_changes_gives_the_routines_own_timeline() -> None:
    for slug in LIB.routines:
        plan = make_plan(LIB, slug, Profile(floor=True, conditions=DISC))
        if not plan.changes:
            assert plan.timeline == LIB.timeline(slug)
    plan = make_plan(LIB, SEATED, Profile(floor=False, conditions=NONE, minutes=120))
    assert plan.changes == () and plan.timeline == LIB.timeline(SEATED)


def test_reps_are_cut_fairly_and_every_cut_is_listed() -> None:
    # seven 30-second stretches or moves; about 20 min in full
    full = make_plan(LIB, SEATED, Profile(floor=True, conditions=NONE))
    plan = make_plan(LIB, SEATED, Profile(floor=True, conditions=NONE, minutes=12))
    assert plan.total_seconds <= 720 < full.total_seconds
    assert plan.exercise_slugs == full.exercise_slugs  # fewer reps is enough: nothing dropped
    shares = [item.dose.reps / before.dose.reps for item, before in zip(plan.items, full.items, strict=False)]
    assert max(shares) - min(shares) <= 0.5  # no exercise keeps all while another is gutted
    cut = {c.exercise: c.reason for c in plan.changes if c.kind == "reps-reduced"}
    for item, before in zip(plan.items, full.items, strict=False):
        if item.dose.reps < before.dose.reps:
            assert f"from {before.dose.reps} to {item.dose.reps}" in cut[item.exercise.slug]
        assert item.dose.hold_seconds == before.dose.hold_seconds


def test_sets_are_cut_too() -> None:
    plan = make_plan(LIB, CRACK, Profile(floor=True, conditions=NONE, minutes=4))
    assert plan.total_seconds <= 240
    doses = {i.exercise.slug: i.dose for i in plan.items}
    assert doses["isometric-hip-exercises"].sets == 1  # 2 sets in the content
    sets_cut = [c for c in plan.changes if c.kind == "sets-reduced"]
    assert [c.exercise for c in sets_cut] == ["isometric-hip-exercises"]
    assert "from 2 rounds to 1 round" in sets_cut[0].reason  # a set is a round everywhere


def test_dropping_for_time_keeps_the_first_and_last_longest() -> None:
    plan = make_plan(LIB, "10-best-lower-back-exercises", Profile(floor=True, conditions=NONE, minutes=3))
    assert plan.total_seconds <= 180
    assert plan.exercise_slugs[0] == "pelvic-tilt" and plan.exercise_slugs[-1] == "childs-pose"
    dropped = [c.exercise for c in plan.changes if c.kind == "time"]
    assert dropped and set(dropped).isdisjoint(plan.exercise_slugs)


def test_plans_are_deterministic_and_immutable() -> None:
    profile = Profile(floor=False, conditions=DISC, minutes=7, pain=5, skip=("bridge",))
    a, b = make_plan(LIB, CRACK, profile), make_plan(LIB, CRACK, profile)
    assert a == b
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.changes = ()  # type: ignore[misc]
    assert isinstance(a.items, tuple) and isinstance(a.changes, tuple)


def _library_with(rules: dict[str, Rules]) -> Library:
    """The real library with some exercises' rules replaced, and one test routine."""
    exercises = {
        slug: ex.model_copy(update={"rules": rules[slug]}) if slug in rules else ex
        for slug, ex in LIB.exercises.items()
    }
    routine = Routine(
        slug="rule-test", title="Rule test", summary="Test.", suits="Tests.", source="authored",
        phases=(Phase(name="All", items=tuple(RoutineItem(exercise=s) for s in (
            "bridge", "single-knee-to-chest", "supine-trunk-rotation"))),),
    )
    return Library.build(LIB.site, exercises, {"rule-test": routine}, {}, rules=LIB.rules)


def test_not_with_conditions_comes_from_content() -> None:
    lib = _library_with({"bridge": Rules(not_with_conditions=("hip-replacement",))})

    def plan(conditions: frozenset[str] | None) -> tuple[str, ...]:
        return make_plan(lib, "rule-test", Profile(floor=True, conditions=conditions)).exercise_slugs

    assert "bridge" not in plan(frozenset({"hip-replacement"}))
    assert "bridge" in plan(DISC) and "bridge" in plan(NONE) and "bridge" in plan(None)


def test_a_seated_version_that_does_not_suit_the_diagnosis_is_not_swapped_in() -> None:
    lib = _library_with({"seated-knee-to-chest": Rules(only_with_conditions=("disc",))})
    plan = make_plan(lib, "rule-test", Profile(floor=False, conditions=NONE))
    assert "seated-knee-to-chest" not in plan.exercise_slugs
    assert "seated-trunk-rotation" in plan.exercise_slugs
    why = {c.exercise: c for c in plan.changes}
    assert why["single-knee-to-chest"].kind == "no-floor"
    assert "does not suit what you told us about your health" in why["single-knee-to-chest"].reason
    assert "seated-knee-to-chest" in make_plan(
        lib, "rule-test", Profile(floor=False, conditions=DISC)).exercise_slugs
