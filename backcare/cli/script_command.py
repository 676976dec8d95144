"""`backcare play SLUG --script [--json]`: the play script, printed instead of played.

The script is the core's (:func:`backcare.playscript.build_script`) for the timeline
``backcare play`` would play — the safe default, or the plan the options describe, less
what hurt on this computer — so its phases and ``total_seconds`` are the ones
``GET /api/timeline`` returns for the same plan. With ``--json`` it prints
``{"routine", "total_seconds", "phases"}`` (each phase as the API gives it); without,
a readable table. A plan needs the safety questions first, as everywhere; the safe
default does not (the API's timeline needs none for it either).
"""

from __future__ import annotations

import argparse

from rich import box
from rich.table import Table
from rich.text import Text

from backcare.cli import commands, session_log
from backcare.cli.console import CliError, print_json, stdout
from backcare.cli.programme import programme, wants_plan
from backcare.cli.screen_prompt import screen
from backcare.content.wording import format_duration
from backcare.player.view import clock, side_text
from backcare.playscript import Script, build_script
from backcare.playscript.words import round_text
from backcare.vocabulary import current
from backcare.vocabulary import gettext as _


def add_script_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--script", action="store_true",
        help=_("print the play script (every phase, its seconds and its words) instead of "
               "playing it"))
    parser.add_argument("--json", action="store_true",
                        help=_("with --script: print it as JSON, the phases as GET "
                               "/api/timeline gives them"))


def script_for(args: argparse.Namespace) -> tuple[str, str, Script]:
    """The routine's slug, its title and the script `backcare play` would follow."""
    library = commands._library()
    programme(library, args)  # bad options fail before any question is asked
    if wants_plan(args):
        screen(args)  # raises CliError on a warning sign or an unanswered screen
    prog = programme(library, args, session_log.terminal_hurt_days())
    return prog.routine, prog.title, build_script(prog.timeline)


def _table(title: str, script: Script) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left")
    table.add_column(_("Starts"), justify="right", no_wrap=True)
    table.add_column(_("Seconds"), justify="right", no_wrap=True)
    table.add_column(_("Exercise"))
    table.add_column(_("Side"), no_wrap=True)
    table.add_column(_("Round"), no_wrap=True)
    table.add_column(_("Rep"), justify="right", no_wrap=True)
    table.add_column(_("On screen"))
    for phase in script.phases:
        table.add_row(
            clock(phase.starts_at), str(phase.seconds), Text(phase.name), side_text(phase.side),
            round_text(phase.set, phase.sets) if phase.sets > 1 and phase.exercise else "",
            _("{rep} of {reps}").format(rep=phase.rep, reps=phase.reps)
            if phase.reps > 1 and phase.exercise else "",
            Text(phase.text),
        )
    return table


def run(args: argparse.Namespace) -> int:
    if not args.script:
        raise CliError(_("--json goes with --script (the play script as JSON)"), 2)
    routine, title, script = script_for(args)
    if args.json:
        print_json({"routine": routine, "total_seconds": script.total_seconds,
                    "language": current(),
                    "phases": [phase.as_dict() for phase in script.phases]})
        return 0
    out = stdout()
    out.print(_table(title, script))
    out.print(_("Total: {duration} ({seconds} s), the sum of the phases.").format(
        duration=format_duration(script.total_seconds), seconds=script.total_seconds),
        markup=False)
    return 0
