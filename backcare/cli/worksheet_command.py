"""`backcare worksheet`: a routine's printable worksheet as a PDF, or a personal plan's.

Any plan option (--minutes, --no-floor, --condition or the older --diagnosis,
--bending-worsens-leg-pain, --pain, --skip) makes it the plan's
worksheet, after the red-flag screen, the same as `backcare plan`. Without them the
sheet is the routine's as the safe default gives it (what needs a known condition left
out, and said so), after the same screen. What hurt in `backcare play` is left out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backcare.cli import commands
from backcare.cli.condition_options import (
    add_condition_arguments,
    conditions_from_args,
    gave_conditions,
)
from backcare.cli.console import CliError, stdout
from backcare.cli.screen_prompt import add_screen_arguments, screen
from backcare.cli.session_log import terminal_hurt_days
from backcare.content import Library
from backcare.plans import InputError, Plan, PlanError, Profile, make_plan
from backcare.vocabulary import gettext as _
from backcare.worksheets import PAPER_LABELS, PAPERS, plan_worksheet
from backcare.worksheets.default_sheet import default_worksheet


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "worksheet", help=_("write a routine's printable worksheet (PDF), or your plan's"),
        description=_("Write a printable worksheet: the exercises with their steps and doses, "
                      "and a two-week log to tick off. Add any plan option to fit it to you "
                      "(the safety questions come first)."),
    )
    p.add_argument("routine", help=_("a routine slug (see `backcare routines`)"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf",
                   help=_("where to write the PDF ('-' for standard output)"))
    p.add_argument("--paper", choices=tuple(PAPERS), default="a4",
                   help=_("paper size (default a4)"))
    plan = p.add_argument_group(_("fit it to you (makes a personal plan)"))
    plan.add_argument("--minutes", type=int, default=None, metavar="N",
                      help=_("the minutes you have"))
    plan.add_argument("--no-floor", action="store_true",
                      help=_("you cannot get down to the floor and back up"))
    add_condition_arguments(plan)
    plan.add_argument("--pain", type=int, default=None, metavar="0-10",
                      help=_("your pain right now, 0 to 10 (recorded on the sheet)"))
    plan.add_argument("--skip", default=None, metavar="a,b",
                      help=_("exercise slugs to leave out because they hurt, comma-separated"))
    add_screen_arguments(p)
    p.set_defaults(run=run)


def _is_plan(args: argparse.Namespace) -> bool:
    given = (args.minutes, args.pain, args.skip)
    return args.no_floor or gave_conditions(args) or any(value is not None for value in given)


def _plan(library: Library, args: argparse.Namespace) -> Plan:
    skip = tuple(s.strip() for s in (args.skip or "").split(",") if s.strip())
    try:
        profile = Profile(floor=not args.no_floor, conditions=conditions_from_args(library, args),
                          bending_worsens_leg_pain=args.bending_worsens_leg_pain,
                          minutes=args.minutes, pain=args.pain, skip=skip)
        return make_plan(library, args.routine, profile, terminal_hurt_days())
    except InputError as exc:
        problems = "; ".join(f"--{field}: {message}" for field, message in exc.errors.items())
        raise CliError(_("cannot make the plan: {problems}").format(problems=problems),
                       2) from None
    except PlanError as exc:
        raise CliError(exc.message, 2) from None


def run(args: argparse.Namespace) -> int:
    output = args.output
    if output == "-" and sys.stdout.isatty():
        raise CliError(_("not writing a PDF to the terminal; give a file name with -o "
                         "FILE.pdf"), 2)
    library = commands._library()
    slug = args.routine.strip().lower()
    if slug not in library.routines:
        raise commands.no_such_routine(library, args.routine)
    args.routine = slug

    if _is_plan(args):
        plan = _plan(library, args)  # bad options fail before anyone answers the questions
        screen(args)  # raises CliError on a warning sign or an unanswered screen
        worksheet = plan_worksheet(library, plan, args.paper)
        done = _("Wrote {file}: the worksheet for your plan, {pages} pages, {paper}.")
    else:
        screen(args)  # a worksheet is a routine to follow at home: the same screen as play
        try:  # nothing known: the safe default, as `backcare play` plays it
            worksheet = default_worksheet(library, slug, args.paper, hurt=terminal_hurt_days())
        except PlanError as exc:
            raise CliError(exc.message, 2) from None
        done = _("Wrote {file}: the worksheet for the routine, {pages} pages, {paper}.")

    if output == "-":
        sys.stdout.buffer.write(worksheet.pdf)
        sys.stdout.buffer.flush()
        return 0
    path = Path(output)
    try:
        path.write_bytes(worksheet.pdf)
    except OSError as exc:
        raise CliError(_("cannot write {file}: {error}").format(
            file=output, error=exc.strerror or exc)) from None
    stdout().print(done.format(file=path, pages=worksheet.pages, paper=PAPER_LABELS[args.paper]),
                   markup=False, soft_wrap=True)
    return 0

