"""Readable terminal output for routines and exercises.

Content text goes through :func:`_markup` or :func:`_text`: rich markup in it prints as
written, and any control or bidi character would print as an escape, never reach the
terminal (the loader already refuses them; this is the second lock).
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backcare.content import Library
from backcare.content.plain_text import for_terminal
from backcare.content.schema import MOVEMENT_LABELS, Dose, Exercise, Routine
from backcare.content.wording import dose_text, format_duration
from backcare.plans.condition_rules import conditions_touching


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


def format_dose(exercise: Exercise, dose: Dose) -> str:
    """The dose as the web pages and worksheets word it, plus the rest between reps."""
    text = dose_text(dose, exercise)
    if dose.reps > 1 or dose.sets > 1 or exercise.per_side:
        text += f", rest {dose.rest_seconds} s between"
    return text


def routines_table(library: Library) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="Routines", title_justify="left")
    table.add_column("Routine", ratio=1)
    table.add_column("Slug", no_wrap=True, overflow="fold", style="cyan")
    table.add_column("About", no_wrap=True, justify="right")
    table.add_column("Exercises", justify="right", no_wrap=True)
    for routine in library.routines.values():
        table.add_row(
            _markup(routine.title), routine.slug,
            format_duration(library.estimated_seconds(routine.slug)), str(len(routine.items)),
        )
    return table


def _notice(library: Library) -> Text:
    return _text(library.site.disclaimer_short, style="italic")


def print_routine(console: Console, library: Library, routine: Routine) -> None:
    dosed = library.dosed(routine)
    console.print(f"[bold]{_markup(routine.title)}[/]  [dim]({routine.slug})[/]")
    console.print(_markup(routine.summary))
    console.print(f"[bold]Suits:[/] {_markup(routine.suits)}")
    floor = any(d.exercise.needs_floor for d in dosed)
    console.print(
        f"[bold]Takes about[/] {format_duration(library.estimated_seconds(routine.slug))}, "
        f"{len(routine.items)} exercise{'s' if len(routine.items) != 1 else ''}"
        + (" — some on the floor, bed or couch." if floor else " — none on the floor.")
    )
    in_order = iter(dosed)
    number = 0
    for phase in routine.phases:
        console.print()
        console.print(f"[bold underline]{_markup(phase.name)}[/]")
        for _ in phase.items:
            number += 1
            d = next(in_order)
            console.print(
                f" {number:>2}. [bold]{_markup(d.exercise.name)}[/] [dim]({d.exercise.slug})[/] — "
                f"{_markup(d.exercise.position_label.lower())}; {format_dose(d.exercise, d.dose)}"
            )
    if routine.related:
        console.print()
        names = [
            f"{_markup(library.routines[s].title)} [dim]({s})[/]" if s in library.routines else s
            for s in routine.related
        ]
        console.print("[bold]Related:[/] " + "; ".join(names))
    console.print()
    console.print(_notice(library))


def _list(console: Console, heading: str, items: tuple[str, ...], numbered: bool) -> None:
    if not items:
        return
    console.print()
    console.print(f"[bold]{heading}[/]")
    grid = Table.grid(padding=(0, 1))  # long lines wrap with a hanging indent
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for i, text in enumerate(items, 1):
        grid.add_row(f" {i:>2}." if numbered else "  •", _text(text))
    console.print(grid)


def print_exercise(console: Console, library: Library, ex: Exercise) -> None:
    console.print(f"[bold]{_markup(ex.name)}[/]  [dim]({ex.slug})[/]")
    if ex.other_names:
        console.print("Also called: " + _markup(", ".join(ex.other_names)))
    console.print(_markup(ex.summary))
    console.print()
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row("Position", ex.position_label
                  + (" (needs a floor, bed or couch)" if ex.needs_floor else ""))
    facts.add_row("Where", ", ".join(ex.places))
    facts.add_row("Kind", ex.kind)
    facts.add_row("Works on", ", ".join(a.replace("-", " ") for a in ex.body_areas))
    facts.add_row("Equipment", ", ".join(ex.equipment) or "none")
    facts.add_row("Usual dose", format_dose(ex, ex.dose))
    facts.add_row("Movements", ", ".join(MOVEMENT_LABELS[m] for m in ex.movements))
    if ex.seated_alternative:
        alt = library.exercises.get(ex.seated_alternative)
        facts.add_row("In a chair", _text(f"{alt.name} ({alt.slug})" if alt
                                          else ex.seated_alternative))
    facts.add_row("Source", "the physical therapist's program" if ex.source == "reference"
                  else "written for backcare")
    console.print(facts)
    _list(console, "Steps", ex.steps, numbered=True)
    _list(console, "Cues", ex.cues, numbered=False)
    warnings = list(ex.precautions)
    if ex.rules.only_with_conditions:
        warnings.append("Only for someone a clinician has told they have "
                        + " or ".join(_condition(library, c) for c in ex.rules.only_with_conditions)
                        + ".")
    left_out_for = conditions_touching(library.rules, ex, "exclude")
    if left_out_for:
        warnings.append("Plans leave it out for "
                        + ", ".join(_condition(library, c) for c in left_out_for) + ".")
    if warnings:
        console.print()
        body = Group(*(_text(f"! {w}") for w in warnings))
        console.print(Panel(body, title="Take care", title_align="left",
                            border_style="bold red", box=box.HEAVY, expand=False))
    used = library.routines_using(ex.slug)
    console.print()
    if used:
        console.print("[bold]In routines:[/] "
                      + "; ".join(f"{_markup(r.title)} [dim]({r.slug})[/]" for r in used))
    else:
        console.print("[bold]In routines:[/] none yet")
    console.print()
    console.print(_notice(library))
