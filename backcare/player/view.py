"""What the terminal shows at one moment, drawn with rich, big enough to read from the floor.

Every word comes from the play script (each phase's ``text``) and the core vocabulary
(:mod:`backcare.playscript.words`: the sides, "Round 1 of 2"), said in the language in force.
"""

from __future__ import annotations

import math

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from backcare.player.engine import Player
from backcare.playscript import Phase
from backcare.playscript.words import SIDES, round_text
from backcare.timeline import Step
from backcare.vocabulary import gettext as _

# A 3x5 block font for the countdown: readable from across a room.
_FONT = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": (" █ ", "██ ", " █ ", " █ ", "███"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", "███", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "███", "  █", "███"),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", "  █", "  █", "  █"),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
    ":": ("   ", " █ ", "   ", " █ ", "   "),
}

_PHASE_STYLE = {"get-ready": "bold yellow", "hold": "bold green", "move": "bold green",
                "rest": "bold cyan", "switch-sides": "bold cyan", "done": "bold green"}
_PAUSED_STYLE = "bold magenta"
_SEPARATOR = " · "


def keys_help() -> str:
    """The keys, as the player and `backcare play --help` list them."""
    return _("space pause/resume · s skip this exercise · h this hurts (stop) · q quit")


def big_number(text: str) -> str:
    """``text`` (digits and colons) in the block font, twice as wide, five lines high."""
    rows = ["  ".join(_FONT[ch][row] for ch in text if ch in _FONT) for row in range(5)]
    return "\n".join("".join(c * 2 for c in row) for row in rows)


def clock(seconds: float) -> str:
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, rest = divmod(whole, 60)
    return f"{minutes}:{rest:02d}"


def side_text(side: str | None) -> str:
    """"Left side" (the script's word for a side), or "" for an exercise done once."""
    return SIDES[side] if side else ""


def where_text(place: Phase | Step) -> str:
    """"Left side · Round 1 of 2 · Rep 3 of 5", leaving out what says nothing (1 of 1)."""
    parts = [side_text(place.side)]
    if place.sets > 1:
        parts.append(round_text(place.set, place.sets))
    if place.reps > 1:
        parts.append(_("Rep {rep} of {reps}").format(rep=place.rep, reps=place.reps))
    return _SEPARATOR.join(part for part in parts if part)


def headline(player: Player, index: int | None = None) -> str:
    """The one line that says what to do in phase ``index`` (default: the current one)."""
    phase = player.phase if index is None else player.phases[index]
    if phase.kind == "get-ready":
        return f"{phase.text} — {side_text(phase.side)}" if phase.side else phase.text
    if phase.kind in ("hold", "move"):
        return _SEPARATOR.join(bit for bit in (phase.name, where_text(phase)) if bit)
    return phase.text


def _next_text(player: Player, phase: Phase, step: Step) -> str:
    upcoming = player.next_hold()
    if phase.kind == "get-ready":
        return _("Starts when the count reaches zero.")
    if phase.kind in ("rest", "switch-sides"):
        return _("Relax and breathe.")
    if upcoming is None:
        return _("Next: the end. Well done.")
    if upcoming.exercise == step.exercise:
        return _("Next: {what}").format(what=where_text(upcoming) or _("the same again"))
    if upcoming.side:
        return _("Next: {name} ({side})").format(name=upcoming.name,
                                                  side=side_text(upcoming.side))
    return _("Next: {what}").format(what=upcoming.name)


def render(player: Player, now: float, title: str) -> RenderableType:
    phase, step = player.phase, player.step
    left = player.remaining(now)
    label = _("PAUSED — press space to go on") if player.paused else phase.text.upper()
    style = _PAUSED_STYLE if player.paused else _PHASE_STYLE[phase.kind]

    top = Text()
    top.append(label, style=style)
    top.append("\n")
    top.append(step.name, style="bold")
    details = where_text(phase)
    if phase.kind in ("rest", "switch-sides"):
        # Between two repetitions of one exercise: say what the next one is, not the last.
        if details:
            top.append("\n" + _("Coming up: {what}").format(what=details))
    else:
        if details:
            top.append(f"\n{details}")
        top.append(f"\n{step.cue}", style="italic")
    if phase.kind == "get-ready" and player.precautions.get(step.exercise):
        top.append("\n" + _("Take care:"), style="bold yellow")
        for line in player.precautions[step.exercise]:
            top.append(f"\n  • {line}")

    count = Text(big_number(str(max(0, math.ceil(left - 1e-9)))), style=style)

    bar = ProgressBar(total=max(1, player.total_seconds), completed=player.elapsed(now), width=40)
    progress = Table.grid(padding=(0, 1))
    progress.add_row(bar, Text(_("{time} left · step {number} of {total}").format(
        time=clock(player.time_left(now)), number=phase.step + 1, total=player.steps_total)))
    return Panel(
        Group(top, Text(""), count, Text(""), Text(_next_text(player, phase, step)), progress,
              Text(keys_help(), style="dim")),
        title=title, title_align="left", padding=(0, 1),
    )
