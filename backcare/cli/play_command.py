"""`backcare play`: follow a routine in real time in the terminal, then log how it went.

Flow: the red-flag screen, pain right now (0-10), then the player (see
:mod:`backcare.player`) on the same timeline the web player uses — the routine's, or the
personal plan's when any of --minutes, --no-floor, --condition (or the older --diagnosis),
--bending-worsens-leg-pain or --skip is given — then pain afterwards and how it felt.
With none of them nothing is known about the person: the routine is played as the safe
default, which leaves out what needs a known condition and says so before starting.
The session is saved to the database (the same session log as the web), under a device
id kept in var/cli-device.

Exit codes: 0 when the player ended (finished, stopped with "q", or stopped with "h"
because it hurts — the stop advice is printed, and the session is logged with
stopped_for_pain); 130 after Ctrl-C (the partial session is still logged); 2 for bad
options; 3 when the safety questions found a warning sign.

``--script`` prints the play script instead of playing it (:mod:`backcare.cli.script_command`).
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import UTC, datetime

from rich.console import Console
from rich.text import Text

from backcare.cli import commands, script_command
from backcare.cli.condition_options import add_condition_arguments
from backcare.cli.console import PROG, CliError, stderr, stdout
from backcare.cli.programme import Programme, programme
from backcare.cli.screen_prompt import add_screen_arguments, screen
from backcare.cli.session_log import open_log, terminal_hurt_days
from backcare.content import Library
from backcare.content.wording import format_duration
from backcare.plans.profile import MAX_MINUTES, MIN_MINUTES
from backcare.plans.redflags import UrgentHelp
from backcare.plans.routine_screen import routine_urgent_help
from backcare.player import END_DONE, END_HURT, END_INTERRUPTED, END_QUIT, Player
from backcare.player.run import play
from backcare.player.terminal import KeyReader, signals_interrupt
from backcare.player.view import keys_help
from backcare.vocabulary import gettext as _
from backcare.vocabulary import gettext_noop, ngettext

__all__ = ["Programme", "programme", "register", "run"]

EXIT_INTERRUPTED = 130
FEELINGS = ("better", "same", "worse")
#: The answers to "better, the same or worse?", in every language backcare speaks.
FEELING_ANSWERS = {"b": "better", "s": "same", "w": "worse",
                   "m": "better", "i": "same", "p": "worse",
                   "mejor": "better", "igual": "same", "peor": "worse"}

HURT_MESSAGE = gettext_noop(
    "STOP. You said this hurts, so the routine has ended here.\n"
    "Come out of the position slowly and rest in whatever way is easiest for you.\n"
    "If the pain persists or gets worse, contact your doctor or physical therapist."
)


# --- options -------------------------------------------------------------------------------

def _whole(raw: str, low: int, high: int, out_of_range: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number").format(value=repr(raw))) from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(out_of_range.format(low=low, high=high))
    return value


def pain_score(raw: str) -> int:
    return _whole(raw, 0, 10, _("pain must be from {low} to {high}"))


def minutes_count(raw: str) -> int:
    return _whole(raw, MIN_MINUTES, MAX_MINUTES, _("minutes must be from {low} to {high}"))


def speed_factor(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a number").format(value=repr(raw))) from None
    if not (math.isfinite(value) and 0.1 <= value <= 1000):
        raise argparse.ArgumentTypeError(_("speed must be from 0.1 to 1000 (1 is real time)"))
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "play", help=_("follow a routine in real time in the terminal"),
        description=_("Follow a routine in real time: what to do, for how long, and what "
                      "comes next, with a bell to start and stop. Keys: {keys}.").format(
                          keys=keys_help()),
        epilog=_("Exit codes: 0 when the routine ends, including when you stop it with q or "
                 "with h (this hurts); 130 after Ctrl-C; 2 for bad options; 3 when a safety "
                 "question shows a warning sign."),
    )
    p.add_argument("routine", help=_("a routine slug (see `backcare routines`)"))
    plan = p.add_argument_group(_("personal plan (any of these makes a plan from the routine)"))
    plan.add_argument("--minutes", type=minutes_count, default=None,
                      help=_("the time you have, {low}-{high} minutes").format(
                          low=MIN_MINUTES, high=MAX_MINUTES))
    plan.add_argument("--no-floor", action="store_true",
                      help=_("you cannot get down to the floor and up again"))
    add_condition_arguments(plan)
    plan.add_argument("--skip", default=None, metavar="SLUGS",
                      help=_("exercises to leave out because they hurt, comma-separated"))
    p.add_argument("--speed", type=speed_factor, default=1.0,
                   help=_("play faster, e.g. 60 for a minute per second (demos and tests)"))
    p.add_argument("--no-sound", action="store_true", help=_("no terminal bell"))
    p.add_argument("--pain-before", type=pain_score, default=None, metavar="N",
                   help=_("your pain now, 0-10 (asked on a terminal when not given)"))
    p.add_argument("--pain-after", type=pain_score, default=None, metavar="N",
                   help=_("your pain at the end, 0-10 (asked on a terminal when not given)"))
    p.add_argument("--feeling", choices=FEELINGS, default=None,
                   help=_("how it felt (asked on a terminal when not given)"))
    p.add_argument("--no-save", action="store_true", help=_("do not log this session"))
    script_command.add_script_arguments(p)
    add_screen_arguments(p)
    p.set_defaults(run=run)


# --- questions ---------------------------------------------------------------------------------

def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask(out: Console, question: str) -> str | None:
    out.print(question, end=" ", markup=False)
    line = sys.stdin.readline()
    return None if not line else line.strip().lower()


def ask_pain(out: Console, question: str, allow_blank: bool) -> int | None:
    for _attempt in range(5):
        answer = _ask(out, question)
        if answer is None or (allow_blank and answer == ""):
            return None
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        out.print(_("Please type a whole number from 0 (no pain) to 10 (the worst)."),
                  markup=False)
    return None


def ask_feeling(out: Console) -> str:
    for _attempt in range(5):
        answer = _ask(out, _("Compared with before you started, does your back feel better, "
                             "the same or worse? [b/s/w, Enter to skip]"))
        if not answer:
            return ""
        if answer in FEELINGS:
            return answer
        if answer in FEELING_ANSWERS:
            return FEELING_ANSWERS[answer]
        out.print(_("Please type b (better), s (same) or w (worse)."), markup=False)
    return ""


def pain_before(out: Console, args: argparse.Namespace) -> int:
    if args.pain_before is not None:
        return int(args.pain_before)
    if not _interactive():
        raise CliError(_("say how much it hurts before you start: add --pain-before N (0-10)"),
                       2)
    value = ask_pain(out, _("Before we start: how much does your back hurt right now, "
                            "from 0 (not at all) to 10 (the worst)?"), allow_blank=False)
    if value is None:
        raise CliError(_("no pain score given; nothing was started"), 2)
    return value


# --- the command ----------------------------------------------------------------------------

def _intro(out: Console, prog: Programme, player: Player) -> None:
    out.print(Text(prog.title, style="bold"))
    steps, duration = len(prog.timeline.steps), format_duration(player.total_seconds)
    if prog.plan:
        said = ngettext("Your plan: {count} step, {duration} including time to get ready.",
                        "Your plan: {count} steps, {duration} including time to get ready.",
                        steps)
    else:
        said = ngettext("The routine: {count} step, {duration} including time to get ready.",
                        "The routine: {count} steps, {duration} including time to get ready.",
                        steps)
    out.print(said.format(count=steps, duration=duration), markup=False)
    if not prog.plan and prog.changes:
        out.print(_("You have not told us about your health, so this is the careful version: "
                    "it leaves out what needs a known condition. To include it, name the "
                    "condition with --condition (see `backcare conditions`)."), markup=False)
    for change in prog.changes:
        out.print(f"  - {change}", markup=False)
    out.print(_("Keys: {keys}.").format(keys=keys_help()), markup=False)
    out.print(_("Go gently. Stop if anything makes the pain sharper or sends it down a leg."),
              markup=False)


def print_urgent_help(out: Console, box: UrgentHelp) -> None:
    """The "Get help now if…" box, as on the web player's stop screen."""
    out.print(box.title, style="bold red", markup=False)
    for sign in box.signs:
        out.print(f"  - {sign}", markup=False)
    out.print(box.action, markup=False)


