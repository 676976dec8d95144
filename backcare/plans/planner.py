"""Routine + profile -> plan: the one deterministic path every edge (web, API, CLI) uses.

:func:`make_plan` applies, in order:

1. the person's skip list, the condition rules and the floor
   (:mod:`backcare.plans.suitability`, :mod:`backcare.plans.condition_rules`);
2. the time budget, if any (:mod:`backcare.plans.budget`);
3. the cautions ("flagged") the person's conditions put on the exercises kept, and the
   advice for their conditions;
4. :func:`backcare.timeline.build_timeline` with the routine's transition time.

With ``adjustments`` (the changes accepted in the weekly review,
:mod:`backcare.outcomes.adjusting`) the routine is adjusted before step 1, so every filter
applies to what they bring in. Same library, routine, profile and adjustments in, equal
plan out. Plain Python: no Django here.
:func:`safe_default_plan` is the plan for someone who has told us nothing: what every
"follow along" with no answers plays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from backcare.content import Library
from backcare.content.rules_schema import NONE_KNOWN, OTHER
from backcare.outcomes.adjusting import Adjustment, adjusted_routine, swap_reason, swaps_made
from backcare.plans.budget import fit_to_budget
from backcare.plans.condition_rules import advice, flag, unknown_conditions
from backcare.plans.errors import InputError, PlanError
from backcare.plans.plan import Change, Plan
from backcare.plans.profile import SAFE_DEFAULT, Profile
from backcare.plans.suitability import fit_to_person
from backcare.timeline import build_timeline
from backcare.vocabulary import gettext


def check_profile(library: Library, profile: Profile) -> None:
    """Raise InputError if the profile names exercises or conditions the library lacks."""
    errors: dict[str, str] = {}
    unknown = [slug for slug in profile.skip if slug not in library.exercises]
    if unknown:
        errors["skip"] = gettext("names exercises we do not have: {names}").format(
            names=", ".join(unknown))
    conditions = unknown_conditions(library.rules, profile)
    if conditions:
        known = ", ".join([*library.rules.names, NONE_KNOWN, OTHER])
        errors["conditions"] = gettext(
            "names conditions we do not know: {names} (we know: {known})").format(
                names=", ".join(conditions), known=known)
    if errors:
        raise InputError(errors)


def make_plan(library: Library, routine_slug: str, profile: Profile,
              hurt: Mapping[str, date] | None = None,
              adjustments: Sequence[Adjustment] = ()) -> Plan:
    """The routine adapted to this person. Raises InputError or PlanError.

    ``hurt``: exercises that hurt on this device (slug -> the day it hurt), left out until
    the person includes them again; the edges read it from the device's session log.
    ``adjustments``: the changes accepted in the weekly review, in the order accepted."""
    routine = library.routines.get(routine_slug)
    if routine is None:
        raise InputError({"routine": gettext("there is no routine called {name}").format(
            name=repr(routine_slug))})
    check_profile(library, profile)

    hurt = {slug: day for slug, day in (hurt or {}).items() if slug in library.exercises}
    adjusted = adjusted_routine(library, routine, adjustments)
    items, changes = fit_to_person(library, adjusted, profile, hurt)
    kept = {item.exercise.slug for item in items}
    changes = tuple(Change("swapped", old, new, swap_reason(library.exercises[new].name))
                    for old, new in swaps_made(routine, adjusted, adjustments)
                    if new in kept) + changes
    if not items:
        raise PlanError(
            gettext("Nothing in this routine suits you today: every exercise in it was left "
                    "out because it hurts, does not suit what you told us about your health, "
                    "or needs the floor. Try another routine, such as one done in a chair."),
            changes=changes,
        )
    budget = profile.budget_seconds
    if budget is not None:
        items, cuts = fit_to_budget(items, routine.transition_seconds, budget)
        changes += cuts
    flags = tuple(f for item in items if (f := flag(library.rules, item.exercise, profile)))

    return Plan(
        routine_slug=routine.slug,
        routine_title=routine.title,
        profile=profile,
        items=items,
        timeline=build_timeline(items, routine.transition_seconds),
        changes=changes + flags,
        advice=advice(library.rules, profile),
        hurt=tuple(sorted(hurt.items())),
        adjustments=tuple(adjustments),
    )


def safe_default_plan(library: Library, routine_slug: str,
                      hurt: Mapping[str, date] | None = None,
                      adjustments: Sequence[Adjustment] = ()) -> Plan:
    """The plan for someone who has told us nothing (:data:`SAFE_DEFAULT`)."""
    return make_plan(library, routine_slug, SAFE_DEFAULT, hurt, adjustments)
