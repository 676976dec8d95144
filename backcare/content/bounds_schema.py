"""``content/dose-bounds.yaml``: the doses a clinician may prescribe for each exercise.

A program (:mod:`backcare.prescribing`) sets each exercise's hold (or time per
repetition), repetitions and sets. The file gives, for each action (``hold`` and
``move``, the one rule of :attr:`Exercise.hold_or_move`), the lowest and highest value of
each, and per exercise any range that differs from its action's::

    hold: {hold_seconds: [10, 60], reps: [1, 10], sets: [1, 3]}
    move: {hold_seconds: [2, 10], reps: [3, 20], sets: [1, 3]}
    exercises:
      abdominal-bracing: {hold_seconds: [3, 15]}

Every range lies within what an exercise file's ``dose`` may say (:data:`DOSE_LIMITS`),
and every exercise's own dose must lie within its bounds (checked across files by
:mod:`backcare.content.references`). Without the file, every dose the schema allows is
allowed (:meth:`DoseBoundsFile.unbounded`), so content folders made before the file
existed still load.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from backcare.content.schema import Action, Exercise, Model, Slug

DoseField = Literal["hold_seconds", "reps", "sets"]
DOSE_FIELDS: tuple[DoseField, ...] = ("hold_seconds", "reps", "sets")
#: The lowest and highest value an exercise file's ``dose`` may give each field
#: (:class:`backcare.content.schema.Dose`); no bound may go past them.
DOSE_LIMITS: Mapping[DoseField, tuple[int, int]] = {
    "hold_seconds": (1, 120), "reps": (1, 30), "sets": (1, 5),
}


def _ordered(pair: tuple[int, int]) -> tuple[int, int]:
    low, high = pair
    if low > high:
        raise ValueError(f"is [{low}, {high}]: write the lowest value first, then the highest")
    return pair


_Hold = Annotated[int, Field(ge=DOSE_LIMITS["hold_seconds"][0], le=DOSE_LIMITS["hold_seconds"][1],
                             strict=True)]
_Reps = Annotated[int, Field(ge=DOSE_LIMITS["reps"][0], le=DOSE_LIMITS["reps"][1], strict=True)]
_Sets = Annotated[int, Field(ge=DOSE_LIMITS["sets"][0], le=DOSE_LIMITS["sets"][1], strict=True)]
HoldRange = Annotated[tuple[_Hold, _Hold], AfterValidator(_ordered)]
RepsRange = Annotated[tuple[_Reps, _Reps], AfterValidator(_ordered)]
SetsRange = Annotated[tuple[_Sets, _Sets], AfterValidator(_ordered)]


class ActionBounds(Model):
    """The lowest and highest hold (seconds), repetitions and sets, as ``[low, high]``."""

    hold_seconds: HoldRange
    reps: RepsRange
    sets: SetsRange

    def get(self, field: DoseField) -> tuple[int, int]:
        value: tuple[int, int] = getattr(self, field)
        return value


class ExerciseBounds(Model):
    """One exercise's ranges that differ from its action's; unset fields keep the action's."""

    hold_seconds: HoldRange | None = None
    reps: RepsRange | None = None
    sets: SetsRange | None = None


class DoseBoundsFile(Model):
    """The whole of ``content/dose-bounds.yaml``."""

    hold: ActionBounds
    move: ActionBounds
    exercises: dict[Slug, ExerciseBounds] = Field(default_factory=dict, max_length=1000)

    @classmethod
    def unbounded(cls) -> DoseBoundsFile:
        """Every dose the content schema allows: what applies without the file."""
        every = ActionBounds(hold_seconds=DOSE_LIMITS["hold_seconds"],
                             reps=DOSE_LIMITS["reps"], sets=DOSE_LIMITS["sets"])
        return cls(hold=every, move=every)

    def of_action(self, action: Action) -> ActionBounds:
        return self.hold if action == "hold" else self.move

    def for_exercise(self, exercise: Exercise) -> ActionBounds:
        """This exercise's bounds: its own ranges where the file gives them, else its
        action's."""
        base = self.of_action(exercise.hold_or_move)
        own = self.exercises.get(exercise.slug)
        if own is None:
            return base
        return ActionBounds(**{field: getattr(own, field) or base.get(field)
                               for field in DOSE_FIELDS})

    def where(self, exercise: Exercise, field: DoseField) -> str:
        """The field of the file that gives this exercise's range: ``exercises.<slug>.reps``
        or ``hold.reps``."""
        own = self.exercises.get(exercise.slug)
        if own is not None and getattr(own, field) is not None:
            return f"exercises.{exercise.slug}.{field}"
        return f"{exercise.hold_or_move}.{field}"