def ask_which_hurt(out: Console, library: Library, slugs: list[str], current: str) -> str:
    """Which exercise hurt: a number from the list (Enter for the one on screen, 0 for not
    sure). The answer leaves it out of this computer's next plans."""
    out.print(_("Which exercise hurt? It will be left out of your next plans on this "
                "computer."), markup=False)
    for number, slug in enumerate(slugs, 1):
        mark = "  " + _("(on screen when you stopped)") if slug == current else ""
        out.print(f"  {number}. {library.exercises[slug].name}{mark}", markup=False)
    out.print("  0. " + _("Not sure"), markup=False)
    for _attempt in range(5):
        answer = _ask(out, _("Type its number [Enter for the one on screen]:"))
        if answer is None:
            return ""
        if answer == "":
            return current
        if answer.isdigit() and 0 <= int(answer) <= len(slugs):
            return slugs[int(answer) - 1] if int(answer) else ""
        out.print(_("Please type a number from 0 to {last}.").format(last=len(slugs)),
                  markup=False)
    return ""


def _ending(out: Console, end: str, player: Player) -> None:
    done, total = player.steps_done, player.steps_total
    if end == END_HURT:
        out.print(Text(_(HURT_MESSAGE), style="bold red"))
    elif end == END_DONE and done == total:
        out.print(Text(_("All done: that was the whole routine. Well done."), style="bold green"))
    elif end == END_DONE:
        out.print(_("Done, with some skipped: {done} of {total} steps.").format(
            done=done, total=total), markup=False)
    elif end == END_QUIT:
        out.print(_("Stopped early after {done} of {total} steps.").format(
            done=done, total=total), markup=False)
    else:
        out.print(_("Interrupted after {done} of {total} steps.").format(
            done=done, total=total), markup=False)


