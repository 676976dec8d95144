"""From a timeline to the phases a person lives through, one after another.

The timeline (see :mod:`backcare.timeline.build`) is a list of steps, each a hold
followed by a rest. The player walks the same steps, and names each pause for what it
is, so nobody has to work it out while lying on the floor:

- **Get ready** before each exercise: :data:`GET_READY_SECONDS` before the first, and
  before each later one the routine's pause between exercises (the rest after the last
  step of the one before), made at least :data:`GET_READY_SECONDS` long.
- **Hold** or **Move**: one repetition, for ``hold_seconds``, named by the step's
  ``action`` (:data:`backcare.content.wording.ACTION_LABELS`, the same rule as every page).
- **Relax**, **Switch sides** or **Next round**: the rest between two steps of the same
  exercise, for ``rest_seconds``.

So the player takes the timeline's total plus the first get-ready (plus any
pause between exercises shorter than the get-ready, which is stretched to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from backcare.content.wording import ACTION_LABELS

if TYPE_CHECKING:
    from backcare.timeline import Step

GET_READY_SECONDS = 5

Kind = Literal["ready", "hold", "rest"]


@dataclass(frozen=True)
class Phase:
    """One stretch of time. ``step`` indexes the timeline step being prepared for
    (ready), done (hold) or just finished (rest)."""

    kind: Kind
    label: str
    seconds: int
    step: int

    @property
    def leads_into_hold(self) -> bool:
        return self.kind in ("ready", "rest")


def _starts_exercise(steps: Sequence[Step], index: int) -> bool:
    if index == 0:
        return True
    before, step = steps[index - 1], steps[index]
    return before.exercise != step.exercise


def _rest_label(step: Step, nxt: Step) -> str:
    if nxt.set != step.set:
        return "Next round"
    if nxt.side != step.side:
        return "Switch sides"
    return "Relax"


def build_phases(steps: Sequence[Step], get_ready: int = GET_READY_SECONDS) -> tuple[Phase, ...]:
    phases: list[Phase] = []
    for index, step in enumerate(steps):
        if _starts_exercise(steps, index):
            pause = steps[index - 1].rest_seconds if index else 0
            phases.append(Phase("ready", "Get ready", max(get_ready, pause), index))
        if step.hold_seconds > 0:
            phases.append(Phase("hold", ACTION_LABELS[step.action], step.hold_seconds, index))
        nxt = steps[index + 1] if index + 1 < len(steps) else None
        if nxt is not None and not _starts_exercise(steps, index + 1) and step.rest_seconds > 0:
            phases.append(Phase("rest", _rest_label(step, nxt), step.rest_seconds, index))
    return tuple(phases)


def exercise_starts(steps: Sequence[Step]) -> list[int]:
    """Indexes of the steps that begin a new exercise."""
    return [i for i in range(len(steps)) if _starts_exercise(steps, i)]
