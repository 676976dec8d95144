"""The real library grown n times in memory: every exercise and routine copied under new
slugs, as bench/scale.py grows the content folder, for tests of lists that must page.

Copy 1 keeps the real slugs; copy n appends ``-x<n>`` to every slug (and every slug it
names) and `` <n>`` to every name and title. Each condition page names its own routines,
then their copies, up to the 100 a condition may name.
"""

from __future__ import annotations

from backcare.content import Library
from backcare.content.schema import Exercise, Routine

CONDITION_ROUTINES_MAX = 100


def slug_in(copy: int, slug: str) -> str:
    return slug if copy == 1 else f"{slug}-x{copy}"


def _name_in(copy: int, name: str) -> str:
    return name if copy == 1 else f"{name} {copy}"


def _exercise(copy: int, ex: Exercise) -> Exercise:
    alternative = ex.seated_alternative
    return ex.model_copy(update={
        "slug": slug_in(copy, ex.slug), "name": _name_in(copy, ex.name),
        "seated_alternative": slug_in(copy, alternative) if alternative else None,
    })


def _routine(copy: int, routine: Routine) -> Routine:
    phases = tuple(
        phase.model_copy(update={"items": tuple(
            item.model_copy(update={"exercise": slug_in(copy, item.exercise)})
            for item in phase.items)})
        for phase in routine.phases)
    return routine.model_copy(update={
        "slug": slug_in(copy, routine.slug), "title": _name_in(copy, routine.title),
        "phases": phases, "related": tuple(slug_in(copy, s) for s in routine.related),
    })


def grown(library: Library, times: int) -> Library:
    exercises = {slug_in(c, ex.slug): _exercise(c, ex)
                 for c in range(1, times + 1) for ex in library.exercises.values()}
    routines = {slug_in(c, r.slug): _routine(c, r)
                for c in range(1, times + 1) for r in library.routines.values()}
    conditions = {
        slug: page.model_copy(update={"routines": tuple(
            slug_in(c, r) for c in range(1, times + 1) for r in page.routines
        )[:CONDITION_ROUTINES_MAX]})
        for slug, page in library.conditions.items()
    }
    return Library.build(library.site, exercises, routines, conditions,
                         f"{library.content_hash}-grown-{times}", rules=library.rules)
