"""What a shared program shows of each exercise, for its page and ``GET /api/shared/<code>``.

Each exercise at the dose the patient will play it (the clinician's, brought within the
exercise's current bounds exactly as :func:`backcare.prescribing.program_play` does), with
the clinician's note and whether the clinician chose it although the patient's conditions
would leave it out. An exercise the library no longer has is not shown (nor played).
"""

from __future__ import annotations

from dataclasses import dataclass

from backcare.content import Library
from backcare.content.schema import Dose, Exercise
from backcare.content.wording import dose_text
from backcare.prescribing import ProgramDraft, ProgramItem, dose_bounds


@dataclass(frozen=True)
class ShownItem:
    item: ProgramItem
    exercise: Exercise
    dose: Dose        # what is played: the clinician's dose, within the current bounds

    @property
    def dose_text(self) -> str:
        return dose_text(self.dose, self.exercise)

    @property
    def chosen_by_therapist(self) -> bool:
        return self.item.override


def shown_items(library: Library, draft: ProgramDraft) -> list[ShownItem]:
    """The program's exercises in order, each at the dose it is played."""
    shown = []
    for item in draft.items:
        exercise = library.exercises.get(item.exercise)
        if exercise is None:
            continue
        bounds = dose_bounds(library, exercise.slug)
        dose = exercise.dose.model_copy(update={
            field: bounds.clamp(field, getattr(item, field))
            for field in ("hold_seconds", "reps", "sets")})
        shown.append(ShownItem(item, exercise, dose))
    return shown
