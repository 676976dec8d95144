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

Every reason is said in the language in force (:mod:`backcare.vocabulary`).
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
from backcare.vocabulary import Labels, gettext, gettext_noop

#: Months as a date in a sentence names them ("it hurt on 3 March").
MONTHS = Labels({str(n): name for n, name in enumerate((
    gettext_noop("January"), gettext_noop("February"), gettext_noop("March"),
    gettext_noop("April"), gettext_noop("May"), gettext_noop("June"), gettext_noop("July"),
    gettext_noop("August"), gettext_noop("September"), gettext_noop("October"),
    gettext_noop("November"), gettext_noop("December")), start=1)})


def swapped_dose(alternative: Exercise, override: DoseOverride) -> Dose:
    """The dose of a seated alternative standing in for a routine item (see module doc)."""
    base = alternative.dose
    return base.model_copy(update={
        "hold_seconds": max(base.hold_seconds, override.hold_seconds or 0),
        "reps": min(base.reps, override.reps or base.reps),
        "sets": min(base.sets, override.sets or base.sets),
    })


def day_text(day: date) -> str:
    """A day in a sentence: ``"3 March"``."""
    return gettext("{day} {month}").format(day=day.day, month=MONTHS[str(day.month)])


def hurt_reason(day: date) -> str:
    """Why an exercise that hurt on this device is left out (the day in words)."""
    return gettext("Left out because it hurt on {day}. You can include it again when you "
                   "feel ready.").format(day=day_text(day))


def _alternative_problem(
    library: Library, alt: Exercise, profile: Profile, in_plan: set[str],
    hurt: Mapping[str, date],
) -> str | None:
    if alt.slug in profile.skip or alt.slug in hurt:
        problem = gettext("its seated version, {name}, is on your list of exercises that hurt")
    elif exclusion(library.rules, alt, profile) is not None:
        problem = gettext("its seated version, {name}, does not suit what you told us about "
                          "your health")
    elif alt.needs_floor:
        problem = gettext("the version listed for it, {name}, needs the floor too")
    elif alt.slug in in_plan:
        problem = gettext("its seated version, {name}, is already in your plan")
    else:
        return None
    return problem.format(name=alt.name)


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
                                   gettext("Left out because you said it hurts.")))
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
                   else gettext("it has no seated version"))
        if alt is None or problem is not None:
            changes.append(Change("no-floor", ex.slug, None, gettext(
                "Left out: it is done lying down or kneeling, you told us that getting down "
                "to the floor and back up is hard for you, and {problem}.").format(
                    problem=problem)))
            continue
        in_plan.add(alt.slug)
        items.append(Dosed(alt, swapped_dose(alt, override)))
        changes.append(Change("swapped", ex.slug, alt.slug, gettext(
            "Swapped for {name}, its seated version, because you told us that getting down "
            "to the floor and back up is hard for you.").format(name=alt.name)))
    return tuple(items), tuple(changes)
