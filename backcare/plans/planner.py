"""Routine + profile -> plan: the one deterministic path every edge (web, API, CLI) uses.

:func:`make_plan` applies, in order:

1. the person's skip list, the exercises' diagnosis rules and the floor
   (:mod:`backcare.plans.suitability`);
2. the time budget, if any (:mod:`backcare.plans.budget`);
3. :func:`backcare.timeline.build_timeline` with the routine's transition time.

Same library, routine and profile in, equal plan out. Plain Python: no Django here.
"""

from __future__ import annotations

from backcare.content import Library
from backcare.plans.budget import fit_to_budget
from backcare.plans.errors import InputError, PlanError
from backcare.plans.plan import Plan
from backcare.plans.profile import Profile
from backcare.plans.suitability import fit_to_person
from backcare.timeline import build_timeline


def check_skip(library: Library, profile: Profile) -> None:
    """Raise InputError if the skip list names an exercise the library does not have."""
    unknown = [slug for slug in profile.skip if slug not in library.exercises]
    if unknown:
        raise InputError({"skip": f"names exercises we do not have: {', '.join(unknown)}"})


def make_plan(library: Library, routine_slug: str, profile: Profile) -> Plan:
    """The routine adapted to this person. Raises InputError or PlanError."""
    routine = library.routines.get(routine_slug)
    if routine is None:
        raise InputError({"routine": f"there is no routine called {routine_slug!r}"})
    check_skip(library, profile)

    items, changes = fit_to_person(library, routine, profile)
    if not items:
        raise PlanError(
            "Nothing in this routine suits you today: every exercise in it was left out "
            "because it hurts, does not suit your diagnosis, or needs the floor. Try "
            "another routine, such as one done in a chair.",
            changes=changes,
        )
    budget = profile.budget_seconds
    if budget is not None:
        items, cuts = fit_to_budget(items, routine.transition_seconds, budget)
        changes += cuts

    return Plan(
        routine_slug=routine.slug,
        routine_title=routine.title,
        profile=profile,
        items=items,
        timeline=build_timeline(items, routine.transition_seconds),
        changes=changes,
    )
