"""What goes on a worksheet, independent of how it is drawn: :class:`Sheet`.

A sheet is made from a routine as published (:func:`routine_sheet`) or from a personal
plan (:func:`plan_sheet`); the PDF builder only lays it out. Its words are in the language
in force (:mod:`backcare.vocabulary`) and its content texts in the library's: the worksheet
builder calls these inside ``vocabulary.use(lang)`` with ``library.in_language(lang)``.

The total time a sheet states is its play script's total (:mod:`backcare.playscript`),
the same number every page, the API and both players give.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcare.content import Library
from backcare.content.schema import Exercise
from backcare.plans import Plan, UrgentHelp, make_plan, routine_urgent_help
from backcare.playscript import build_script
from backcare.timeline import Dosed, Timeline
from backcare.vocabulary import gettext, ngettext
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
    subtitle: str                 # "Total time 5 min 29 s · 6 exercises"
    suits: str                    # who the routine suits ("" on a plan)
    fitted: tuple[str, ...]       # the person's answers, on a plan; else empty
    changes: tuple[str, ...]      # what the plan changed from the routine, and why
    items: tuple[SheetItem, ...]
    disclaimer: str
    is_plan: bool
    urgent_help: UrgentHelp       # "Get help now if…": the routine's emergency signs
    #: The play script's total: what following the sheet takes, every get-ready included.
    total_seconds: int = 0


def script_seconds(timeline: Timeline) -> int:
    """The total the sheet states: its play script's (= the timeline's) total."""
    return build_script(timeline).total_seconds


def _subtitle(total_seconds: int, count: int) -> str:
    return ngettext("Total time {duration} · {count} exercise",
                    "Total time {duration} · {count} exercises", count).format(
        duration=wording.format_duration(total_seconds), count=count)


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
    total = script_seconds(library.timeline(slug))
    return Sheet(
        slug=slug,
        title=routine.title,
        subtitle=_subtitle(total, len(items)),
        suits=routine.suits,
        fitted=(),
        changes=(),
        items=tuple(items),
        disclaimer=library.site.disclaimer_short,
        is_plan=False,
        urgent_help=routine_urgent_help(library, slug),
        total_seconds=total,
    )


def plan_sheet(library: Library, plan: Plan) -> Sheet:
    """The worksheet of a personal plan: only the plan's exercises, at the plan's doses.

    The plan is made again from its answers, what hurt and its accepted changes with
    ``library`` in the language in force (same inputs, same plan), so every reason it gives
    is in the sheet's language."""
    plan = make_plan(library, plan.routine_slug, plan.profile, dict(plan.hurt),
                     plan.adjustments)
    names = {slug: ex.name for slug, ex in library.exercises.items()}
    changes = tuple(
        gettext("{exercise}: {reason}").format(exercise=names.get(c.exercise, c.exercise),
                                               reason=c.reason)
        for c in plan.changes
    )
    items = tuple(
        SheetItem(n, d.exercise, wording.dose_text(d.dose, d.exercise), "")
        for n, d in enumerate(plan.items, start=1)
    )
    return Sheet(
        slug=plan.routine_slug,
        title=plan.routine_title,
        subtitle=_subtitle(script_seconds(plan.timeline), len(items)),
        suits="",
        fitted=tuple(wording.profile_lines(plan.profile, names, library.rules, plan.advice)),
        changes=changes,
        items=items,
        disclaimer=library.site.disclaimer_short,
        is_plan=True,
        urgent_help=routine_urgent_help(library, plan.routine_slug),
        total_seconds=script_seconds(plan.timeline),
    )
