"""How the patients of one program are getting on: the database's side of
:func:`backcare.prescribing.adherence`.

Counted: only patients who share (``PatientProgram.sharing``), only sessions saved for
this program (``PracticeSession.patient_program``) and only from the moment the patient
accepted it. Patients are never named to the clinician: each is "Patient 1", "Patient 2"...
by the order they accepted the program, among everyone who ever accepted it, so a label
stays with its patient when another stops sharing.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime, tzinfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

from backcare.content import Library
from backcare.practice.models import PracticeSession
from backcare.prescribing import PatientAdherence, SessionFact, adherence
from backcare.programs.models import PatientProgram, Program
from backcare.programs.saving import latest_version


@dataclass(frozen=True)
class PatientRow:
    """One sharing patient of a program: the label the clinician sees, and the numbers."""

    number: int
    accepted_at: datetime
    #: The patient-program itself (never shown: the clinician sees only the label).
    patient_program: PatientProgram
    adherence: PatientAdherence
    #: The sessions counted, oldest first.
    sessions: tuple[PracticeSession, ...]

    @property
    def label(self) -> str:
        return patient_label(self.number)


def patient_label(number: int) -> str:
    return gettext("Patient {number}").format(number=number)


def _fact(session: PracticeSession) -> SessionFact:
    return SessionFact(started_at=session.started_at, pain_before=session.pain_before,
                       pain_after=session.pain_after, stopped_for_pain=session.stopped_for_pain,
                       painful_exercise=session.painful_exercise, completed=session.completed)


def _everyone(program: Program) -> list[PatientProgram]:
    """Everyone who ever accepted the program, in the order that numbers them."""
    return list(PatientProgram.objects.filter(program=program).order_by("accepted_at", "id")
                .only("id", "accepted_at", "sharing", "device", "user_id"))


def numbered_patient(program: Program, number: int) -> PatientProgram | None:
    """"Patient ``number``" of this program as the clinician's pages number them, when
    that patient still shares; else None."""
    if number < 1:
        return None
    everyone = _everyone(program)
    if number > len(everyone) or not everyone[number - 1].sharing:
        return None
    return everyone[number - 1]


def program_patients(program: Program, days_per_week: int, now: datetime,
                     tz: tzinfo | None = None) -> list[PatientRow]:
    """Every patient who shares this program, by the order they accepted it."""
    zone = tz or timezone.get_current_timezone()
    everyone = _everyone(program)
    sharing = {pp.pk: pp for pp in everyone if pp.sharing}
    by_patient: dict[int, list[PracticeSession]] = {pk: [] for pk in sharing}
    for session in (PracticeSession.objects.filter(patient_program_id__in=list(sharing))
                    .order_by("started_at", "created_at")):
        patient = sharing[session.patient_program_id]  # type: ignore[index]
        if session.started_at >= patient.accepted_at:
            by_patient[patient.pk].append(session)
    rows = []
    for number, patient in enumerate(everyone, 1):
        if patient.pk not in sharing:
            continue
        sessions = tuple(by_patient[patient.pk])
        rows.append(PatientRow(
            number=number, accepted_at=patient.accepted_at, patient_program=patient,
            sessions=sessions,
            adherence=adherence([_fact(s) for s in sessions], days_per_week,
                                patient.accepted_at, now, zone)))
    return rows


def exercise_name(library: Library, slug: str) -> str:
    """The exercise's name, or "not said" when the patient did not say which one hurt."""
    if not slug:
        return gettext("not said")
    found = library.exercises.get(slug)
    return found.name if found else slug


def _yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")


def _safe_cell(value: str) -> str:
    """A cell a spreadsheet will not read as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def adherence_csv(library: Library, program: Program, now: datetime | None = None) -> HttpResponse:
    """The program's counted sessions, one row each, with a header row: patient, date,
    pain before, pain after, flare, stopped for pain, exercise (the one that hurt)."""
    zone = timezone.get_current_timezone()
    version = latest_version(program)
    rows = program_patients(program, version.days_per_week, now or timezone.now(), zone)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="program-{program.code}.csv"'
    writer = csv.writer(response)
    writer.writerow([gettext("patient"), gettext("date"), gettext("pain before"),
                     gettext("pain after"), gettext("flare"), gettext("stopped for pain"),
                     gettext("exercise")])
    for row in rows:
        flares = {(p.date, p.before, p.after) for p in row.adherence.flares}
        for session in row.sessions:
            day = timezone.localtime(session.started_at, zone).date()
            flare = (day, session.pain_before, session.pain_after) in flares
            writer.writerow([
                row.label, day.isoformat(), session.pain_before,
                "" if session.pain_after is None else session.pain_after,
                _yes_no(flare), _yes_no(session.stopped_for_pain),
                _safe_cell(exercise_name(library, session.painful_exercise))
                if session.stopped_for_pain else "",
            ])
    return response
