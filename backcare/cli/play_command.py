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
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from rich.console import Console

from backcare.cli import commands
from backcare.cli.condition_options import (
    add_condition_arguments,
    conditions_from_args,
    gave_conditions,
)
from backcare.cli.console import CliError, stderr, stdout
from backcare.cli.screen_prompt import add_screen_arguments, screen
from backcare.cli.session_log import open_log, terminal_hurt_days
from backcare.content import Library
from backcare.planning.shapes import plan_query
from backcare.plans import (
    InputError,
    Plan,
    PlanError,
    Profile,
    format_duration,
    make_plan,
    safe_default_plan,
)
from backcare.plans.profile import MAX_MINUTES, MIN_MINUTES
from backcare.plans.redflags import UrgentHelp
from backcare.plans.routine_screen import routine_urgent_help
from backcare.player import END_DONE, END_HURT, END_INTERRUPTED, END_QUIT, Player
from backcare.player.run import play
from backcare.player.terminal import KeyReader, signals_interrupt
from backcare.player.view import KEYS_HELP
from backcare.timeline import Timeline

EXIT_INTERRUPTED = 130
FEELINGS = ("better", "same", "worse")

HURT_MESSAGE = (
    "STOP. You said this hurts, so the routine has ended here.\n"
    "Come out of the position slowly and rest in whatever way is easiest for you.\n"
    "If the pain persists or gets worse, contact your doctor or physical therapist."
)


# --- options -------------------------------------------------------------------------------

def _whole(raw: str, low: int, high: int, what: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what} must be from {low} to {high}")
    return value


def pain_score(raw: str) -> int:
    return _whole(raw, 0, 10, "pain")


def minutes_count(raw: str) -> int:
    return _whole(raw, MIN_MINUTES, MAX_MINUTES, "minutes")


def speed_factor(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a number") from None
    if not (math.isfinite(value) and 0.1 <= value <= 1000):
        raise argparse.ArgumentTypeError("speed must be from 0.1 to 1000 (1 is real time)")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "play", help="follow a routine in real time in the terminal",
        description="Follow a routine in real time: what to do, for how long, and what "
                    "comes next, with a bell to start and stop. Keys: " + KEYS_HELP + ".",
        epilog="Exit codes: 0 when the routine ends, including when you stop it with q or "
               "with h (this hurts); 130 after Ctrl-C; 2 for bad options; 3 when a safety "
               "question shows a warning sign.",
    )
    p.add_argument("routine", help="a routine slug (see `backcare routines`)")
    plan = p.add_argument_group("personal plan (any of these makes a plan from the routine)")
    plan.add_argument("--minutes", type=minutes_count, default=None,
                      help=f"the time you have, {MIN_MINUTES}-{MAX_MINUTES} minutes")
    plan.add_argument("--no-floor", action="store_true",
                      help="you cannot get down to the floor and up again")
    add_condition_arguments(plan)
    plan.add_argument("--skip", default=None, metavar="SLUGS",
                      help="exercises to leave out because they hurt, comma-separated")
    p.add_argument("--speed", type=speed_factor, default=1.0,
                   help="play faster, e.g. 60 for a minute per second (demos and tests)")
    p.add_argument("--no-sound", action="store_true", help="no terminal bell")
    p.add_argument("--pain-before", type=pain_score, default=None, metavar="N",
                   help="your pain now, 0-10 (asked on a terminal when not given)")
    p.add_argument("--pain-after", type=pain_score, default=None, metavar="N",
                   help="your pain at the end, 0-10 (asked on a terminal when not given)")
    p.add_argument("--feeling", choices=FEELINGS, default=None,
                   help="how it felt (asked on a terminal when not given)")
    p.add_argument("--no-save", action="store_true", help="do not log this session")
    add_screen_arguments(p)
    p.set_defaults(run=run)


# --- what to play ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Programme:
    routine: str
    title: str
    timeline: Timeline
    plan: str  # the profile's query string; "" for the routine as published
    changes: tuple[str, ...]


def _wants_plan(args: argparse.Namespace) -> bool:
    return (args.minutes is not None or args.no_floor or gave_conditions(args)
            or args.skip is not None)


def _left_out_lines(library: Library, plan: Plan) -> tuple[str, ...]:
    """What the safe default leaves out, one line each, to print before starting."""
    return tuple(f"{library.exercises[item.exercise].name}: {item.why}"
                 for item in plan.left_out)


def programme(library: Library, args: argparse.Namespace,
              hurt: Mapping[str, date] | None = None) -> Programme:
    """The timeline to play: the safe default, or the plan the options describe; less
    what hurt on this computer (``hurt``), until it is included again."""
    slug = args.routine.strip().lower()
    routine = library.routines.get(slug)
    if routine is None:
        message = f"No routine called {args.routine!r}. Try `backcare routines`."
        close = [s for s in commands._suggestions(library, slug) if s in library.routines]
        if close:
            message += " Did you mean: " + ", ".join(close) + "?"
        raise CliError(message, 2)
    if not _wants_plan(args):
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
    changes = tuple(f"{c.exercise}: {c.reason}" for c in plan.changes) + plan.advice
    return Programme(slug, plan.routine_title, plan.timeline, plan_query(profile), changes)


# --- questions ---------------------------------------------------------------------------------

