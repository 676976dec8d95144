"""The changes a person accepted in their weekly review, applied to what they are prescribed.

An :class:`Adjustment` is one accepted change: ``swap`` an exercise for another (its seated
version), ``fewer-reps`` or ``step-up`` (one field of the dose, ``by`` a step) of one
exercise or of every one (``"*"``). :func:`adjusted_draft` (a clinician's program) and
:func:`adjusted_routine` (a routine a plan is made from) apply them, in the order accepted,
to the *prescription*: :func:`backcare.prescribing.program_play` and
:func:`backcare.plans.make_plan` then apply every safety filter (the conditions'
exclusions, what hurt, the floor, the time) to the result, so no adjustment can bring back
an exercise they leave out.

The doses: a swapped-in exercise takes its own dose (and never the clinician's override);
a changed field moves by ``by`` but never past the exercise's bounds
(:mod:`backcare.content.bounds_schema`, ``content/dose-bounds.yaml``), and repetitions never
below the exercise's ``min_reps`` (nor up, when the step is down). An adjustment naming an
exercise the prescription does not hold changes nothing.

Plain Python: no Django here. It imports neither backcare.plans nor backcare.prescribing
at run time (both import it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, cast, get_args

from backcare.content import Library
from backcare.content.schema import Exercise, Routine, RoutineItem
from backcare.vocabulary import gettext

if TYPE_CHECKING:
    from backcare.prescribing.program import ProgramDraft, ProgramItem

ChangeKind = Literal["swap", "fewer-reps", "step-up"]
DoseField = Literal["hold_seconds", "reps", "sets"]
#: ``exercise`` of an adjustment that applies to every exercise.
EVERY = "*"
#: The largest step one adjustment takes.
MAX_STEP = 5


@dataclass(frozen=True)
class Adjustment:
    change: ChangeKind
    exercise: str            # slug, or "*" for every exercise
    to: str = ""             # swap: the replacement's slug
    field: DoseField = "reps"
    by: int = 0              # e.g. -1 / +1

    def to_data(self) -> dict[str, Any]:
        return {"change": self.change, "exercise": self.exercise, "to": self.to,
                "field": self.field, "by": self.by}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Adjustment:
        """The adjustment :meth:`to_data` wrote; ValueError naming what is wrong otherwise."""
        if not isinstance(data, Mapping):
            raise ValueError("an adjustment must be a mapping")
        change, exercise = data.get("change"), data.get("exercise")
        to, field, by = data.get("to", ""), data.get("field", "reps"), data.get("by", 0)
        if change not in get_args(ChangeKind):
            raise ValueError(f"change must be one of {', '.join(get_args(ChangeKind))}")
        if not isinstance(exercise, str) or not exercise:
            raise ValueError("exercise must be an exercise's slug or *")
        if not isinstance(to, str) or (change == "swap") != bool(to) or to == EVERY:
            raise ValueError("to must name the replacement of a swap, and only of a swap")
        if change == "swap" and exercise == EVERY:
            raise ValueError("a swap names one exercise, not *")
        if field not in get_args(DoseField):
            raise ValueError(f"field must be one of {', '.join(get_args(DoseField))}")
        if not isinstance(by, int) or isinstance(by, bool) or abs(by) > MAX_STEP:
            raise ValueError(f"by must be a whole number from -{MAX_STEP} to {MAX_STEP}")
        if (change == "fewer-reps" and by > 0) or (change == "step-up" and by < 0):
            raise ValueError(f"by goes the wrong way for {change}")
        return cls(change=cast(ChangeKind, change), exercise=exercise, to=to,
                   field=cast(DoseField, field), by=by)

    def touches(self, slug: str) -> bool:
        return self.exercise in (slug, EVERY)


def dose_range(library: Library, exercise: Exercise, field: DoseField) -> tuple[int, int, int]:
    """(lowest a step down may reach, lowest, highest) of this field for this exercise."""
    low, high = library.dose_bounds.for_exercise(exercise).get(field)
    floor = max(low, exercise.min_reps) if field == "reps" else low
    return min(floor, high), low, high


def moved(value: int, by: int, floor: int, low: int, high: int) -> int:
    """``value`` moved ``by``: a step down stops at ``floor`` (never raising a value already
    under it), a step up at ``high`` (never lowering one over it); then within bounds."""
    target = value + by
    if by < 0:
        target = max(target, min(value, floor))
    elif by > 0:
        target = min(target, max(value, high))
    return min(max(target, low), high)


def _moved_field(library: Library, exercise: Exercise, field: DoseField, value: int,
                 by: int) -> int:
    floor, low, high = dose_range(library, exercise, field)
    return moved(value, by, floor, low, high)


def _swap_target(library: Library, adjustment: Adjustment, present: set[str]) -> str | None:
    """The slug to put in place of the swapped exercise; None: drop it (the replacement is
    already there); "" when the swap changes nothing."""
    if adjustment.exercise not in present or adjustment.to not in library.exercises:
        return ""
    return None if adjustment.to in present else adjustment.to


def adjusted_draft(library: Library, draft: ProgramDraft,
                   adjustments: Sequence[Adjustment]) -> ProgramDraft:
    """The program with the accepted adjustments applied (see the module's docstring)."""
    items: list[ProgramItem] = list(draft.items)
    for adjustment in adjustments:
        if adjustment.change == "swap":
            target = _swap_target(library, adjustment, {item.exercise for item in items})
            if target == "":
                continue
            kept: list[ProgramItem] = []
            for item in items:
                if item.exercise != adjustment.exercise:
                    kept.append(item)
                elif target is not None:
                    own = library.exercises[target].dose
                    kept.append(replace(item, exercise=target, hold_seconds=own.hold_seconds,
                                        reps=own.reps, sets=own.sets, note="", override=False))
                    target = None  # once: a second copy of the exercise is dropped
            items = kept
            continue
        for i, item in enumerate(items):
            exercise = library.exercises.get(item.exercise)
            if exercise is None or not adjustment.touches(item.exercise):
                continue
            field = adjustment.field
            value = _moved_field(library, exercise, field, getattr(item, field), adjustment.by)
            update: dict[str, Any] = {field: value}
            items[i] = replace(item, **update)
    return replace(draft, items=tuple(items))


def adjusted_routine(library: Library, routine: Routine,
                     adjustments: Sequence[Adjustment]) -> Routine:
    """The routine with the accepted adjustments applied, each as its item's dose override
    (see the module's docstring). Its slug and title stay the routine's."""
    phases = [list(phase.items) for phase in routine.phases]
    for adjustment in adjustments:
        if adjustment.change == "swap":
            present = {item.exercise for phase in phases for item in phase}
            target = _swap_target(library, adjustment, present)
            if target == "":
                continue
            swapped: list[list[RoutineItem]] = []
            for phase in phases:
                kept: list[RoutineItem] = []
                for item in phase:
                    if item.exercise != adjustment.exercise:
                        kept.append(item)
                    elif target is not None:
                        kept.append(RoutineItem(exercise=target))  # its own dose
                        target = None  # once: a second copy of the exercise is dropped
                swapped.append(kept)
            phases = swapped
            continue
        for phase in phases:
            for i, item in enumerate(phase):
                exercise = library.exercises.get(item.exercise)
                if exercise is None or not adjustment.touches(item.exercise):
                    continue
                field = adjustment.field
                value = getattr(item.dose.apply(exercise.dose), field)
                value = _moved_field(library, exercise, field, value, adjustment.by)
                phase[i] = item.model_copy(update={
                    "dose": item.dose.model_copy(update={field: value})})
    new_phases = tuple(phase.model_copy(update={"items": tuple(items)})
                       for phase, items in zip(routine.phases, phases, strict=True) if items)
    return routine.model_copy(update={"phases": new_phases})


def swaps_made(routine: Routine, adjusted: Routine,
               adjustments: Sequence[Adjustment]) -> tuple[tuple[str, str], ...]:
    """(exercise, replacement) for each accepted swap that took the exercise out of
    ``routine`` and put the replacement in (``adjusted`` is the routine after them)."""
    before = {item.exercise for item in routine.items}
    after = {item.exercise for item in adjusted.items}
    return tuple(dict.fromkeys(
        (a.exercise, a.to) for a in adjustments
        if a.change == "swap" and a.exercise in before and a.exercise not in after
        and a.to in after))


def swap_reason(name: str) -> str:
    """Why a plan shows ``name`` in place of an exercise of the routine."""
    return gettext("Swapped for {name}, as you chose in your weekly review.").format(name=name)
