"""What a safe plan must be, worked out from the content alone, for the property tests.

Written independently of backcare.plans: it reads the exercises' ``movements``, their own
``rules`` and content/rules.yaml, and says which exercises a profile allows and why any
other is left out. The planner's tests and the edges' tests (API, player page, terminal
player, worksheet) check what they show against it.
"""

from __future__ import annotations

from hypothesis import strategies as st

from backcare.content import Library
from backcare.content.schema import Exercise
from backcare.plans import NONE_KNOWN, OTHER, Plan, Profile

LEFT_OUT = {"needs-known-condition", "condition", "skipped", "no-floor", "time"}


def conditions_strategy(library: Library) -> st.SearchStrategy[frozenset[str] | None]:
    """Not told (None), none known, or any set of the rules' conditions and ``other``."""
    names = st.sampled_from([*library.rules.names, OTHER])
    return (st.none() | st.just(frozenset({NONE_KNOWN}))
            | st.frozensets(names, min_size=1, max_size=2)  # most people: one or two
            | st.frozensets(names, min_size=1))


def excluded_families(library: Library, profile: Profile) -> dict[str, set[str]]:
    """condition -> the movement families (and exercise slugs) its rules leave out here."""
    given = set(profile.conditions or ()) - {NONE_KNOWN, OTHER}
    every = OTHER in (profile.conditions or ())
    out: dict[str, set[str]] = {}
    for condition in library.rules.conditions:
        if condition.slug not in given and not every:
            continue
        for rule in condition.rules:
            if rule.effect != "exclude":
                continue
            if rule.when is not None and getattr(profile, rule.when) is not True:
                continue
            out.setdefault(condition.slug, set()).update(rule.movements, rule.exercises)
    return out


def reason_against(library: Library, exercise: Exercise, profile: Profile) -> str | None:
    """Why the profile rules the exercise out ("skipped", "needs-known-condition",
    "condition"), or None if the conditions and the skip list allow it."""
    given = set(profile.conditions or ()) - {NONE_KNOWN, OTHER}
    every = OTHER in (profile.conditions or ())
    if exercise.slug in profile.skip:
        return "skipped"
    if exercise.rules.only_with_conditions and not given & set(exercise.rules.only_with_conditions):
        return "needs-known-condition"
    if any(c in given or every for c in exercise.rules.not_with_conditions):
        return "condition"
    for families in excluded_families(library, profile).values():
        if families & {*exercise.movements, exercise.slug}:
            return "condition"
    return None


def allowed(library: Library, slug: str, profile: Profile) -> bool:
    exercise = library.exercises[slug]
    return (reason_against(library, exercise, profile) is None
            and (profile.floor or not exercise.needs_floor))


def check_safe(library: Library, routine: str, profile: Profile, slugs: list[str] | tuple[str, ...],
               left_out: dict[str, str]) -> None:
    """The exercises a plan shows (``slugs``) and what it says it left out (exercise ->
    reason code) are safe for the profile and explain every missing exercise."""
    assert slugs, "a plan with nothing in it"
    for slug in slugs:
        assert allowed(library, slug, profile), (routine, slug, profile)
    items = [i.exercise for i in library.routines[routine].items]
    seated = {library.exercises[s].seated_alternative for s in items} - {None}
    assert set(left_out) <= set(items) | seated
    assert set(left_out).isdisjoint(slugs)
    for slug, reason in left_out.items():
        assert reason in LEFT_OUT, (slug, reason)
        if reason == "no-floor":
            assert not profile.floor and library.exercises[slug].needs_floor
        expected = reason_against(library, library.exercises[slug], profile)
        if expected is not None:
            assert reason == expected, (routine, slug, reason, expected, profile)
        elif reason in ("needs-known-condition", "condition", "skipped"):
            raise AssertionError((routine, slug, reason, "but the profile allows it"))
    # every exercise of the routine is in the plan, swapped for its seated version, or
    # listed as left out with its reason
    for slug in items:
        if slug in slugs or slug in left_out:
            continue
        alt = library.exercises[slug].seated_alternative
        assert not profile.floor and (alt in slugs or left_out.get(alt or "") == "time"), (
            routine, slug, "missing and not explained")


def check_doses(plan: Plan, whole: Plan) -> None:
    """Holds are never shortened and no exercise is done fewer times than its minimum
    (unless the routine's own dose, as in the plan with no time limit, was lower)."""
    full = {i.exercise.slug: i.dose for i in whole.items}
    for item in plan.items:
        before = full[item.exercise.slug]
        assert item.dose.hold_seconds == before.hold_seconds
        assert item.dose.rest_seconds == before.rest_seconds
        assert min(item.exercise.min_reps, before.reps) <= item.dose.reps <= before.reps
        assert item.dose.sets <= before.sets
    if plan.budget_seconds is not None:
        assert plan.total_seconds <= plan.budget_seconds
