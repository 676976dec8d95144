"""What `backcare play` plays (and `backcare play --script` prints): the routine as the
safe default, or the personal plan its options describe, less what hurt on this computer.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from backcare.cli import commands
from backcare.cli.condition_options import conditions_from_args, gave_conditions
from backcare.cli.console import CliError
from backcare.content import Library
from backcare.planning.shapes import plan_query
from backcare.plans import InputError, Plan, PlanError, Profile, make_plan, safe_default_plan
from backcare.timeline import Timeline
from backcare.vocabulary import gettext as _


@dataclass(frozen=True)
class Programme:
    routine: str
    title: str
    timeline: Timeline
    plan: str  # the profile's query string; "" for the routine as published
    changes: tuple[str, ...]


def wants_plan(args: argparse.Namespace) -> bool:
    return (args.minutes is not None or args.no_floor or gave_conditions(args)
            or args.skip is not None)


def _left_out_lines(library: Library, plan: Plan) -> tuple[str, ...]:
    """What the safe default leaves out, one line each, to print before starting."""
    return tuple(_("{name}: {why}").format(name=library.exercises[item.exercise].name,
                                           why=item.why) for item in plan.left_out)


def programme(library: Library, args: argparse.Namespace,
              hurt: Mapping[str, date] | None = None) -> Programme:
    """The timeline to play: the safe default, or the plan the options describe; less
    what hurt on this computer (``hurt``), until it is included again."""
    slug = args.routine.strip().lower()
    routine = library.routines.get(slug)
    if routine is None:
        raise commands.no_such_routine(library, args.routine)
    if not wants_plan(args):
        try:
            default = safe_default_plan(library, slug, hurt)
        except PlanError as exc:
            raise CliError(exc.message, 2) from None
        return Programme(slug, routine.title, default.timeline, "",
                         _left_out_lines(library, default))
    skip = tuple(s.strip() for s in (args.skip or "").split(",") if s.strip())
    try:
        profile = Profile(floor=not args.no_floor,
                          conditions=conditions_from_args(library, args),
                          bending_worsens_leg_pain=args.bending_worsens_leg_pain,
                          minutes=args.minutes, skip=skip)
        plan = make_plan(library, slug, profile, hurt)
    except InputError as exc:
        raise CliError("; ".join(f"--{f}: {m}" for f, m in exc.errors.items()), 2) from None
    except PlanError as exc:
        raise CliError(exc.message, 2) from None
    changes = tuple(_("{name}: {why}").format(
        name=library.exercises[c.exercise].name if c.exercise in library.exercises
        else c.exercise, why=c.reason)
                    for c in plan.changes) + plan.advice
    return Programme(slug, plan.routine_title, plan.timeline, plan_query(profile), changes)
