"""Build the timeline of a sequence of dosed exercises.

A step is one repetition (one hold) of one exercise on one side. After each step comes a
rest before the next one: the dose's rest between repetitions, a pause to switch sides
or start the next set, or the routine's transition to the next exercise. The last step
has no rest after it. The total is the sum of holds and rests, so a routine's estimated
duration is exactly what a person following the timeline would spend.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # annotations only: content imports the timeline, not the other way round
    from backcare.content.schema import Action, Dose, Exercise

Side = Literal["left", "right"]
SIDE_SWITCH_SECONDS = 5


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

    @property
    def ends_at(self) -> int:
        return self.starts_at + self.hold_seconds + self.rest_seconds


@dataclass(frozen=True)
class Timeline:
    steps: tuple[Step, ...]

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
    clock = 0
    for index, (position, item, side, set_no, rep) in enumerate(raw):
        if index + 1 == len(raw):
            rest = 0
        else:
            nxt_position, _, nxt_side, nxt_set, _ = raw[index + 1]
            if nxt_position != position:
                rest = transition_seconds
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
        )
        steps.append(step)
        clock = step.ends_at
    return Timeline(tuple(steps))
