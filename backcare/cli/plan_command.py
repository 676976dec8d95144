"""`backcare plan`: a routine fitted to one person, after the red-flag screen.

The answers are checked first (so a typo does not cost the person nine questions), then
the safety questions are asked, and only then is the plan made and shown.
"""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from backcare.cli.commands import _library, _suggestions
from backcare.cli.condition_options import add_condition_arguments, conditions_from_args
from backcare.cli.console import CliError, print_json, stdout
from backcare.cli.render import format_dose
from backcare.cli.screen_prompt import add_screen_arguments, screen
from backcare.cli.session_log import terminal_hurt_days
from backcare.content import Library
from backcare.content.wording import format_duration
from backcare.planning.shapes import plan_out, plan_query
from backcare.plans import (
    LEFT_OUT_REASONS,
    InputError,
    Plan,
    PlanError,
    Profile,
    make_plan,
)
from backcare.plans.condition_rules import conditions_text

GROUPS = (
    ("Swapped for a seated version", {"swapped"}),
    ("Left out", set(LEFT_OUT_REASONS)),
    ("Kept, with a caution", {"flagged"}),
    ("Done fewer times, to fit your time", {"sets-reduced", "reps-reduced"}),
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("plan", help="fit a routine to you (asks the safety questions first)",
                       description="Fit a routine to you: the floor, your health, your time "
                                   "and what hurts. The safety questions come first.")
    p.add_argument("routine", help="a routine slug (see `backcare routines`)")
    p.add_argument("--minutes", type=int, default=None, help="minutes you have (default: no limit)")
    p.add_argument("--no-floor", action="store_true",
                   help="you cannot get down to the floor and back up (seated versions are used)")
    add_condition_arguments(p)
    p.add_argument("--pain", type=int, default=None, help="pain today from 0 to 10 (noted only)")
    p.add_argument("--skip", default="", metavar="SLUG,SLUG",
                   help="exercises to leave out because they hurt, comma-separated")
    add_screen_arguments(p)
    p.add_argument("--json", action="store_true", help="print JSON (the API's plan shape)")
    p.set_defaults(run=run)


def _input_problem(exc: InputError) -> CliError:
    return CliError("; ".join(f"--{field}: {message}" if field != "routine" else message
                              for field, message in exc.errors.items()), 2)


def _profile(library: Library, args: argparse.Namespace) -> Profile:
    skip = tuple(s.strip() for s in args.skip.split(",") if s.strip())
    try:
        return Profile(floor=not args.no_floor, conditions=conditions_from_args(library, args),
                       bending_worsens_leg_pain=args.bending_worsens_leg_pain,
                       minutes=args.minutes, pain=args.pain, skip=skip)
    except InputError as exc:
        raise _input_problem(exc) from None


def _check_routine(library: Library, slug: str) -> None:
    if slug in library.routines:
        return
    message = f"No routine called {slug!r}. Try `backcare routines`."
    close = [s for s in _suggestions(library, slug) if s in library.routines]
    if close:
        message += " Did you mean: " + ", ".join(close) + "?"
    raise CliError(message, 2)


def run(args: argparse.Namespace) -> int:
    library = _library()
    slug = args.routine.strip().lower()
    _check_routine(library, slug)
    profile = _profile(library, args)
    unknown = [s for s in profile.skip if s not in library.exercises]
    if unknown:
        raise CliError(f"--skip: names exercises we do not have: {', '.join(unknown)}", 2)

    screen(args)  # raises CliError (exit 3, with the advice) on any warning sign

    try:
        plan = make_plan(library, slug, profile, terminal_hurt_days())
    except InputError as exc:
        raise _input_problem(exc) from None
    except PlanError as exc:
        raise CliError(exc.message, 1) from None
    if args.json:
        print_json(plan_out(plan).model_dump(mode="json"))
    else:
        print_plan(stdout(), library, plan)
    return 0


def _about(library: Library, profile: Profile) -> str:
    parts = ["off the floor" if not profile.floor else "floor is fine",
             "health conditions: " + conditions_text(library.rules, profile),
             f"{profile.minutes} min available" if profile.minutes else "no time limit"]
    if profile.pain is not None:
        parts.append(f"pain today {profile.pain}/10")
    return ", ".join(parts)


def print_plan(console: Console, library: Library, plan: Plan) -> None:
    console.print(f"[bold]Your plan: {escape(plan.routine_title)}[/]  [dim]({plan.routine_slug})[/]")
    console.print(f"Fitted to you: {_about(library, plan.profile)}.", markup=False)
    for said in plan.advice:
        console.print(Text(f"! {said}", style="bold"))
    console.print(f"[bold]Total:[/] {format_duration(plan.total_seconds)} "
                  f"[dim]({plan.total_seconds} s, every hold, rest and pause counted)[/]")
    console.print()
    console.print("[bold underline]What changed and why[/]")
    if not plan.changes:
        console.print("Nothing needed changing: this is the routine as published.")
    for heading, kinds in GROUPS:
        changes = [c for c in plan.changes if c.kind in kinds]
        if not changes:
            continue
        console.print(f"[bold]{heading}[/]")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for c in changes:
            name = library.exercises[c.exercise].name
            if c.replacement:
                name += f" -> {library.exercises[c.replacement].name}"
            grid.add_row("  •", Text.assemble((name, "bold"), ": ", c.reason))
        console.print(grid)
    console.print()
    console.print("[bold underline]The exercises, in order[/]")
    for number, item in enumerate(plan.items, 1):
        ex = item.exercise
        console.print(
            f" {number:>2}. [bold]{escape(ex.name)}[/] [dim]({ex.slug})[/] — "
            f"{escape(ex.position_label.lower())}; {format_dose(ex, item.dose)}"
        )
    console.print()
    console.print("Stop any exercise that makes your pain sharper or sends it down a leg.")
    console.print(f"On the web: /routines/{plan.routine_slug}/plan/?{plan_query(plan.profile)}",
                  markup=False)
    console.print(Text(library.site.disclaimer_short, style="italic"))
