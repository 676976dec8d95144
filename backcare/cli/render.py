"""Readable terminal output for routines and exercises, in the language in force.

Labels come from the core vocabulary (the same the web pages show, never the raw values),
durations from the play script's total (:func:`backcare.export.routine_seconds`, the
number the API, the pages and both players give), doses from :mod:`backcare.content.wording`.

Content text goes through :func:`_markup` or :func:`_text`: rich markup in it prints as
written, and any control or bidi character would print as an escape, never reach the
terminal (the loader already refuses them; this is the second lock).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backcare.catalogue.labels import BODY_AREAS, EQUIPMENT, KINDS, MOVEMENTS, PLACES
from backcare.content import Library
from backcare.content.plain_text import for_terminal
from backcare.content.schema import Dose, Exercise, Routine
from backcare.content.wording import dose_text, format_duration
from backcare.plans import PlanError, safe_default_plan
from backcare.plans.condition_rules import conditions_touching
from backcare.vocabulary import gettext as _
from backcare.vocabulary import ngettext

#: How a list of labels is joined on one line.
LIST_SEPARATOR = ", "


def script_seconds(library: Library, slug: str) -> int:
    """How long the routine takes: its play script's ``total_seconds``, as played for
    someone who has told us nothing (``backcare play``, ``GET /api/timeline``)."""
    from backcare.export import routine_seconds  # the API's shapes: only when timing a routine

    return routine_seconds(library, slug)


def _condition(library: Library, slug: str) -> str:
    """A condition as it reads in a sentence ("a disc problem")."""
    found = library.rules.get(slug)
    return found.in_sentence if found is not None else slug


def _markup(text: str) -> str:
    """Content text to put inside a markup string."""
    return escape(for_terminal(text, multiline=True))


def _text(text: str, style: str = "") -> Text:
    """Content text as a rich Text, which never reads markup."""
    return Text(for_terminal(text, multiline=True), style=style)


def _bold(text: str) -> str:
    """Our own words (already translated), bold, inside a markup string."""
    return f"[bold]{escape(text)}[/]"


def _labels(labels: Mapping[str, str], values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(labels[value] for value in values)


def format_dose(exercise: Exercise, dose: Dose) -> str:
    """The dose as the web pages and worksheets word it, plus the rest between reps."""
    text = dose_text(dose, exercise)
    if dose.reps > 1 or dose.sets > 1 or exercise.per_side:
        return _("{dose}, rest {seconds} s between").format(dose=text, seconds=dose.rest_seconds)
    return text


def routines_table(library: Library) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=_("Routines"), title_justify="left")
    table.add_column(_("Routine"), ratio=1)
    table.add_column(_("Slug"), no_wrap=True, overflow="fold", style="cyan")
    table.add_column(_("About"), no_wrap=True, justify="right")
    table.add_column(_("Exercises"), justify="right", no_wrap=True)
    for routine in library.routines.values():
        table.add_row(
            _markup(routine.title), routine.slug,
            format_duration(script_seconds(library, routine.slug)), str(len(routine.items)),
        )
    return table


def _notice(library: Library) -> Text:
    return _text(library.site.disclaimer_short, style="italic")


def _takes(library: Library, routine: Routine, floor: bool) -> str:
    duration = format_duration(script_seconds(library, routine.slug))
    count = len(routine.items)
    if floor:
        return ngettext("Takes about {duration}, {count} exercise — some on the floor, bed "
                        "or couch.",
                        "Takes about {duration}, {count} exercises — some on the floor, bed "
                        "or couch.", count).format(duration=duration, count=count)
    return ngettext("Takes about {duration}, {count} exercise — none on the floor.",
                    "Takes about {duration}, {count} exercises — none on the floor.",
                    count).format(duration=duration, count=count)


def _left_out_by_default(console: Console, library: Library, routine: Routine) -> None:
    """What the routine leaves out for someone who has told us nothing, and why."""
    try:
        left_out = safe_default_plan(library, routine.slug).left_out
    except PlanError:
        return
    if not left_out:
        return
    console.print()
    console.print(_bold(_("Left out until you tell us about your health:")))
    for item in left_out:
        console.print(_text(f"  - {library.exercises[item.exercise].name}: {item.why}"))


def print_routine(console: Console, library: Library, routine: Routine) -> None:
    dosed = library.dosed(routine)
    console.print(f"[bold]{_markup(routine.title)}[/]  [dim]({routine.slug})[/]")
    console.print(_markup(routine.summary))
    suits = _("Suits:")
    console.print(f"{_bold(suits)} {_markup(routine.suits)}")
    console.print(_takes(library, routine, any(d.exercise.needs_floor for d in dosed)),
                  markup=False)
    in_order = iter(dosed)
    number = 0
    for phase in routine.phases:
        console.print()
        console.print(f"[bold underline]{_markup(phase.name)}[/]")
        for _item in phase.items:
            number += 1
            d = next(in_order)
            console.print(
                f" {number:>2}. [bold]{_markup(d.exercise.name)}[/] [dim]({d.exercise.slug})[/] — "
                f"{_markup(d.exercise.position_label.lower())}; "
                f"{escape(format_dose(d.exercise, d.dose))}"
            )
    _left_out_by_default(console, library, routine)
    if routine.related:
        console.print()
        names = [
            f"{_markup(library.routines[s].title)} [dim]({s})[/]" if s in library.routines else s
            for s in routine.related
        ]
        related = _("Related:")
        console.print(f"{_bold(related)} " + "; ".join(names))
    console.print()
    console.print(_notice(library))


def _list(console: Console, heading: str, items: tuple[str, ...], numbered: bool) -> None:
    if not items:
        return
    console.print()
    console.print(_bold(heading))
    grid = Table.grid(padding=(0, 1))  # long lines wrap with a hanging indent
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for i, text in enumerate(items, 1):
        grid.add_row(f" {i:>2}." if numbered else "  •", _text(text))
    console.print(grid)


def _facts(library: Library, ex: Exercise) -> Table:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    position = ex.position_label
    if ex.needs_floor:
        position = _("{position} (needs a floor, bed or couch)").format(position=position)
    facts.add_row(_("Position"), _text(position))
    facts.add_row(_("Where"), _text(_labels(PLACES, ex.places)))
    facts.add_row(_("Kind"), _text(KINDS[ex.kind]))
    facts.add_row(_("Works on"), _text(_labels(BODY_AREAS, ex.body_areas)))
    facts.add_row(_("Equipment"), _text(_labels(EQUIPMENT, ex.equipment) or _("none")))
    facts.add_row(_("Usual dose"), _text(format_dose(ex, ex.dose)))
    facts.add_row(_("Movements"), _text(_labels(MOVEMENTS, ex.movements)))
    if ex.seated_alternative:
        alt = library.exercises.get(ex.seated_alternative)
        facts.add_row(_("In a chair"), _text(f"{alt.name} ({alt.slug})" if alt
                                             else ex.seated_alternative))
    facts.add_row(_("Source"), _text(_("the physical therapist's program")
                                     if ex.source == "reference" else _("written for backcare")))
    return facts


def _warnings(library: Library, ex: Exercise) -> list[str]:
    warnings = list(ex.precautions)
    if ex.rules.only_with_conditions:
        named = _(" or ").join(_condition(library, c) for c in ex.rules.only_with_conditions)
        warnings.append(_("Only for someone a clinician has told they have {conditions}.")
                        .format(conditions=named))
    left_out_for = conditions_touching(library.rules, ex, "exclude")
    if left_out_for:
        named = LIST_SEPARATOR.join(_condition(library, c) for c in left_out_for)
        warnings.append(_("Plans leave it out for {conditions}.").format(conditions=named))
    return warnings


def print_exercise(console: Console, library: Library, ex: Exercise) -> None:
    console.print(f"[bold]{_markup(ex.name)}[/]  [dim]({ex.slug})[/]")
    if ex.other_names:
        console.print(_("Also called: {names}").format(
            names=_markup(LIST_SEPARATOR.join(ex.other_names))))
    console.print(_markup(ex.summary))
    console.print()
    console.print(_facts(library, ex))
    _list(console, _("Steps"), ex.steps, numbered=True)
    _list(console, _("Cues"), ex.cues, numbered=False)
    warnings = _warnings(library, ex)
    if warnings:
        console.print()
        body = Group(*(_text(f"! {w}") for w in warnings))
        console.print(Panel(body, title=_("Take care"), title_align="left",
                            border_style="bold red", box=box.HEAVY, expand=False))
    used = library.routines_using(ex.slug)
    console.print()
    in_routines = _("In routines:")
    if used:
        console.print(f"{_bold(in_routines)} "
                      + "; ".join(f"{_markup(r.title)} [dim]({r.slug})[/]" for r in used))
    else:
        console.print(f"{_bold(in_routines)} " + escape(_("none yet")))
    console.print()
    console.print(_notice(library))
