"""Which red-flag questions a routine needs, and its "Get help now if…" box.

A routine has no body areas of its own: its exercises do. The areas a routine *works on*
are the ones at least half of its exercises work on. So the upper-back routine (six of
its seven exercises work the upper back) is screened with the neck questions too, while a
low-back routine with one whole-spine move in it (cat/cow also moves the neck) is not.

Plain Python (no Django), shared by the web pages, the API, the CLI and the worksheets.
"""

from __future__ import annotations

from collections import Counter

from backcare.content import Library
from backcare.plans.redflag_questions import (
    QUESTIONS,
    Area,
    RedFlagQuestion,
    areas_for,
    questions_in,
)
from backcare.plans.redflags import AREAS, UrgentHelp, urgent_help


def routine_body_areas(library: Library, slug: str) -> frozenset[str]:
    """The body areas at least half of the routine's exercises work on (KeyError if there
    is no such routine)."""
    routine = library.routines[slug]
    exercises = {item.exercise for item in routine.items}
    counts: Counter[str] = Counter(
        area for name in exercises for area in library.exercises[name].body_areas
    )
    return frozenset(area for area, n in counts.items() if 2 * n >= len(exercises))


def routine_areas(library: Library, slug: str | None) -> frozenset[Area]:
    """The question groups to ask before routine ``slug``: every group when there is no
    routine, or no routine by that name (the safe side)."""
    if slug is None or slug not in library.routines:
        return frozenset(AREAS)
    return areas_for(routine_body_areas(library, slug))


def routine_questions(library: Library, slug: str | None) -> tuple[RedFlagQuestion, ...]:
    """The questions to ask before routine ``slug``, urgent first (every question when
    there is no such routine)."""
    if slug is None or slug not in library.routines:
        return QUESTIONS
    return questions_in(routine_areas(library, slug))


def routine_urgent_help(library: Library, slug: str | None) -> UrgentHelp:
    """The "Get help now if…" box for routine ``slug``: the emergency signs of its
    questions."""
    return urgent_help(routine_questions(library, slug))
