"""A person's record as a FHIR R4 Bundle: what they follow as a CarePlan, each session's
pain as Observations, each measure as a QuestionnaireResponse
(:func:`backcare.outcomes.fhir_export.fhir_bundle` builds and validates it).

Two readers: the person themselves (``GET /api/fhir/bundle``, everything of theirs), and
the clinician of a program, for one sharing patient (:func:`bundle_for_patient_program`:
only that program, its sessions, and the measures taken since the patient accepted it,
while they share). The patient is named by a pseudonymous id only, the same each time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.crypto import salted_hmac

from backcare.catalogue.library import get_library
from backcare.content import Library
from backcare.content.wording import dose_text
from backcare.outcomes.fhir_export import CarePlanActivity, MeasureRecord, PainRecord, fhir_bundle
from backcare.outcomes.measures import measures
from backcare.practice.models import PracticeSession
from backcare.practice.owner import Owner
from backcare.programs.models import PatientProgram
from backcare.progress.following import Target, current_target, program_target, target_play
from backcare.progress.models import MeasureResponse
from backcare.vocabulary import gettext

#: Only this purpose's ids come from this salt.
PSEUDONYM_SALT = "backcare.progress.fhir.patient"


def pseudonym(owner: Owner) -> str:
    """A stable id for the person that says nothing about them (not their device id)."""
    who = f"user:{owner.user_id}" if owner.user_id is not None else f"device:{owner.device}"
    return salted_hmac(PSEUDONYM_SALT, who).hexdigest()[:32]


def activities(owner: Owner, target: Target | None, library: Library) -> list[CarePlanActivity]:
    """One activity per exercise played today, at its dose (with the clinician's note)."""
    if target is None:
        return []
    notes: dict[str, str] = {}
    if target.version is not None:
        for item in target.version.items or ():
            if isinstance(item, dict) and item.get("note"):
                notes.setdefault(str(item.get("exercise", "")), str(item["note"]))
    played = target_play(owner, target, library)
    return [CarePlanActivity(exercise=d.exercise.slug, name=d.exercise.name,
                             hold_seconds=d.dose.hold_seconds, reps=d.dose.reps,
                             sets=d.dose.sets, per_side=d.exercise.per_side,
                             note=notes.get(d.exercise.slug, ""),
                             dose_text=dose_text(d.dose, d.exercise))
            for d in played.items]


def pain_records(sessions: Iterable[PracticeSession]) -> list[PainRecord]:
    return [PainRecord(session_id=str(row.id), started_at=row.started_at,
                       ended_at=row.ended_at, pain_before=row.pain_before,
                       pain_after=row.pain_after)
            for row in sessions]


def measure_records(rows: Iterable[MeasureResponse]) -> list[MeasureRecord]:
    known = measures()
    return [MeasureRecord(id=str(row.id), measure=known[row.measure], answers=row.answers,
                          score=row.score, subscale=row.subscale, stratum=row.stratum or None,
                          taken_at=row.taken_at)
            for row in rows if row.measure in known]


def _bundle(owner: Owner, base_url: str, target: Target | None, sessions: Any,
            taken: Any, library: Library) -> dict[str, Any]:
    title = target.title if target is not None else gettext("Back exercises")
    made_at: datetime = timezone.now()
    return fhir_bundle(base_url=base_url, patient_id=pseudonym(owner), title=title,
                       activities=activities(owner, target, library),
                       sessions=pain_records(sessions.order_by("started_at")),
                       measures=measure_records(taken.order_by("taken_at")), made_at=made_at)


def bundle_for_owner(owner: Owner, base_url: str) -> dict[str, Any]:
    """Everything of this device's or person's, as one Bundle. LookupError for an owner
    that is neither (a browser with nothing saved has no record, and no pseudonym)."""
    if not owner.known:
        raise LookupError("no device and no account: nothing to export")
    library = get_library()
    return _bundle(owner, base_url, current_target(owner, library), owner.sessions(),
                   owner.rows(MeasureResponse), library)


def bundle_for_patient_program(patient_program: PatientProgram, base_url: str) -> dict[str, Any]:
    """One patient-program for its clinician: the program as this patient plays it, its
    sessions and the measures taken since they accepted it — nothing while not sharing."""
    owner = Owner(device=patient_program.device or None, user_id=patient_program.user_id)
    target = program_target(patient_program)
    sessions = owner.sessions().filter(patient_program=patient_program)
    taken = owner.rows(MeasureResponse).filter(taken_at__gte=patient_program.accepted_at)
    if not patient_program.sharing:
        sessions, taken = sessions.none(), taken.none()
    return _bundle(owner, base_url, target, sessions, taken, get_library())
