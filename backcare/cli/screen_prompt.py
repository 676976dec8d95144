"""The red-flag screen on a terminal, shared by `backcare plan`, `play` and `worksheet`.

The questions are the routine's (``args.routine``): a routine for the neck or upper back
also asks the neck questions, the same as the web page and the API. On a terminal every
question is asked and must be answered y or n (or, in Spanish, s or n). Scripts have no
terminal: they must state `--red-flags-none` ("I have none of the warning signs"), which
is printed back so the statement is visible. No answer, no plan.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from backcare.cli.commands import loaded_library
from backcare.cli.console import CliError, stderr
from backcare.content import Library
from backcare.plans import InputError, RedFlagQuestion, ScreenResult, routine_questions, run_screen
from backcare.vocabulary import gettext as _

#: Exit code when a warning sign was reported: no plan, see a doctor.
EXIT_RED_FLAG = 3
#: The answers understood, in every language backcare speaks (a yes is never a no there).
YES = frozenset({"y", "yes", "s", "si", "sí"})
NO = frozenset({"n", "no"})


def unanswered() -> CliError:
    return CliError(_("the safety questions were not answered; no plan without them"), 2)


def add_screen_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--red-flags-none", action="store_true",
        help=_("state that you have none of the warning signs (for scripts; on a terminal "
               "you are asked each question instead)"),
    )


def _ask(question: str, stdin: TextIO, prompts: TextIO) -> bool:
    for _attempt in range(5):
        prompts.write(_("{question} [y/n] ").format(question=question))
        prompts.flush()
        line = stdin.readline()
        if not line:
            raise unanswered()
        answer = line.strip().lower()
        if answer in YES:
            return True
        if answer in NO:
            return False
        prompts.write(_("Please answer y or n.") + "\n")
    raise unanswered()


def questions_for_args(args: argparse.Namespace,
                       library: Library | None = None) -> tuple[RedFlagQuestion, ...]:
    """The questions for the routine named in ``args.routine`` (every question without
    one, or for a routine there is not)."""
    slug = str(getattr(args, "routine", "") or "").strip().lower() or None
    return routine_questions(library or loaded_library(), slug)


def screen(args: argparse.Namespace, stdin: TextIO | None = None,
           prompts: TextIO | None = None, library: Library | None = None) -> ScreenResult:
    """Run the screen for the routine in ``args``; raise CliError (exit 3 with the advice)
    on any warning sign.

    The questions go to stderr (the terminal), so `--json` output on stdout stays JSON.
    """
    stdin = stdin or sys.stdin
    prompts = prompts or sys.stderr
    questions = questions_for_args(args, library)
    if getattr(args, "red_flags_none", False):
        stated = run_screen({q.id: False for q in questions}, questions)
        stderr().print(_("You stated that you have none of the warning signs "
                         "(--red-flags-none)."), markup=False)
        return stated
    if not stdin.isatty():
        raise CliError(
            _("backcare asks a few safety questions before any routine. Run it on a terminal "
              "to answer them, or add --red-flags-none to state you have none of the warning "
              "signs."),
            2,
        )
    prompts.write(_("First, a few safety questions. Answer y (yes) or n (no).") + "\n")
    answers: dict[str, bool] = {}
    result: ScreenResult | None = None
    for q in questions:
        answers[q.id] = _ask(q.text, stdin, prompts)
        try:  # stops as soon as the answers decide: an emergency "yes" is answered at once
            result = run_screen(answers, questions)
            break
        except InputError:
            continue
    if result is None:  # cannot happen: with every question answered, run_screen decides
        raise unanswered()
    if not result.plan_allowed:
        raise CliError(f"{result.headline}\n{result.advice}", EXIT_RED_FLAG)
    return result
