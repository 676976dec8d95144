"""Signing in on a device claims what the device saved into the person's account.

The device's sessions, its "it hurt" marks and the clinician programs it opened become the
person's, and so do its outcomes (measures taken, weekly-review decisions, its weekly
goal and its reminders feed). Claiming is idempotent and never makes duplicates: sessions
keep their ids (the same session can't be claimed twice), a mark for an exercise the
person already has merges into theirs (the later hurt wins), a program opened on two
devices is one patient-program whose sessions and review decisions are all the person's,
and where the person already has a goal or a live reminders feed, theirs stays (the
device's goal is dropped, its feed revoked). Measures are all kept, even when two devices
answered the weekly pain question in the same week: progress counts the latest of each
week (:func:`backcare.progress.records.progress_for`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from backcare.practice.models import PainfulExercise, PracticeSession
from backcare.programs.models import PatientProgram
from backcare.progress.models import MeasureResponse, ReminderFeed, ReviewDecision, WeeklyGoal


@dataclass(frozen=True)
class Claimed:
    sessions: int
    marks: int
    programs: int
    #: measures, review decisions, goal and reminders feed
    outcomes: int = 0


def _merge_mark(anonymous: PainfulExercise, theirs: PainfulExercise) -> None:
    """Keep the person's one mark for the exercise as the later of the two says."""
    if anonymous.hurt_at > theirs.hurt_at:
        theirs.session, theirs.hurt_at = anonymous.session, anonymous.hurt_at
        theirs.included_again_at = anonymous.included_again_at
        theirs.save(update_fields=["session", "hurt_at", "included_again_at"])
    anonymous.delete()


def _merge_program(anonymous: PatientProgram, theirs: PatientProgram) -> None:
    PracticeSession.objects.filter(patient_program=anonymous).update(patient_program=theirs)
    ReviewDecision.objects.filter(patient_program=anonymous).update(patient_program=theirs)
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
        outcomes = _claim_outcomes(device, user_id)
    return Claimed(sessions, marks, programs, outcomes)


def _claim_outcomes(device: str, user_id: int) -> int:
    """The device's measures, decisions, goal and feed become the person's (in a transaction)."""
    claimed = 0
    for model in (MeasureResponse, ReviewDecision):
        claimed += model.objects.filter(device=device, user__isnull=True).update(user_id=user_id)
    goal = WeeklyGoal.objects.filter(device=device, user__isnull=True).first()
    if goal is not None:
        if WeeklyGoal.objects.filter(user_id=user_id).exists():
            goal.delete()
        else:
            goal.user_id = user_id
            goal.save(update_fields=["user"])
        claimed += 1
    feeds = ReminderFeed.objects.filter(device=device, user__isnull=True)
    for feed in feeds.filter(revoked_at__isnull=False):
        feed.user_id = user_id
        feed.save(update_fields=["user"])
    live = feeds.filter(revoked_at__isnull=True).first()
    if live is not None:
        if ReminderFeed.objects.filter(user_id=user_id, revoked_at__isnull=True).exists():
            live.revoked_at = timezone.now()
        live.user_id = user_id
        live.save(update_fields=["user", "revoked_at"])
        claimed += 1
    return claimed
