"""The health-condition options `backcare plan|play|worksheet` share, and `backcare conditions`.

``--condition NAME`` (repeatable) names a condition from content/rules.yaml, or
``none-known``, or ``other`` (a condition not listed: every condition's rules apply).
``--bending-worsens-leg-pain`` answers the disc question. The older ``--diagnosis
none|disc|other`` still works and means {none-known}, {disc} or {other}. With none of
them nothing is known: the safe default.

The names are checked against the loaded rules after the options are read (reading the
content to build the options would slow every command down), so a bad name is a one-line
message listing the names we know, exit 2.
"""

from __future__ import annotations

import argparse

from rich.table import Table
from rich.text import Text

from backcare.cli import commands
from backcare.cli.console import CliError, stdout
from backcare.content import Library
from backcare.content.plain_text import for_terminal
from backcare.content.rules_schema import NONE_KNOWN, OTHER, HealthCondition
from backcare.content.schema import MOVEMENT_LABELS
from backcare.plans import DIAGNOSES, InputError, conditions_from_diagnosis
from backcare.vocabulary import gettext as _

CONDITION_OPTION = "--condition"
DIAGNOSIS_OPTION = "--diagnosis"


def add_condition_arguments(group: argparse._ActionsContainer) -> None:
    group.add_argument(
        "--condition", action="append", default=None, metavar="NAME",
        help=_("a health condition you know you have; repeat for more. One of the names "
               "`backcare conditions` lists, {none_known} if you know of none, or {other} for "
               "one not listed. Without it nothing is known, and what needs a known "
               "condition is left out").format(none_known=NONE_KNOWN, other=OTHER))
    group.add_argument(
        "--bending-worsens-leg-pain", action=argparse.BooleanOptionalAction, default=None,
        help=_("with a disc problem: sitting or bending forward makes your leg pain worse"))
    group.add_argument("--diagnosis", choices=DIAGNOSES, default=None,
                       help=_("the older single answer: none, disc or other (use --condition)"))


def gave_conditions(args: argparse.Namespace) -> bool:
    return (args.condition is not None or args.diagnosis is not None
            or args.bending_worsens_leg_pain is not None)


def known_names(library: Library) -> list[str]:
    return [*library.rules.names, NONE_KNOWN, OTHER]


def conditions_from_args(library: Library, args: argparse.Namespace) -> frozenset[str] | None:
    """The conditions the options name (None when none are given); CliError when unknown."""
    if args.condition is not None and args.diagnosis is not None:
        raise CliError(_("give --condition or the older --diagnosis, not both"), 2)
    if args.diagnosis is not None:
        try:
            return conditions_from_diagnosis(args.diagnosis)
        except InputError as exc:  # argparse's choices already stop this
            problem = exc.errors["diagnosis"]
            raise CliError(f"{DIAGNOSIS_OPTION}: {problem}", 2) from None
    if args.condition is None:
        return None
    names = frozenset(name.strip().lower() for name in args.condition if name.strip())
    unknown = sorted(names - set(known_names(library)))
    if unknown:
        raise CliError(_("--condition: {names} is not a condition we know; choose from: "
                         "{known}").format(names=", ".join(unknown),
                                           known=", ".join(known_names(library))), 2)
    return names


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("conditions", help=_("list the health conditions a plan can take"),
                       description=_("The health conditions you can give with --condition, "
                                     "and what each one leaves out of a plan or keeps with a "
                                     "caution."))
    p.set_defaults(run=run)


def _families(condition: HealthCondition, effect: str) -> Text:
    named = [MOVEMENT_LABELS[m] for r in condition.rules if r.effect == effect
             for m in r.movements]
    named += [e for r in condition.rules if r.effect == effect for e in r.exercises]
    return Text(for_terminal("; ".join(named) or "-"))


def run(args: argparse.Namespace) -> int:
    library = commands._library()
    out = stdout()
    table = Table(show_lines=True)
    table.add_column(CONDITION_OPTION)
    for heading in (_("what it is"), _("left out"), _("kept with a caution")):
        table.add_column(heading)
    for c in library.rules.conditions:
        table.add_row(Text(c.slug), Text(for_terminal(f"{c.label}: {c.description}")),
                      _families(c, "exclude"), _families(c, "flag"))
    out.print(table)
    out.print(_("Also: {none_known} (none that you know of) and {other} (a condition not "
                "listed here: every rule above applies).").format(none_known=NONE_KNOWN,
                                                                 other=OTHER), markup=False)
    return 0
