"""What goes on a worksheet, independent of how it is drawn: :class:`Sheet`.

A sheet is made from a routine as published (:func:`routine_sheet`) or from a personal
plan (:func:`plan_sheet`); the PDF builder only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcare.content import Library
from backcare.content.schema import Exercise
from backcare.plans import Plan, UrgentHelp, routine_urgent_help
from backcare.timeline import Dosed
from backcare.worksheets import wording


@dataclass(frozen=True)
class SheetItem:
    number: int
    exercise: Exercise
    dose: str        # "Hold 30 s · 3 times · each side"
    phase: str       # the routine's phase name, or "" on a plan


@dataclass(frozen=True)
class Sheet:
    slug: str
    title: str
    subtitle: str                 # "About 5 min · 6 exercises"
    suits: str                    # who the routine suits ("" on a plan)
    fitted: tuple[str, ...]       # the person's answers, on a plan; else empty
    changes: tuple[str, ...]      # what the plan changed from the routine, and why
    items: tuple[SheetItem, ...]
    disclaimer: str
    is_plan: bool
    urgent_help: UrgentHelp       # "Get help now if…": the routine's emergency signs


def _subtitle(total_seconds: int, count: int) -> str:
    about = wording.about(total_seconds)
    return f"{about[0].upper()}{about[1:]} · {count} exercise{'s' if count != 1 else ''}"


def routine_sheet(library: Library, slug: str) -> Sheet:
    """The worksheet of a routine as published. Raises KeyError for an unknown slug."""
    routine = library.routines[slug]
    dosed = iter(library.dosed(routine))
    items: list[SheetItem] = []
    for phase in routine.phases:
        for _ in phase.items:
            d: Dosed = next(dosed)
            items.append(SheetItem(len(items) + 1, d.exercise,
                                   wording.dose_text(d.dose, d.exercise), phase.name))
    return Sheet(
        slug=slug,
        title=routine.title,
        subtitle=_subtitle(library.estimated_seconds(slug), len(items)),
        suits=routine.suits,
        fitted=(),
        changes=(),
        items=tuple(items),
        disclaimer=library.site.disclaimer_short,
        is_plan=False,
        urgent_help=routine_urgent_help(library, slug),
    )


def plan_sheet(library: Library, plan: Plan) -> Sheet:
    """The worksheet of a personal plan: only the plan's exercises, at the plan's doses."""
    names = {slug: ex.name for slug, ex in library.exercises.items()}
    changes = tuple(
        f"{names.get(c.exercise, c.exercise)}: {c.reason}" for c in plan.changes
    )
    items = tuple(
        SheetItem(n, d.exercise, wording.dose_text(d.dose, d.exercise), "")
        for n, d in enumerate(plan.items, start=1)
    )
    return Sheet(
        slug=plan.routine_slug,
        title=plan.routine_title,
        subtitle=_subtitle(plan.total_seconds, len(items)),
        suits="",
        fitted=tuple(wording.profile_lines(plan.profile, names, library.rules, plan.advice)),
        changes=changes,
        items=items,
        disclaimer=library.site.disclaimer_short,
        is_plan=True,
        urgent_help=routine_urgent_help(library, plan.routine_slug),
    )
