"""The weekly-review changes a person accepted, as the adjustments every edge applies to
what they play (a clinician's program, or a routine), in the order they were accepted.

With a clinician's program the clinician's word wins: while the program is locked none of
the accepted changes apply (the patient plays exactly what the clinician wrote), and a new
version of the program starts afresh (only changes accepted after that version was saved
apply). The clinician still sees every change accepted (:func:`accepted_changes`)."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection

from backcare.outcomes.adjusting import Adjustment
from backcare.practice.owner import Owner
from backcare.programs.models import PatientProgram
from backcare.progress.models import Change, ReviewDecision

#: The decisions that change what is played (talk-to-clinician changes nothing).
ADJUSTING = (Change.SWAP, Change.FEWER_REPS, Change.STEP_UP)


def _adjustments(decisions: Any) -> tuple[Adjustment, ...]:
    return _read(decisions.filter(accepted=True, change__in=ADJUSTING).order_by("decided_at")
                 .values_list("adjustment", flat=True))


def _read(stored: Any) -> tuple[Adjustment, ...]:
    found = []
    for data in stored:
        if isinstance(data, str):  # a raw read: the database's JSON text
            data = json.loads(data)
        if data:
            try:
                found.append(Adjustment.from_data(data))
            except (KeyError, TypeError, ValueError):
                continue  # a decision the core no longer reads changes nothing
    return tuple(found)


#: The routine's adjustments of one owner, in SQL: every player page, timeline and session
#: save of a known device asks, and the ORM would build this query each time (0.5 ms, a
#: third of a session's save, bench/pages.py).
_ROUTINE_SQL = (
    "SELECT adjustment FROM progress_reviewdecision WHERE {owner} AND routine = %s"
    " AND patient_program_id IS NULL AND accepted AND change IN (%s, %s, %s)"
    " ORDER BY decided_at")
_BY_PERSON = _ROUTINE_SQL.format(owner="user_id = %s")
_BY_DEVICE = _ROUTINE_SQL.format(owner="device = %s AND user_id IS NULL")


def adjustments_for_program(owner: Owner, patient_program: PatientProgram) -> tuple[Adjustment, ...]:
    """What this owner accepted for this program of theirs since its latest version was
    saved; nothing while the clinician has it locked."""
    program = patient_program.program
    if program.locked:
        return ()
    mine = owner.rows(ReviewDecision).filter(patient_program=patient_program)
    saved = (program.versions.order_by("-number").values_list("created_at", flat=True)
             .first())
    if saved is not None:
        mine = mine.filter(decided_at__gt=saved)
    return _adjustments(mine)


def adjustments_for_routine(owner: Owner, routine_slug: str) -> tuple[Adjustment, ...]:
    """What this owner accepted for this routine (and every plan of it)."""
    who: int | str
    if owner.user_id is not None:
        sql, who = _BY_PERSON, owner.user_id
    elif owner.device:
        sql, who = _BY_DEVICE, owner.device
    else:
        return ()
    with connection.cursor() as cursor:
        cursor.execute(sql, [who, routine_slug, *(str(change) for change in ADJUSTING)])
        return _read(row[0] for row in cursor.fetchall())


def changed_anything(owner: Owner) -> bool:
    """True when the owner accepted a change of any routine or program: their pages are
    their own then (no shared player copy, no note that nothing changed)."""
    return owner.rows(ReviewDecision).filter(accepted=True, change__in=ADJUSTING).exists()


def accepted_changes(patient_program: PatientProgram) -> list[ReviewDecision]:
    """Every change the patient accepted for this program, oldest first (for the clinician)."""
    return list(ReviewDecision.objects.filter(patient_program=patient_program, accepted=True)
                .order_by("decided_at"))