def run(args: argparse.Namespace) -> int:
    if args.script or args.json:
        return script_command.run(args)
    out = stdout()
    library = commands._library()
    prog = programme(library, args)
    screen(args)
    before = pain_before(out, args)
    if before >= 8:
        out.print(_("Your pain is high right now. Go very gently today, and it is fine to "
                    "stop at any time."), markup=False)
    log = open_log(args)
    hurt = log.hurt_days() if log is not None else terminal_hurt_days()
    if hurt:  # something hurt here before: the same rules as the next plans on the web
        prog = programme(library, args, hurt)
    slugs = dict.fromkeys(step.exercise for step in prog.timeline.steps)
    player = Player(prog.timeline, speed=args.speed,
                    precautions={slug: library.exercises[slug].precautions for slug in slugs})
    _intro(out, prog, player)

    started = datetime.now(UTC)
    with signals_interrupt(), KeyReader() as keys:
        end = play(player, prog.title, out, keys, sound=not args.no_sound)
    ended = datetime.now(UTC)
    _ending(out, end, player)
    painful = ""
    if end == END_HURT:
        print_urgent_help(out, routine_urgent_help(library, prog.routine))
        if _interactive() and log is not None:
            painful = ask_which_hurt(out, library, list(slugs), player.step.exercise)

    after, feeling = args.pain_after, args.feeling or ""
    code = EXIT_INTERRUPTED if end == END_INTERRUPTED else 0
    try:
        if end != END_INTERRUPTED and _interactive():
            if after is None:
                after = ask_pain(out, _("How much does your back hurt now, from 0 to 10? "
                                        "[Enter to skip]"), allow_blank=True)
            if not feeling:
                feeling = ask_feeling(out)
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    if before is not None and after is not None:
        out.print(_("Pain before: {before}/10, after: {after}/10.").format(
            before=before, after=after), markup=False)

    if log is not None:
        try:
            log.save(routine=prog.routine, plan=prog.plan, started_at=started, ended_at=ended,
                     pain_before=before, pain_after=after, feeling=feeling,
                     steps_done=player.steps_done, steps_total=player.steps_total,
                     stopped_for_pain=end == END_HURT, painful_exercise=painful)
        except Exception as exc:
            stderr().print(f"{PROG}: " + _("the session could not be saved ({kind}: {error})")
                           .format(kind=type(exc).__name__, error=exc), markup=False)
            return code or 1
        out.print(_("Saved to your session log."), markup=False)
        if painful:
            out.print(_("{name} will be left out of your next plans on this computer, until "
                        "you include it again.").format(name=library.exercises[painful].name),
                      markup=False)
    return code
