"""Fit a routine's exercises to one person: what hurts, their diagnosis, the floor.

Everything here is driven by the content, never by code that names an exercise:

- ``profile.skip``: the exercise is left out ("skipped").
- ``exercise.rules.only_with_diagnosis`` / ``not_with_diagnosis``: left out when the
  person's diagnosis does not fit ("excluded-by-precaution").
- ``exercise.needs_floor`` when the person cannot use the floor: replaced by exactly the
  exercise's declared ``seated_alternative`` ("swapped") when that alternative is
  usable, otherwise left out ("dropped"). An alternative is usable when it is not
  skipped, its own rules allow the diagnosis, it does not need the floor itself, and it
  is not already in the plan (no exercise appears twice).

Dose of a swapped-in exercise: the alternative's own dose, adjusted by the routine's
override for the item it replaces only where that keeps the routine's intent safely:
fewer reps or sets than the alternative's default are kept (a short routine stays
short), a longer hold is kept (one long bout stays one long bout), and a hold is never
made shorter than the alternative's own. Rest always comes from the alternative.
"""

from __future__ import annotations

from backcare.content import Library
from backcare.content.schema import Dose, DoseOverride, Exercise, Routine
from backcare.plans.plan import Change
from backcare.plans.profile import DIAGNOSIS_LABELS, Profile
from backcare.timeline import Dosed

_NO_FLOOR = "you told us that getting down to the floor and back up is hard for you"


def precaution_reason(exercise: Exercise, diagnosis: str) -> str | None:
    """Why the exercise's rules leave it out for this diagnosis, or None if they allow it."""
    rules = exercise.rules
    if rules.only_with_diagnosis and diagnosis not in rules.only_with_diagnosis:
        needed = " or ".join(DIAGNOSIS_LABELS[d] for d in rules.only_with_diagnosis)
        reason = (f"Left out: this one is only for people who know they have {needed}, "
                  f"and you told us you have {DIAGNOSIS_LABELS[diagnosis]}.")
    elif diagnosis in rules.not_with_diagnosis:
        reason = (f"Left out: this one is not advised for people with "
                  f"{DIAGNOSIS_LABELS[diagnosis]}.")
    else:
        return None
    if exercise.precautions:
        reason += f" Its notes say: {exercise.precautions[0]}"
    return reason


def swapped_dose(alternative: Exercise, override: DoseOverride) -> Dose:
    """The dose of a seated alternative standing in for a routine item (see module doc)."""
    base = alternative.dose
    return base.model_copy(update={
        "hold_seconds": max(base.hold_seconds, override.hold_seconds or 0),
        "reps": min(base.reps, override.reps or base.reps),
        "sets": min(base.sets, override.sets or base.sets),
    })


def _alternative_problem(
    alt: Exercise, profile: Profile, in_plan: set[str]
) -> str | None:
    if alt.slug in profile.skip:
        return f"its seated version, {alt.name}, is on your list of exercises that hurt"
    if precaution_reason(alt, profile.diagnosis) is not None:
        return f"its seated version, {alt.name}, does not suit your diagnosis"
    if alt.needs_floor:
        return f"the version listed for it, {alt.name}, needs the floor too"
    if alt.slug in in_plan:
        return f"its seated version, {alt.name}, is already in your plan"
    return None


def fit_to_person(
    library: Library, routine: Routine, profile: Profile
) -> tuple[tuple[Dosed, ...], tuple[Change, ...]]:
    """The routine's items that suit this person, in order, and every change made."""
    dosed = library.dosed(routine)
    overrides = [item.dose for item in routine.items]
    verdicts: list[Dosed | Change | None] = []  # None: needs a seated swap, decided below
    for item in dosed:
        ex = item.exercise
        precaution = precaution_reason(ex, profile.diagnosis)
        if ex.slug in profile.skip:
            verdicts.append(Change("skipped", ex.slug, None,
                                   "Left out because you said it hurts."))
        elif precaution is not None:
            verdicts.append(Change("excluded-by-precaution", ex.slug, None, precaution))
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
        problem = (_alternative_problem(alt, profile, in_plan) if alt is not None
                   else "it has no seated version")
        if alt is None or problem is not None:
            changes.append(Change(
                "dropped", ex.slug, None,
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
