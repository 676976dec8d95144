"""The clinician's API (mounted at /api/): write, read and edit programs; see how they go.

- ``POST /api/programs`` makes a program (version 1, its code and share link);
  ``PUT /api/programs/<id>`` saves a new version (code and link unchanged);
  ``GET /api/programs`` lists the clinic's programs, ``GET /api/programs/<id>`` one.
- ``GET /api/programs/<id>/adherence`` (and ``.csv``): the patients who share their
  sessions, each as "Patient 1", "Patient 2"... by the order they accepted it; with their
  STarT Back stratum, NPRS/PSFS change and the weekly-review changes they accepted.
- ``POST /api/programs/<id>/lock`` ``{locked}``: lock it against weekly-review suggestions.
- ``GET /api/programs/<id>/patients/<n>/fhir``: "Patient n"'s record as a FHIR R4 Bundle.

Only a clinician signed in (session or bearer token) gets anything: nobody signed in is 401;
a person, or a clinician of another clinic, is 404 for any program (the same as an id that
does not exist). Every problem with a program is a 422 naming its field
(:func:`backcare.prescribing.check_program`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from pydantic import StrictBool, StrictInt

from backcare.catalogue.library import get_library
from backcare.content import Library
from backcare.prescribing import ProgramDraft, excluded_by, item_with_defaults
from backcare.programs.access import api_clinician, api_program
from backcare.programs.adherence_rows import (
    PatientRow,
    adherence_csv,
    numbered_patient,
    program_patients,
)
from backcare.programs.api_clinic_outcomes import OutcomesOut, outcomes_out
from backcare.programs.models import Program, ProgramVersion
from backcare.programs.outcome_rows import PatientOutcomes, program_outcomes
from backcare.programs.patient_access import draft_of, share_url
from backcare.programs.saving import (
    ProgramRefused,
    create_program,
    latest_version,
    latest_versions,
    update_program,
)
from backcare.programs.views_clinic_outcomes import FHIR_JSON, fhir_response, set_locked
from backcare.site.api_errors import NOT_FOUND, READS, WRITES, Message, links
from backcare.vocabulary import gettext

router = Router(tags=["programs"])

BODY = ("body", "payload")
SIGN_IN: dict[int, Any] = {401: Message}
#: The longest lists a body may carry; the core's own limits are smaller and say why.
LONGEST_LIST = 100
LIST_MAX_LIMIT = 500


class ItemIn(Schema):
    exercise: str = Field(max_length=120, description="an exercise's slug (GET /api/exercises)")
    hold_seconds: StrictInt | None = Field(
        None, description="seconds each repetition is held (or takes); the exercise's own "
                          "when left out")
    reps: StrictInt | None = Field(None, description="repetitions (per side where it has sides)")
    sets: StrictInt | None = None
    note: str = Field("", max_length=2000, description="your note for this exercise")
    override: StrictBool = Field(
        False, description="keep an exercise the patient's conditions leave out: you choose "
                           "it for this patient on purpose")


class ProgramIn(Schema):
    title: str = Field(max_length=1000)
    note: str = Field("", max_length=10000, description="your note for the patient")
    days_per_week: StrictInt = Field(description="1 to 7")
    conditions: list[str] = Field(
        default_factory=list, max_length=LONGEST_LIST,
        description="the patient's health conditions: slugs from GET /api/health-conditions, "
                    "or other; empty for none known")
    items: list[ItemIn] = Field(max_length=LONGEST_LIST, description="1 to 20 exercises, in order")


class ItemOut(Schema):
    exercise: str
    name: str
    hold_seconds: int
    reps: int
    sets: int
    per_side: bool = Field(description="reps are done on each side")
    note: str
    override: bool
    excluded_because: str | None = Field(
        description="why the patient's conditions would leave it out, when you chose it anyway")


class ProgramOut(Schema):
    id: int
    version: int
    share_url: str = Field(description="the link to hand the patient")
    code: str = Field(description="the code the patient can type at /p/ instead")
    title: str
    note: str
    days_per_week: int
    conditions: list[str]
    items: list[ItemOut]
    clinician: str = Field(description="the clinician's name as patients see it")
    locked: bool = Field(description="locked against weekly-review suggestions")
    updated_at: datetime


class ProgramSummary(Schema):
    id: int
    version: int
    code: str
    share_url: str
    title: str
    days_per_week: int
    patients_sharing: int
    updated_at: datetime


class WeekOut(Schema):
    week_start: date
    sessions: int
    target: int


class PainOut(Schema):
    date: date
    before: int
    after: int | None


class StopOut(Schema):
    date: date
    exercise: str | None = Field(description="the exercise's slug; null when not said")
    exercise_name: str | None


class PatientOut(OutcomesOut):
    patient: str = Field(description='"Patient 1", "Patient 2"... by the order they accepted')
    accepted_at: datetime
    sessions: int
    sessions_per_week: list[WeekOut]
    done_share: float = Field(description="the share of the sessions prescribed since they "
                                          "accepted that were done (each week counts up to "
                                          "days_per_week), 0 to 1")
    pain: list[PainOut]
    flares: list[PainOut] = Field(description="sessions after which pain was 2 or more higher")
    stopped_for_pain: list[StopOut]


class AdherenceOut(Schema):
    program: int
    days_per_week: int
    patients: list[PatientOut]



def _items_out(library: Library, version: ProgramVersion) -> list[ItemOut]:
    draft = draft_of(version)
    excluded = excluded_by(library, draft.conditions)
    out = []
    for item in draft.items:
        exercise = library.exercises.get(item.exercise)
        out.append(ItemOut(
            exercise=item.exercise, name=exercise.name if exercise else item.exercise,
            hold_seconds=item.hold_seconds, reps=item.reps, sets=item.sets,
            per_side=bool(exercise and exercise.per_side), note=item.note,
            override=item.override,
            excluded_because=excluded.get(item.exercise) if item.override else None))
    return out


def program_out(request: HttpRequest, library: Library, program: Program) -> ProgramOut:
    version = latest_version(program)
    return ProgramOut(
        id=program.pk, version=version.number, share_url=share_url(request, program),
        code=program.code, title=version.title, note=version.note,
        days_per_week=version.days_per_week, conditions=list(version.conditions),
        items=_items_out(library, version), clinician=version.clinician_name,
        locked=program.locked, updated_at=version.created_at)


def _draft(library: Library, payload: ProgramIn) -> ProgramDraft:
    return ProgramDraft(
        title=payload.title, note=payload.note, days_per_week=payload.days_per_week,
        conditions=tuple(payload.conditions),
        items=tuple(item_with_defaults(library, item.exercise, item.hold_seconds, item.reps,
                                       item.sets, item.note, item.override)
                    for item in payload.items))


def _loc(path: str) -> list[str | int]:
    """"items.2.reps" -> ["items", 2, "reps"], as pydantic names a field in a list."""
    return [int(part) if part.isdigit() else part for part in path.split(".")]


def field_problems(errors: dict[str, str]) -> ValidationError:
    """A 422 naming each field at fault (the shape of backcare.site.api_errors.problems)."""
    return ValidationError([{"loc": [*BODY, *_loc(path)], "msg": message, "type": "value_error"}
                            for path, message in errors.items()])


_PROGRAM_LINKS = {
    "GetProgram": ("backcare_programs_api_clinic_get_program", {"program_id": "$response.body#/id"}),
    "GetAdherence": ("backcare_programs_api_clinic_get_adherence",
                  {"program_id": "$response.body#/id"}),
}


@router.post("/programs", response={**WRITES, **SIGN_IN, 201: ProgramOut, **NOT_FOUND},
             openapi_extra=links(201, **_PROGRAM_LINKS), url_name="create_program",
             summary="Write a program for a patient (clinicians)")
def create(request: HttpRequest, payload: ProgramIn) -> Status[ProgramOut]:
    """201 with the program: its `share_url` and `code` to hand the patient, and each
    exercise with its dose (the exercise's own where you left one out). 422 names every
    field at fault: a dose outside the exercise's range, an exercise we do not have, or one
    the patient's conditions leave out without `override`. 401 when nobody is signed in;
    404 for an account that is not a clinician's."""
    clinician = api_clinician(request)
    library = get_library()
    try:
        program = create_program(library, clinician, _draft(library, payload))
    except ProgramRefused as refused:
        raise field_problems(refused.errors) from None
    return Status(201, program_out(request, library, program))


@router.get("/programs", response={200: list[ProgramSummary], **SIGN_IN, **NOT_FOUND, **READS},
            summary="Your clinic's programs, newest first (clinicians)")
def list_programs(
    request: HttpRequest, response: HttpResponse,
    limit: int = Query(100, ge=1, le=LIST_MAX_LIMIT),  # type: ignore[type-arg]
    offset: int = Query(0, ge=0, le=1_000_000),  # type: ignore[type-arg]
) -> list[ProgramSummary]:
    """Every program of your clinic, newest first, `limit` after skipping `offset`;
    `X-Total-Count` says how many there are."""
    clinician = api_clinician(request)
    programs = (Program.objects.filter(clinic_id=clinician.clinic_id)
                .annotate(sharing=Count("patients", filter=Q(patients__sharing=True)))
                .order_by("-created_at", "-id"))
    response["X-Total-Count"] = str(programs.count())
    page = list(programs[offset:offset + limit])
    versions = latest_versions(page)
    out = []
    for program in page:
        version = versions[program.pk]
        out.append(ProgramSummary(
            id=program.pk, version=version.number, code=program.code,
            share_url=share_url(request, program), title=version.title,
            days_per_week=version.days_per_week,
            patients_sharing=program.sharing,
            updated_at=version.created_at))
    return out


@router.get("/programs/{program_id}", response={200: ProgramOut, **SIGN_IN, **NOT_FOUND, **READS},
            summary="One of your clinic's programs, as patients see it now (clinicians)")
def get_program(request: HttpRequest, program_id: int) -> ProgramOut:
    """The latest version. 404 for a program of another clinic, as for one that does not
    exist."""
    return program_out(request, get_library(), api_program(request, program_id))


@router.put("/programs/{program_id}",
            response={**WRITES, **SIGN_IN, 200: ProgramOut, **NOT_FOUND},
            summary="Save a new version of a program (clinicians)")
def put_program(request: HttpRequest, program_id: int, payload: ProgramIn) -> ProgramOut:
    """The same body as POST /api/programs. Its `version` goes up by one; the code and the
    share link stay the same, and patients see the new version from now on."""
    program = api_program(request, program_id)
    clinician = api_clinician(request)
    library = get_library()
    try:
        update_program(library, program, clinician, _draft(library, payload))
    except ProgramRefused as refused:
        raise field_problems(refused.errors) from None
    return program_out(request, library, program)


def _patient_out(library: Library, row: PatientRow,
                 outcomes: PatientOutcomes | None) -> PatientOut:
    found = row.adherence

    def name(slug: str) -> str | None:
        exercise = library.exercises.get(slug) if slug else None
        return exercise.name if exercise else (slug or None)

    return PatientOut(
        patient=row.label, accepted_at=row.accepted_at, sessions=found.sessions,
        sessions_per_week=[WeekOut(week_start=w.week_start, sessions=w.sessions, target=w.target)
                           for w in found.sessions_per_week],
        done_share=found.done_share,
        pain=[PainOut(date=p.date, before=p.before, after=p.after) for p in found.pain],
        flares=[PainOut(date=p.date, before=p.before, after=p.after) for p in found.flares],
        stopped_for_pain=[StopOut(date=s.date, exercise=s.exercise or None,
                                  exercise_name=name(s.exercise))
                          for s in found.stopped_for_pain],
        **outcomes_out(outcomes))


@router.get("/programs/{program_id}/adherence",
            response={200: AdherenceOut, **SIGN_IN, **NOT_FOUND, **READS}, by_alias=True,
            summary="How patients are getting on with a program (clinicians)")
def get_adherence(request: HttpRequest, program_id: int) -> AdherenceOut:
    """Only patients who share their sessions, and only sessions of this program since they
    accepted it. Each patient is a label ("Patient 1"...), never a name: sessions per week
    against the days prescribed, the share done to the end, pain before and after each
    session, flares (pain 2 or more points higher afterwards) and every stop because it
    hurt with the exercise named. With each: the latest STarT Back `stratum` since they
    accepted, `nprs_change` and `psfs_change` (first → latest, `meaningful` when it reaches
    the measure's minimal clinically important difference) and every change they accepted
    from the weekly review."""
    program = api_program(request, program_id)
    library = get_library()
    version = latest_version(program)
    rows = program_patients(program, version.days_per_week, timezone.now())
    outcomes = program_outcomes(library, [row.patient_program for row in rows])
    return AdherenceOut(program=program.pk, days_per_week=version.days_per_week,
                        patients=[_patient_out(library, row,
                                               outcomes.get(row.patient_program.pk))
                                  for row in rows])


_CSV_RESPONSE = {"responses": {200: {
    "description": "one row per session: patient, date, pain before, pain after, flare, "
                   "stopped for pain, exercise; a header row first",
    "content": {"text/csv": {"schema": {"type": "string"}}},
}}}


@router.get("/programs/{program_id}/adherence.csv",
            response={**SIGN_IN, **NOT_FOUND, **READS}, openapi_extra=_CSV_RESPONSE,
            summary="A program's shared sessions as CSV (clinicians)")
def get_adherence_csv(request: HttpRequest, program_id: int) -> HttpResponse:
    """The sessions behind GET /api/programs/<id>/adherence, one row each."""
    program = api_program(request, program_id)
    return adherence_csv(get_library(), program)


class LockIn(Schema):
    locked: StrictBool = Field(description="true: weekly reviews suggest no change to this "
                                           "program (a patient whose pain gets meaningfully "
                                           "worse is still told to talk to you)")


@router.post("/programs/{program_id}/lock",
             response={200: ProgramOut, **WRITES, **SIGN_IN, **NOT_FOUND},
             summary="Lock a program against weekly-review suggestions (clinicians)")
def lock_program(request: HttpRequest, program_id: int, payload: LockIn) -> ProgramOut:
    """The program with its `locked` as sent. A locked program is never changed by a
    patient's weekly review; unlocking lets suggestions be made again."""
    program = api_program(request, program_id)
    set_locked(program, payload.locked)
    return program_out(request, get_library(), program)


_FHIR_RESPONSE = {"responses": {200: {
    "description": "a FHIR R4 collection Bundle: the patient (a pseudonymous id only), the "
                   "program as a CarePlan, each session's pain as an Observation (LOINC "
                   "72514-3) and each measure as a QuestionnaireResponse",
    "content": {FHIR_JSON: {"schema": {"type": "object"}}},
}}}


@router.get("/programs/{program_id}/patients/{number}/fhir",
            response={**SIGN_IN, **NOT_FOUND, **READS}, openapi_extra=_FHIR_RESPONSE,
            summary="One sharing patient's record as FHIR R4 (clinicians)")
def get_patient_fhir(request: HttpRequest, program_id: int, number: int) -> HttpResponse:
    """`number` is the patient's label on the adherence ("Patient 2" → 2). Only a patient
    who shares; 404 for any other number."""
    program = api_program(request, program_id)
    patient = numbered_patient(program, number)
    if patient is None:
        raise HttpError(404, gettext("No patient shares this program under that number."))
    return fhir_response(request, program, number, patient)
