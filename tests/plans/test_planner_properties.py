"""Properties of make_plan over every routine in the real library and every profile.

Every routine x every set of conditions (not told, none known, any of the rules' and
"other") x floor or not x budgets of 1-30 minutes or none. Either a PlanError with a
message, or a plan that leaves out everything the profile excludes (by the content alone:
tests/safety_oracle.py), lists every exercise it leaves out with its reason, fits the
budget, never shortens a hold nor cuts below an exercise's minimum repetitions, only swaps
in declared seated versions, and is the same every time.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import event as _event
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from backcare.content import Library, load_library
from backcare.content.schema import DoseOverride, Phase, Routine, RoutineItem
from backcare.plans import NONE_KNOWN, Plan, PlanError, Profile, format_duration, make_plan
from backcare.plans.budget import shortest
from backcare.playscript import build_script
from backcare.timeline import build_timeline

from ..safety_oracle import allowed, check_doses, check_safe, conditions_strategy

LIB = load_library(Path(__file__).resolve().parents[2] / "content")
LEFT_OUT = {"skipped", "needs-known-condition", "condition", "swapped", "no-floor", "time"}
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pool(lib: Library, routine: Routine) -> list[str]:
    """The routine's exercises and their seated versions: what a skip list may name."""
    slugs = {i.exercise for i in routine.items}
    slugs |= {alt for s in list(slugs) if (alt := lib.exercises[s].seated_alternative)}
    return sorted(slugs)


@st.composite
def profiles_for(draw: st.DrawFn, lib: Library, routine: Routine) -> Profile:
    return Profile(
        floor=draw(st.booleans()),
        conditions=draw(conditions_strategy(lib)),
        bending_worsens_leg_pain=draw(st.none() | st.booleans()),
        minutes=draw(st.none() | st.integers(1, 30)),
        pain=draw(st.none() | st.integers(0, 10)),
        skip=tuple(draw(st.lists(st.sampled_from(_pool(lib, routine)), unique=True))),
    )


@st.composite
def real_cases(draw: st.DrawFn) -> tuple[Library, str, Profile]:
    slug = draw(st.sampled_from(sorted(LIB.routines)))
    return LIB, slug, draw(profiles_for(LIB, LIB.routines[slug]))


overrides = st.builds(
    DoseOverride,
    hold_seconds=st.none() | st.integers(1, 60),
    reps=st.none() | st.integers(1, 12),
    sets=st.none() | st.integers(1, 3),
    rest_seconds=st.none() | st.integers(0, 10),
)


@st.composite
def made_up_cases(draw: st.DrawFn) -> tuple[Library, str, Profile]:
    """Routines made up from the real exercises, with random order, doses and transition."""
    slugs = draw(st.lists(st.sampled_from(sorted(LIB.exercises)), min_size=1, max_size=8, unique=True))
    routine = Routine(
        slug="made-up", title="Made up", summary="Test.", suits="Tests.", source="authored",
        transition_seconds=draw(st.integers(0, 30)),
        phases=(Phase(name="All", items=tuple(
            RoutineItem(exercise=s, dose=draw(overrides)) for s in slugs)),),
    )
    lib = Library.build(LIB.site, dict(LIB.exercises), {"made-up": routine}, {}, rules=LIB.rules)
    return lib, "made-up", draw(profiles_for(lib, routine))


def event(label: str) -> None:
    """Count outcomes (see --hypothesis-show-statistics) when run by hypothesis."""
    if currently_in_test_context():
        _event(label)


def _unlimited(profile: Profile) -> Profile:
    return Profile(floor=profile.floor, conditions=profile.conditions,
                   bending_worsens_leg_pain=profile.bending_worsens_leg_pain, skip=profile.skip)


