"""From a timeline to the script a player follows, phase after phase.

The phases name the timeline's own seconds, so the script's total is the timeline's total:

- ``get-ready`` before each exercise: the timeline's lead-in before the first, and before a
  later one the pause after the exercise before it (the get-ready rule lives in
  :func:`backcare.timeline.get_ready_seconds`);
- ``hold`` or ``move``: one repetition, ``hold_seconds`` long, by the step's ``action``;
- ``rest``, or ``switch-sides`` when the next repetition is on the other side: the pause
  between two repetitions of the same exercise;
- ``done``: the end, 0 seconds.

Each phase carries ``text`` (what the screen shows) and ``say`` (what the voice says), in
the language in force (:mod:`backcare.vocabulary`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from backcare.playscript import words
from backcare.timeline import Step, Timeline

Kind = Literal["get-ready", "hold", "move", "rest", "switch-sides", "done"]
KINDS: tuple[Kind, ...] = ("get-ready", "hold", "move", "rest", "switch-sides", "done")


@dataclass(frozen=True)
class Phase:
    kind: Kind
    seconds: int
    #: Seconds from the start of the session to the start of this phase.
    starts_at: int
    #: The timeline step this phase is (hold, move) or leads into (get-ready, rest,
    #: switch-sides: their exercise, side, rep and set are the coming step's); the number
    #: of steps for ``done``.
    step: int
    exercise: str | None
    name: str
    side: Literal["left", "right"] | None
    rep: int
    reps: int
    set: int
    sets: int
    text: str
    say: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Script:
    phases: tuple[Phase, ...]

    @property
    def total_seconds(self) -> int:
        return sum(phase.seconds for phase in self.phases)


def _phase(kind: Kind, seconds: int, starts_at: int, index: int, step: Step,
           text: str, say: str) -> Phase:
    return Phase(kind=kind, seconds=seconds, starts_at=starts_at, step=index,
                 exercise=step.exercise, name=step.name, side=step.side, rep=step.rep,
                 reps=step.reps, set=step.set, sets=step.sets, text=text, say=say)


def build_script(timeline: Timeline) -> Script:
    steps = timeline.steps
    phases: list[Phase] = []
    clock = 0
    for index, step in enumerate(steps):
        first = index == 0 or steps[index - 1].item != step.item
        if first:
            pause = timeline.lead_in_seconds if index == 0 else steps[index - 1].rest_seconds
            if pause > 0:
                phases.append(_phase("get-ready", pause, clock, index, step,
                                     words.get_ready_text(step), words.get_ready_say(step)))
                clock += pause
        kind: Kind = "hold" if step.action == "hold" else "move"
        phases.append(_phase(kind, step.hold_seconds, clock, index, step,
                             words.action_text(step), words.action_say(step, first)))
        clock += step.hold_seconds
        nxt = steps[index + 1] if index + 1 < len(steps) else None
        if nxt is None or nxt.item != step.item or step.rest_seconds == 0:
            continue
        if nxt.side != step.side and nxt.set == step.set:
            phases.append(_phase("switch-sides", step.rest_seconds, clock, index + 1, nxt,
                                 words.switch_text(nxt), words.switch_say(nxt)))
        else:
            phases.append(_phase("rest", step.rest_seconds, clock, index + 1, nxt,
                                 words.rest_text(step, nxt), words.rest_say(step, nxt)))
        clock += step.rest_seconds
    if steps:
        last = steps[-1]
        phases.append(Phase(kind="done", seconds=0, starts_at=clock, step=len(steps),
                            exercise=None, name="", side=None, rep=last.rep, reps=last.reps,
                            set=last.set, sets=last.sets, text=words.done_text(),
                            say=words.done_say(len({s.exercise for s in steps}))))
    return Script(tuple(phases))
