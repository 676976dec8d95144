"""Signing in on a device claims what the device saved into the person's account.

The device's sessions, its "it hurt" marks and the clinician programs it opened become the
person's. Claiming is idempotent and never makes duplicates: sessions keep their ids (the
same session can't be claimed twice), a mark for an exercise the person already has
merges into theirs (the later hurt wins), and a program opened on two devices is one
patient-program whose sessions are all the person's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from backcare.practice.models import PainfulExercise, PracticeSession
from backcare.programs.models import PatientProgram


@dataclass(frozen=True)
class Claimed:
    sessions: int
    marks: int
    programs: int


def _merge_mark(anonymous: PainfulExercise, theirs: PainfulExercise) -> None:
    """Keep the person's one mark for the exercise as the later of the two says."""
    if anonymous.hurt_at > theirs.hurt_at:
        theirs.session, theirs.hurt_at = anonymous.session, anonymous.hurt_at
        theirs.included_again_at = anonymous.included_again_at
        theirs.save(update_fields=["session", "hurt_at", "included_again_at"])
    anonymous.delete()


def _merge_program(anonymous: PatientProgram, theirs: PatientProgram) -> None:
    PracticeSession.objects.filter(patient_program=anonymous).update(patient_program=theirs)
    if anonymous.accepted_at < theirs.accepted_at:
        theirs.accepted_at = anonymous.accepted_at
        theirs.save(update_fields=["accepted_at"])
    anonymous.delete()


def claim_device(device: str | None, user_id: int) -> Claimed:
    """Move everything ``device`` saved anonymously into person ``user_id``'s account."""
    if not device:
        return Claimed(0, 0, 0)
    with transaction.atomic():
        sessions = PracticeSession.objects.filter(device=device, user__isnull=True).update(
            user_id=user_id)
        marks = 0
        for mark in PainfulExercise.objects.filter(device=device, user__isnull=True):
            theirs = PainfulExercise.objects.filter(user_id=user_id, exercise=mark.exercise).first()
            if theirs is None:
                mark.user_id = user_id
                mark.save(update_fields=["user"])
            else:
                _merge_mark(mark, theirs)
            marks += 1
        programs = 0
        for opened in PatientProgram.objects.filter(device=device, user__isnull=True):
            theirs_pp = PatientProgram.objects.filter(user_id=user_id, program=opened.program_id).first()
            if theirs_pp is None:
                opened.user_id = user_id
                opened.save(update_fields=["user"])
            else:
                _merge_program(opened, theirs_pp)
            programs += 1
    return Claimed(sessions, marks, programs)