def check_plan(lib: Library, slug: str, profile: Profile, plan: Plan) -> None:
    routine = lib.routines[slug]
    original = {d.exercise.slug: d.dose for d in lib.dosed(routine)}
    swaps = {c.exercise: c.replacement for c in plan.changes if c.kind == "swapped"}
    assert plan.routine_slug == slug and plan.routine_title == routine.title
    assert plan.profile == profile and plan.items

    # nothing the profile excludes, every exclusion listed with its reason; no exercise twice
    left = {item.exercise: item.reason for item in plan.left_out}
    assert len(left) == len(plan.left_out)
    check_safe(lib, slug, profile, plan.exercise_slugs, left)
    assert len(set(plan.exercise_slugs)) == len(plan.exercise_slugs)
    # every caution a kept exercise's conditions call for is shown
    flagged = {c.exercise for c in plan.changes if c.kind == "flagged"}
    assert flagged <= set(plan.exercise_slugs)

    # every swap is exactly the declared seated version; nothing else is ever added
    for was, now in swaps.items():
        assert now is not None and now == lib.exercises[was].seated_alternative
        assert was not in plan.exercise_slugs
    assert set(plan.exercise_slugs) <= set(original) | set(swaps.values())
    in_order = [swaps.get(s, s) for s in original]
    assert list(plan.exercise_slugs) == [s for s in in_order if s in plan.exercise_slugs]

    # holds never shortened; counts never raised
    for item in plan.items:
        ex, dose = item.exercise, item.dose
        floor_dose = original.get(ex.slug, ex.dose)  # routine override only for its own items
        assert dose.hold_seconds >= floor_dose.hold_seconds >= 1
        if ex.slug in original:
            assert dose.hold_seconds == floor_dose.hold_seconds
            assert dose.rest_seconds == floor_dose.rest_seconds
        assert dose.reps <= floor_dose.reps and dose.sets <= floor_dose.sets
        if profile.minutes is None:
            assert dose == floor_dose or ex.slug not in original
    for step in plan.timeline.steps:
        dose = original.get(step.exercise, lib.exercises[step.exercise].dose)
        assert step.hold_seconds >= dose.hold_seconds

    # the one timeline, exact totals, within budget
    assert plan.timeline == build_timeline(plan.items, routine.transition_seconds)
    assert plan.total_seconds == plan.timeline.lead_in_seconds + sum(
        s.hold_seconds + s.rest_seconds for s in plan.timeline.steps)
    assert build_script(plan.timeline).total_seconds == plan.total_seconds
    if profile.budget_seconds is not None:
        assert plan.total_seconds <= profile.budget_seconds

    # everything missing from the routine is explained
    explained = {c.exercise for c in plan.changes if c.kind in LEFT_OUT}
    assert set(original) - set(plan.exercise_slugs) <= explained
    assert all(c.reason and c.reason[0].isupper() for c in plan.changes)
    check_doses(plan, make_plan(lib, slug, _unlimited(profile)))


def check(lib: Library, slug: str, profile: Profile) -> None:
    try:
        plan = make_plan(lib, slug, profile)
    except PlanError as error:
        event("plan error: " + ("too short" if error.minimum_seconds else "nothing suits"))
        assert error.message
        unlimited = _unlimited(profile)
        if error.minimum_seconds is None:
            # nothing suits: every exercise was left out for a stated reason
            assert not any(allowed(lib, s, profile) for s in (
                d.exercise.slug for d in lib.dosed(lib.routines[slug])))
            assert {c.exercise for c in error.changes} == {i.exercise for i in lib.routines[slug].items}
            return
        assert profile.budget_seconds is not None and profile.budget_seconds < error.minimum_seconds
        assert format_duration(error.minimum_seconds) in error.message
        # the least time: the quickest exercise of the plan, at its fewest repetitions
        transition = lib.routines[slug].transition_seconds
        assert error.minimum_seconds == min(
            build_timeline([shortest(item)], transition).total_seconds
            for item in make_plan(lib, slug, unlimited).items)
        return
    check_plan(lib, slug, profile, plan)
    for kind in sorted({c.kind for c in plan.changes}):
        event(f"change: {kind}")
    assert make_plan(lib, slug, profile) == plan  # deterministic
    if profile.minutes is not None:
        unlimited = make_plan(lib, slug, _unlimited(profile))
        if unlimited.total_seconds <= profile.budget_seconds:  # type: ignore[operator]
            assert plan.items == unlimited.items  # nothing cut when it already fits
        elif len(plan.items) > 1:
            assert plan.exercise_slugs[0] == unlimited.exercise_slugs[0]  # warm-up kept
        elif plan.exercise_slugs[0] == unlimited.exercise_slugs[0] and len(unlimited.items) > 1:
            # a warm-up alone only when no main exercise fits on its own
            transition = lib.routines[slug].transition_seconds
            assert all(build_timeline([shortest(item)], transition).total_seconds
                       > profile.budget_seconds  # type: ignore[operator]
                       for item in unlimited.items[1:])


@SETTINGS
@given(real_cases())
def test_every_real_routine_and_profile(case: tuple[Library, str, Profile]) -> None:
    check(*case)


@SETTINGS
@given(made_up_cases())
def test_made_up_routines_from_real_exercises(case: tuple[Library, str, Profile]) -> None:
    check(*case)


def test_every_real_routine_with_every_floor_and_single_condition() -> None:
    answers = [None, frozenset({NONE_KNOWN}), *(frozenset({n}) for n in [*LIB.rules.names, "other"])]
    for slug in LIB.routines:
        for floor in (True, False):
            for conditions in answers:
                check(LIB, slug, Profile(floor=floor, conditions=conditions))
                for minutes in (1, 2, 3, 5, 8, 13, 21, 30):
                    check(LIB, slug, Profile(floor=floor, conditions=conditions, minutes=minutes))
