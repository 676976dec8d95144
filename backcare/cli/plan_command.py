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

from backcare.cli.commands import _library, no_such_routine
from backcare.cli.condition_options import add_condition_arguments, conditions_from_args
from backcare.cli.console import CliError, print_json, stdout
from backcare.cli.render import format_dose
from backcare.cli.screen_prompt import add_screen_arguments, screen
from backcare.cli.session_log import terminal_hurt_days
from backcare.content import Library
from backcare.content.wording import format_duration
from backcare.planning.shapes import plan_out, plan_query
from backcare.plans import (
    InputError,
    Plan,
    PlanError,
    Profile,
    make_plan,
)
from backcare.plans.condition_rules import conditions_text
from backcare.plans.plan import CHANGE_GROUPS
from backcare.playscript import build_script
from backcare.vocabulary import DEFAULT_LANGUAGE, current
from backcare.vocabulary import gettext as _


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("plan", help=_("fit a routine to you (asks the safety questions first)"),
                       description=_("Fit a routine to you: the floor, your health, your time "
                                     "and what hurts. The safety questions come first."))
    p.add_argument("routine", help=_("a routine slug (see `backcare routines`)"))
    p.add_argument("--minutes", type=int, default=None,
                   help=_("minutes you have (default: no limit)"))
    p.add_argument("--no-floor", action="store_true",
                   help=_("you cannot get down to the floor and back up (seated versions are "
                          "used)"))
    add_condition_arguments(p)
    p.add_argument("--pain", type=int, default=None,
                   help=_("pain today from 0 to 10 (noted only)"))
    p.add_argument("--skip", default="", metavar="SLUG,SLUG",
                   help=_("exercises to leave out because they hurt, comma-separated"))
    add_screen_arguments(p)
    p.add_argument("--json", action="store_true", help=_("print JSON (the API's plan shape)"))
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
    if slug not in library.routines:
        raise no_such_routine(library, slug)


def run(args: argparse.Namespace) -> int:
    library = _library()
    slug = args.routine.strip().lower()
    _check_routine(library, slug)
    profile = _profile(library, args)
    unknown = [s for s in profile.skip if s not in library.exercises]
    if unknown:
        raise CliError(_("--skip: names exercises we do not have: {names}").format(
            names=", ".join(unknown)), 2)

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
    parts = [_("off the floor") if not profile.floor else _("floor is fine"),
             _("health conditions: {conditions}").format(
                 conditions=conditions_text(library.rules, profile)),
             _("{minutes} min available").format(minutes=profile.minutes) if profile.minutes
             else _("no time limit")]
    if profile.pain is not None:
        parts.append(_("pain today {pain}/10").format(pain=profile.pain))
    return ", ".join(parts)


def web_address(plan: Plan) -> str:
    """The plan's page on the web, in the language in force (/es/... for Spanish)."""
    language = current()
    prefix = "" if language == DEFAULT_LANGUAGE else f"/{language}"
    return f"{prefix}/routines/{plan.routine_slug}/plan/?{plan_query(plan.profile)}"


def _heading(console: Console, text: str) -> None:
    console.print(Text(text, style="bold underline"))


def print_plan(console: Console, library: Library, plan: Plan) -> None:
    total = build_script(plan.timeline).total_seconds  # the players' and the API's total
    heading = _("Your plan: {title}").format(title=plan.routine_title)
    console.print(f"[bold]{escape(heading)}[/]  [dim]({plan.routine_slug})[/]")
    console.print(_("Fitted to you: {about}.").format(about=_about(library, plan.profile)),
                  markup=False)
    for said in plan.advice:
        console.print(Text(f"! {said}", style="bold"))
    label = _("Total:")
    counted = _("({seconds} s, every get-ready, hold, rest and pause counted)").format(
        seconds=total)
    console.print(f"[bold]{escape(label)}[/] {format_duration(total)} [dim]{escape(counted)}[/]")
    console.print()
    _heading(console, _("What changed and why"))
    if not plan.changes:
        console.print(_("Nothing needed changing: this is the routine as published."),
                      markup=False)
    for heading, kinds in CHANGE_GROUPS:
        changes = [c for c in plan.changes if c.kind in kinds]
        if not changes:
            continue
        console.print(f"[bold]{escape(_(heading))}[/]")
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
    _heading(console, _("The exercises, in order"))
    for number, item in enumerate(plan.items, 1):
        ex = item.exercise
        console.print(
            f" {number:>2}. [bold]{escape(ex.name)}[/] [dim]({ex.slug})[/] — "
            f"{escape(ex.position_label.lower())}; {escape(format_dose(ex, item.dose))}"
        )
    console.print()
    console.print(_("Stop any exercise that makes your pain sharper or sends it down a leg."),
                  markup=False)
    console.print(_("On the web: {address}").format(address=web_address(plan)), markup=False)
    console.print(Text(library.site.disclaimer_short, style="italic"))
