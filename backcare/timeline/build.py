"""Build the timeline of a sequence of dosed exercises.

A step is one repetition (one hold) of one exercise on one side. After each step comes a
rest before the next one: the dose's rest between repetitions, a pause to switch sides
or start the next set, or the get-ready of the next exercise. The last step has no rest
after it.

**The get-ready rule** (one rule, decided here): the pause before an exercise *is* its
get-ready. Before the first exercise it is :data:`FIRST_GET_READY_SECONDS` (the
timeline's ``lead_in_seconds``); before a later one it is the routine's transition, with
:data:`POSITION_CHANGE_SECONDS` more when the position changes (from the floor to a chair,
from the back onto hands and knees...). :func:`get_ready_seconds` says it.

The total is the lead-in plus every hold and rest, so a routine's estimated duration is
exactly what a person following the timeline — in either player — spends, and the play
script (:mod:`backcare.playscript`) only names these same seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # annotations only: content imports the timeline, not the other way round
    from backcare.content.schema import Action, Dose, Exercise

Side = Literal["left", "right"]
SIDE_SWITCH_SECONDS = 5
#: Time to put the phone down and get into the first exercise's position.
FIRST_GET_READY_SECONDS = 10
#: Extra time to get ready when the next exercise starts from another position.
POSITION_CHANGE_SECONDS = 10


def get_ready_seconds(before: Exercise | None, nxt: Exercise, transition_seconds: int) -> int:
    """The pause before ``nxt``: its get-ready (see the module's docstring)."""
    if before is None:
        return FIRST_GET_READY_SECONDS
    if before.position != nxt.position:
        return transition_seconds + POSITION_CHANGE_SECONDS
    return transition_seconds


@dataclass(frozen=True)
class Dosed:
    """An exercise with the dose it is done at in one routine or plan."""

    exercise: Exercise
    dose: Dose


@dataclass(frozen=True)
class Step:
    exercise: str
    name: str
    side: Side | None
    set: int
    sets: int
    rep: int
    reps: int
    hold_seconds: int
    rest_seconds: int
    cue: str
    starts_at: int
    #: "hold" or "move": what this repetition is (``Exercise.hold_or_move``, the one rule).
    action: Action
    #: The exercise's position (``schema.Position``): what the get-ready asks for.
    position: str = ""
    #: Which item of the routine or plan this step belongs to (0, 1, ...): tells apart the
    #: same exercise listed twice in a row.
    item: int = 0

    @property
    def ends_at(self) -> int:
        return self.starts_at + self.hold_seconds + self.rest_seconds


@dataclass(frozen=True)
class Timeline:
    steps: tuple[Step, ...]
    #: The first exercise's get-ready, before the first step.
    lead_in_seconds: int = 0

    @property
    def total_seconds(self) -> int:
        return self.steps[-1].ends_at if self.steps else 0


def _sides(exercise: Exercise) -> tuple[Side | None, ...]:
    return ("left", "right") if exercise.per_side else (None,)


def build_timeline(items: list[Dosed] | tuple[Dosed, ...], transition_seconds: int) -> Timeline:
    # (position in items, item, side, set, rep): positions tell exercises apart, so the same
    # Dosed listed twice in a row still gets the transition between them.
    raw: list[tuple[int, Dosed, Side | None, int, int]] = []
    for position, item in enumerate(items):
        for set_no in range(1, item.dose.sets + 1):
            for side in _sides(item.exercise):
                for rep in range(1, item.dose.reps + 1):
                    raw.append((position, item, side, set_no, rep))

    steps: list[Step] = []
    lead_in = get_ready_seconds(None, raw[0][1].exercise, transition_seconds) if raw else 0
    clock = lead_in
    for index, (position, item, side, set_no, rep) in enumerate(raw):
        if index + 1 == len(raw):
            rest = 0
        else:
            nxt_position, nxt_item, nxt_side, nxt_set, _ = raw[index + 1]
            if nxt_position != position:
                rest = get_ready_seconds(item.exercise, nxt_item.exercise, transition_seconds)
            elif nxt_side != side or nxt_set != set_no:
                rest = max(item.dose.rest_seconds, SIDE_SWITCH_SECONDS)
            else:
                rest = item.dose.rest_seconds
        step = Step(
            exercise=item.exercise.slug,
            name=item.exercise.name,
            side=side,
            set=set_no,
            sets=item.dose.sets,
            rep=rep,
            reps=item.dose.reps,
            hold_seconds=item.dose.hold_seconds,
            rest_seconds=rest,
            cue=item.exercise.cues[0],
            starts_at=clock,
            action=item.exercise.hold_or_move,
            position=item.exercise.position,
            item=position,
        )
        steps.append(step)
        clock = step.ends_at
    return Timeline(tuple(steps), lead_in)
