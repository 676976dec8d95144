"""What a clinician's program asks of the person at its start: the STarT Back questions,
once, after they open it. The program's page offers them until they are answered."""

from __future__ import annotations

from backcare.practice.owner import Owner
from backcare.programs.models import PatientProgram
from backcare.progress.models import MeasureResponse

START_MEASURE = "start-back"


def start_questions_due(owner: Owner, mine: PatientProgram | None) -> bool:
    """True when the person opened this program and has not answered STarT Back since."""
    if mine is None or not owner.known:
        return False
    return not owner.rows(MeasureResponse).filter(
        measure=START_MEASURE, taken_at__gte=mine.accepted_at).exists()
