"""What each phase of the play script shows and says, in the language in force.

The only place the players' words are made: the web player and the terminal player show
``text`` and speak ``say`` as they come.
"""

from __future__ import annotations

from backcare.content.schema import POSITION_LABELS
from backcare.timeline import Step
from backcare.vocabulary import Labels, gettext, gettext_noop, ngettext

#: The side being done, as the player shows it (big, next to the figure).
SIDES = Labels({"left": gettext_noop("Left side"), "right": gettext_noop("Right side")})
#: What one repetition is, as the player shows it.
ACTIONS = Labels({"hold": gettext_noop("Hold"), "move": gettext_noop("Move")})


def round_text(number: int, total: int) -> str:
    """``"Round 1 of 2"``: one word for a set, on every edge."""
    return gettext("Round {number} of {total}").format(number=number, total=total)


def rep_text(rep: int, reps: int) -> str:
    return gettext("{rep} of {reps}").format(rep=rep, reps=reps)


def get_ready_text(step: Step) -> str:
    return gettext("Get ready: {name}").format(name=step.name)


def get_ready_say(step: Step) -> str:
    parts = [gettext("Get ready for {name}.").format(name=step.name)]
    if step.position in POSITION_LABELS:
        parts.append(POSITION_LABELS[step.position] + ".")
    if step.side:
        parts.append(gettext("Start with your {side} side.").format(side=_side_word(step.side)))
    return " ".join(parts)


def _side_word(side: str) -> str:
    return gettext("left") if side == "left" else gettext("right")


def action_text(step: Step) -> str:
    return ACTIONS[step.action]


def action_say(step: Step, first_of_exercise: bool) -> str:
    if first_of_exercise or step.rep == 1:
        return step.cue
    if step.action == "hold":
        return gettext("Hold again, {rep} of {reps}.").format(rep=step.rep, reps=step.reps)
    return rep_text(step.rep, step.reps) + "."


def switch_text(nxt: Step) -> str:
    return gettext("Switch sides")


def switch_say(nxt: Step) -> str:
    return gettext("Switch to your {side} side.").format(side=_side_word(nxt.side or "left"))


def rest_text(step: Step, nxt: Step) -> str:
    if nxt.set != step.set:
        return gettext("Rest. Next: {round}").format(round=round_text(nxt.set, nxt.sets))
    return gettext("Relax")


def rest_say(step: Step, nxt: Step) -> str:
    if nxt.set != step.set:
        return gettext("Rest. {round} comes next.").format(round=round_text(nxt.set, nxt.sets))
    return gettext("Relax.")


def done_text() -> str:
    return gettext("Done. Well done.")


def done_say(exercises: int) -> str:
    return ngettext("Well done. You followed the whole routine: {count} exercise.",
                    "Well done. You followed the whole routine: {count} exercises.",
                    exercises).format(count=exercises)
