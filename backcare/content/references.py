"""Cross-file checks: every slug a file names must exist and make sense where it is used."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from backcare.content.bounds_schema import DOSE_FIELDS, DoseBoundsFile
from backcare.content.rules_schema import RulesFile
from backcare.content.schema import Condition, Exercise, Routine

Problem = tuple[str, str, str]

#: Condition pages live at /<slug>/, beside these top-level paths of the site.
RESERVED_TOP_LEVEL = frozenset({
    "api", "static", "exercises", "routines", "disclaimer", "plans", "screen", "history",
    "play", "admin", "accounts", "worksheets", "painful-exercises",
})


def _exercise_problems(exercises: Mapping[str, Exercise]) -> Iterator[Problem]:
    for slug, ex in exercises.items():
        file = f"exercises/{slug}.yaml"
        alt = ex.seated_alternative
        if alt is None:
            continue
        if alt not in exercises:
            yield file, "seated_alternative", f"names exercise {alt!r}, which does not exist"
        elif exercises[alt].needs_floor:
            yield (file, "seated_alternative",
                   f"names {alt!r}, which is done {exercises[alt].position} and needs the floor")


def _demo_problems(exercises: Mapping[str, Exercise]) -> Iterator[Problem]:
    """Each demo must draw: limbs reach their contacts, nothing sinks into the floor."""
    from backcare.figures.checks import demo_problems  # the figures import content models

    for slug, ex in exercises.items():
        for message in demo_problems(ex)[:3]:
            yield f"exercises/{slug}.yaml", "demo", message


def _routine_problems(
    exercises: Mapping[str, Exercise], routines: Mapping[str, Routine]
) -> Iterator[Problem]:
    for slug, routine in routines.items():
        file = f"routines/{slug}.yaml"
        seen: set[str] = set()
        for p, phase in enumerate(routine.phases):
            for i, item in enumerate(phase.items):
                field = f"phases[{p}].items[{i}].exercise"
                if item.exercise not in exercises:
                    yield file, field, f"names exercise {item.exercise!r}, which does not exist"
                elif item.exercise in seen:
                    yield file, field, f"exercise {item.exercise!r} appears twice in the routine"
                elif (item.dose.reps is not None
                      and item.dose.reps < exercises[item.exercise].min_reps):
                    least = exercises[item.exercise].min_reps
                    yield (file, f"phases[{p}].items[{i}].dose.reps",
                           f"is {item.dose.reps}, fewer than the {least} that "
                           f"{item.exercise!r} needs to be useful (its min_reps)")
                seen.add(item.exercise)
        for r, related in enumerate(routine.related):
            if related not in routines:
                yield file, f"related[{r}]", f"links routine {related!r}, which does not exist"
            elif related == slug:
                yield file, f"related[{r}]", "a routine cannot be related to itself"
        if len(set(routine.related)) != len(routine.related):
            yield file, "related", "lists the same routine twice"


def _condition_problems(
    routines: Mapping[str, Routine], conditions: Mapping[str, Condition]
) -> Iterator[Problem]:
    for slug, condition in conditions.items():
        if slug in RESERVED_TOP_LEVEL:
            yield (f"conditions/{slug}.yaml", "slug",
                   f"{slug!r} is taken by the site's own pages; choose another slug")
        for r, routine in enumerate(condition.routines):
            if routine not in routines:
                yield (f"conditions/{slug}.yaml", f"routines[{r}]",
                       f"names routine {routine!r}, which does not exist")


def _rules_problems(exercises: Mapping[str, Exercise], rules: RulesFile | None) -> Iterator[Problem]:
    """Every condition an exercise names is defined in rules.yaml; every exercise a rule
    names exists. (Without a readable rules.yaml its own problem is reported instead.)"""
    if rules is None:
        return
    known = set(rules.names)
    for slug, ex in exercises.items():
        for field in ("only_with_conditions", "not_with_conditions"):
            for i, name in enumerate(getattr(ex.rules, field)):
                if name not in known:
                    yield (f"exercises/{slug}.yaml", f"rules.{field}[{i}]",
                           f"names condition {name!r}, which rules.yaml does not define "
                           f"(known: {', '.join(sorted(known)) or 'none'})")
    for c, condition in enumerate(rules.conditions):
        for r, rule in enumerate(condition.rules):
            for e, name in enumerate(rule.exercises):
                if name not in exercises:
                    yield ("rules.yaml", f"conditions[{c}].rules[{r}].exercises[{e}]",
                           f"names exercise {name!r}, which does not exist")


def _bounds_problems(exercises: Mapping[str, Exercise],
                     bounds: DoseBoundsFile | None) -> Iterator[Problem]:
    """Every exercise dose-bounds.yaml names exists, and every exercise's own dose lies
    within its bounds (so a program made with the defaults is always allowed)."""
    if bounds is None:
        return
    file = "dose-bounds.yaml"
    for slug in bounds.exercises:
        if slug not in exercises:
            yield file, f"exercises.{slug}", f"names exercise {slug!r}, which does not exist"
    for slug, ex in exercises.items():
        own = bounds.for_exercise(ex)
        for name in DOSE_FIELDS:
            low, high = own.get(name)
            value = getattr(ex.dose, name)
            if not low <= value <= high:
                yield (file, bounds.where(ex, name),
                       f"is [{low}, {high}], which leaves out {slug!r}'s own dose of "
                       f"{name} {value} (exercises/{slug}.yaml, dose.{name}); widen the "
                       f"range or give {slug!r} its own under exercises")


def check_references(
    exercises: Mapping[str, Exercise],
    routines: Mapping[str, Routine],
    conditions: Mapping[str, Condition],
    rules: RulesFile | None = None,
    *,
    demos: bool = True,
    bounds: DoseBoundsFile | None = None,
) -> list[Problem]:
    """Every cross-file problem; each exercise's demo is drawn and checked unless ``demos``
    is False (its problems are the ones with the field ``demo``)."""
    clashes = [
        (f"routines/{slug}.yaml", "slug",
         f"{slug!r} is also an exercise's slug; `backcare show {slug}` must name one thing")
        for slug in sorted(set(exercises) & set(routines))
    ]
    return [
        *clashes,
        *_exercise_problems(exercises),
        *(_demo_problems(exercises) if demos else ()),
        *_routine_problems(exercises, routines),
        *_condition_problems(routines, conditions),
        *_rules_problems(exercises, rules),
        *_bounds_problems(exercises, bounds),
    ]
