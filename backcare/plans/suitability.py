"""Fit a routine's exercises to one person: what hurts, their conditions, the floor.

Everything here is driven by the content, never by code that names an exercise:

- ``profile.skip``: the exercise is left out ("skipped").
- ``hurt``: it hurt in a session on this device and has not been included again
  ("hurt-last-time").
- the condition rules (:mod:`backcare.plans.condition_rules`): left out when it is only
  for a condition the person has not told us about ("needs-known-condition") or when a
  condition they told us about rules it out ("condition").
- ``exercise.needs_floor`` when the person cannot use the floor: replaced by exactly the
  exercise's declared ``seated_alternative`` ("swapped") when that alternative is
  usable, otherwise left out ("no-floor"). An alternative is usable when it is not
  skipped, the condition rules allow it, it does not need the floor itself, and it is
  not already in the plan (no exercise appears twice).

Dose of a swapped-in exercise: the alternative's own dose, adjusted by the routine's
override for the item it replaces only where that keeps the routine's intent safely:
fewer reps or sets than the alternative's default are kept (a short routine stays
short), a longer hold is kept (one long bout stays one long bout), and a hold is never
made shorter than the alternative's own. Rest always comes from the alternative.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from backcare.content import Library
from backcare.content.schema import Dose, DoseOverride, Exercise, Routine
from backcare.plans.condition_rules import exclusion
from backcare.plans.plan import Change
from backcare.plans.profile import Profile
from backcare.timeline import Dosed

_NO_FLOOR = "you told us that getting down to the floor and back up is hard for you"


def swapped_dose(alternative: Exercise, override: DoseOverride) -> Dose:
    """The dose of a seated alternative standing in for a routine item (see module doc)."""
    base = alternative.dose
    return base.model_copy(update={
        "hold_seconds": max(base.hold_seconds, override.hold_seconds or 0),
        "reps": min(base.reps, override.reps or base.reps),
        "sets": min(base.sets, override.sets or base.sets),
    })


def hurt_reason(day: date) -> str:
    """Why an exercise that hurt on this device is left out (the day in words)."""
    return (f"Left out because it hurt on {day.day} {day:%b}. You can include it again "
            f"when you feel ready.")


def _alternative_problem(
    library: Library, alt: Exercise, profile: Profile, in_plan: set[str],
    hurt: Mapping[str, date],
) -> str | None:
    if alt.slug in profile.skip or alt.slug in hurt:
        return f"its seated version, {alt.name}, is on your list of exercises that hurt"
    if exclusion(library.rules, alt, profile) is not None:
        return f"its seated version, {alt.name}, does not suit what you told us about your health"
    if alt.needs_floor:
        return f"the version listed for it, {alt.name}, needs the floor too"
    if alt.slug in in_plan:
        return f"its seated version, {alt.name}, is already in your plan"
    return None


def fit_to_person(
    library: Library, routine: Routine, profile: Profile,
    hurt: Mapping[str, date] | None = None,
) -> tuple[tuple[Dosed, ...], tuple[Change, ...]]:
    """The routine's items that suit this person, in order, and every change made.

    ``hurt``: exercises that hurt in a session on this device (slug -> the day), left out
    like a skipped one until the person includes them again."""
    hurt = hurt or {}
    dosed = library.dosed(routine)
    overrides = [item.dose for item in routine.items]
    verdicts: list[Dosed | Change | None] = []  # None: needs a seated swap, decided below
    for item in dosed:
        ex = item.exercise
        excluded = exclusion(library.rules, ex, profile)
        if ex.slug in profile.skip:
            verdicts.append(Change("skipped", ex.slug, None,
                                   "Left out because you said it hurts."))
        elif ex.slug in hurt:
            verdicts.append(Change("hurt-last-time", ex.slug, None, hurt_reason(hurt[ex.slug])))
        elif excluded is not None:
            verdicts.append(excluded)
        elif ex.needs_floor and not profile.floor:
            verdicts.append(None)
        else:
            verdicts.append(item)

    in_plan = {v.exercise.slug for v in verdicts if isinstance(v, Dosed)}
    items: list[Dosed] = []
    changes: list[Change] = []
    for item, override, verdict in zip(dosed, overrides, verdicts, strict=False):
        if isinstance(verdict, Dosed):
            items.append(verdict)
            continue
        if isinstance(verdict, Change):
            changes.append(verdict)
            continue
        ex = item.exercise
        alt_slug = ex.seated_alternative
        alt = library.exercises.get(alt_slug) if alt_slug else None
        problem = (_alternative_problem(library, alt, profile, in_plan, hurt) if alt is not None
                   else "it has no seated version")
        if alt is None or problem is not None:
            changes.append(Change(
                "no-floor", ex.slug, None,
                f"Left out: it is done lying down or kneeling, {_NO_FLOOR}, and {problem}.",
            ))
            continue
        in_plan.add(alt.slug)
        items.append(Dosed(alt, swapped_dose(alt, override)))
        changes.append(Change(
            "swapped", ex.slug, alt.slug,
            f"Swapped for {alt.name}, its seated version, because {_NO_FLOOR}.",
        ))
    return tuple(items), tuple(changes)