def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask(out: Console, question: str) -> str | None:
    out.print(question, end=" ", markup=False)
    line = sys.stdin.readline()
    return None if not line else line.strip().lower()


def ask_pain(out: Console, question: str, allow_blank: bool) -> int | None:
    for _ in range(5):
        answer = _ask(out, question)
        if answer is None or (allow_blank and answer == ""):
            return None
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        out.print("Please type a whole number from 0 (no pain) to 10 (the worst).")
    return None


def ask_feeling(out: Console) -> str:
    choices = {"b": "better", "s": "same", "w": "worse"}
    for _ in range(5):
        answer = _ask(out, "Compared with before you started, does your back feel better, "
                           "the same or worse? [b/s/w, Enter to skip]")
        if not answer:
            return ""
        if answer in FEELINGS:
            return answer
        if answer in choices:
            return choices[answer]
        out.print("Please type b (better), s (same) or w (worse).")
    return ""


def pain_before(out: Console, args: argparse.Namespace) -> int:
    if args.pain_before is not None:
        return int(args.pain_before)
    if not _interactive():
        raise CliError("say how much it hurts before you start: add --pain-before N (0-10)", 2)
    value = ask_pain(out, "Before we start: how much does your back hurt right now, "
                          "from 0 (not at all) to 10 (the worst)?", allow_blank=False)
    if value is None:
        raise CliError("no pain score given; nothing was started", 2)
    return value


# --- the command ----------------------------------------------------------------------------

def _intro(out: Console, prog: Programme, player: Player) -> None:
    out.print(f"[bold]{prog.title}[/]", highlight=False)
    kind = "Your plan" if prog.plan else "The routine"
    out.print(f"{kind}: {len(prog.timeline.steps)} steps, "
              f"{format_duration(player.total_seconds)} including time to get ready.",
              markup=False)
    if not prog.plan and prog.changes:
        out.print("You have not told us about your health, so this is the careful version: "
                  "it leaves out what needs a known condition. To include it, name the "
                  "condition with --condition (see `backcare conditions`).", markup=False)
    for change in prog.changes:
        out.print(f"  - {change}", markup=False)
    out.print(f"Keys: {KEYS_HELP}.", markup=False)
    out.print("Go gently. Stop if anything makes the pain sharper or sends it down a leg.",
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
    out.print("Which exercise hurt? It will be left out of your next plans on this computer.",
              markup=False)
    for number, slug in enumerate(slugs, 1):
        mark = "  (on screen when you stopped)" if slug == current else ""
        out.print(f"  {number}. {library.exercises[slug].name}{mark}", markup=False)
    out.print("  0. Not sure", markup=False)
    for _ in range(5):
        answer = _ask(out, "Type its number [Enter for the one on screen]:")
        if answer is None:
            return ""
        if answer == "":
            return current
        if answer.isdigit() and 0 <= int(answer) <= len(slugs):
            return slugs[int(answer) - 1] if int(answer) else ""
        out.print(f"Please type a number from 0 to {len(slugs)}.", markup=False)
    return ""


def _ending(out: Console, end: str, player: Player) -> None:
    if end == END_HURT:
        out.print(HURT_MESSAGE, style="bold red", markup=False)
    elif end == END_DONE and player.steps_done == player.steps_total:
        out.print("All done: that was the whole routine. Well done.", style="bold green")
    elif end == END_DONE:
        out.print(f"Done, with some skipped: {player.steps_done} of {player.steps_total} "
                  "steps.", markup=False)
    elif end == END_QUIT:
        out.print(f"Stopped early after {player.steps_done} of {player.steps_total} steps.",
                  markup=False)
    else:
        out.print(f"Interrupted after {player.steps_done} of {player.steps_total} steps.",
                  markup=False)


def run(args: argparse.Namespace) -> int:
    out = stdout()
    library = commands._library()
    prog = programme(library, args)
    screen(args)
    before = pain_before(out, args)
    if before >= 8:
        out.print("Your pain is high right now. Go very gently today, and it is fine to "
                  "stop at any time.", markup=False)
    log = open_log(args)
    hurt = log.hurt_days() if log is not None else terminal_hurt_days()
    if hurt:  # something hurt here before: the same rules as the next plans on the web
        prog = programme(library, args, hurt)
    slugs = dict.fromkeys(step.exercise for step in prog.timeline.steps)
    player = Player(prog.timeline.steps, speed=args.speed,
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
                after = ask_pain(out, "How much does your back hurt now, from 0 to 10? "
                                      "[Enter to skip]", allow_blank=True)
            if not feeling:
                feeling = ask_feeling(out)
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    if before is not None and after is not None:
        out.print(f"Pain before: {before}/10, after: {after}/10.", markup=False)

    if log is not None:
        try:
            log.save(routine=prog.routine, plan=prog.plan, started_at=started, ended_at=ended,
                     pain_before=before, pain_after=after, feeling=feeling,
                     steps_done=player.steps_done, steps_total=player.steps_total,
                     stopped_for_pain=end == END_HURT, painful_exercise=painful)
        except Exception as exc:
            stderr().print(f"backcare: the session could not be saved ({type(exc).__name__}: "
                           f"{exc})", markup=False)
            return code or 1
        out.print("Saved to your session log.", markup=False)
        if painful:
            out.print(f"{library.exercises[painful].name} will be left out of your next plans "
                      "on this computer, until you include it again.", markup=False)
    return code
