"""What the terminal shows at one moment, drawn with rich, big enough to read from the floor."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from backcare.player.engine import Player

if TYPE_CHECKING:
    from backcare.timeline import Step

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

KEYS_HELP = "space pause/resume · s skip this exercise · h this hurts (stop) · q quit"

_PHASE_STYLE = {"ready": "bold yellow", "hold": "bold green", "rest": "bold cyan"}


def big_number(text: str) -> str:
    """``text`` (digits and colons) in the block font, twice as wide, five lines high."""
    rows = ["  ".join(_FONT[ch][row] for ch in text if ch in _FONT) for row in range(5)]
    return "\n".join("".join(c * 2 for c in row) for row in rows)


def clock(seconds: float) -> str:
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, rest = divmod(whole, 60)
    return f"{minutes}:{rest:02d}"


def side_text(side: str | None) -> str:
    return f"{side.capitalize()} side" if side else ""


def step_text(step: Step) -> str:
    """"Round 1 of 2 · Rep 3 of 5", leaving out the parts that say nothing (1 of 1)."""
    parts = []
    if step.sets > 1:
        parts.append(f"Round {step.set} of {step.sets}")
    if step.reps > 1:
        parts.append(f"Rep {step.rep} of {step.reps}")
    return " · ".join(parts)


def headline(player: Player, index: int | None = None) -> str:
    """The one line that says what to do in phase ``index`` (default: the current one)."""
    phase = player.phase if index is None else player.phases[index]
    step = player.steps[phase.step]
    if phase.kind == "ready":
        where = f" — {side_text(step.side).lower()}" if step.side else ""
        return f"Get ready: {step.name}{where}"
    if phase.kind == "hold":
        bits = [step.name, side_text(step.side), step_text(step)]
        return " · ".join(b for b in bits if b)
    return phase.label


def render(player: Player, now: float, title: str) -> RenderableType:
    phase, step = player.phase, player.step
    left = player.remaining(now)
    label = "PAUSED — press space to go on" if player.paused else phase.label.upper()
    style = "bold magenta" if player.paused else _PHASE_STYLE[phase.kind]
    upcoming = player.next_hold()

    top = Text()
    top.append(label, style=style)
    top.append("\n")
    top.append(step.name, style="bold")
    if phase.kind == "rest" and upcoming is not None:
        # Between two steps of one exercise: say what the next one is, not the last.
        details = " · ".join(x for x in (side_text(upcoming.side), step_text(upcoming)) if x)
        if details:
            top.append(f"\nComing up: {details}")
    else:
        details = " · ".join(x for x in (side_text(step.side), step_text(step)) if x)
        if details:
            top.append(f"\n{details}")
        top.append(f"\n{step.cue}", style="italic")
    if phase.kind == "ready" and player.precautions.get(step.exercise):
        top.append("\nTake care:", style="bold yellow")
        for line in player.precautions[step.exercise]:
            top.append(f"\n  • {line}")

    count = Text(big_number(str(max(0, math.ceil(left - 1e-9)))), style=style)

    if phase.kind == "ready":
        coming = "Starts when the count reaches zero."
    elif phase.kind == "rest":
        coming = "Relax and breathe."
    elif upcoming is None:
        coming = "Next: the end. Well done."
    elif upcoming.exercise == step.exercise:
        again = " · ".join(x for x in (side_text(upcoming.side), step_text(upcoming)) if x)
        coming = f"Next: {again or 'the same again'}"
    else:
        side = f" ({side_text(upcoming.side).lower()})" if upcoming.side else ""
        coming = f"Next: {upcoming.name}{side}"

    done = player.elapsed(now)
    bar = ProgressBar(total=max(1, player.total_seconds), completed=done, width=40)
    progress = Table.grid(padding=(0, 1))
    progress.add_row(bar, Text(f"{clock(player.time_left(now))} left · "
                               f"step {phase.step + 1} of {player.steps_total}"))
    return Panel(
        Group(top, Text(""), count, Text(""), Text(coming), progress,
              Text(KEYS_HELP, style="dim")),
        title=title, title_align="left", padding=(0, 1),
    )
