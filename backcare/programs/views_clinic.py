"""The clinician's pages: /clinic/ (the clinic's programs) and /clinic/programs/<id>/ (one
program: its link, code and QR code, its versions, and how each sharing patient is getting
on), with the program's sessions as CSV and its QR code as an SVG file.

Every page passes the one access check (:mod:`backcare.programs.access`): nobody signed in
is sent to sign in; anyone but a clinician of the program's clinic gets a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from backcare.catalogue.library import get_library
from backcare.catalogue.paging import NoSuchPage, no_such_page, pager
from backcare.content import Library
from backcare.content.wording import dose_text
from backcare.practice.history_chart import ChartPoint, pain_chart
from backcare.prescribing import format_code
from backcare.programs.access import clinic_page, clinician_or_404, program_for
from backcare.programs.adherence_rows import PatientRow, adherence_csv, exercise_name, program_patients
from backcare.programs.models import Program, ProgramVersion
from backcare.programs.outcome_rows import PatientOutcomes, program_outcomes
from backcare.programs.patient_access import draft_of, share_url
from backcare.programs.qr import qr_svg
from backcare.programs.saving import latest_version, latest_versions
from backcare.programs.views_clinic_charts import weeks_chart

#: Programs listed on one page of the dashboard.
PROGRAMS_PER_PAGE = 30


@dataclass(frozen=True)
class ProgramLine:
    """One program as the dashboard lists it."""

    program: Program
    version: ProgramVersion
    patients: int
    sessions_this_week: int
    prescribed_this_week: int
    flares: int


def _line(program: Program, version: ProgramVersion, now: datetime) -> ProgramLine:
    rows = program_patients(program, version.days_per_week, now)
    this_week = sum(row.adherence.sessions_per_week[-1].sessions
                    for row in rows if row.adherence.sessions_per_week)
    return ProgramLine(program, version, len(rows), this_week,
                       version.days_per_week * len(rows),
                       sum(len(row.adherence.flares) for row in rows))


@clinic_page
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    clinician = clinician_or_404(request)
    programs = Program.objects.filter(clinic_id=clinician.clinic_id).order_by("-created_at", "-id")
    try:
        page = pager(request, programs.count(), PROGRAMS_PER_PAGE, [])
    except NoSuchPage as error:
        return no_such_page(request, error, [], nav="clinic")
    now = timezone.now()
    shown = list(programs[page.start:page.stop])
    versions = latest_versions(shown)
    return render(request, "programs/clinic/dashboard.html", {
        "nav": "clinic", "clinician": clinician,
        "lines": [_line(p, versions[p.pk], now) for p in shown], "pager": page,
    })


@dataclass(frozen=True)
class StopLine:
    day: date
    exercise: str


@dataclass(frozen=True)
class PatientView:
    """One sharing patient on the program's page."""

    row: PatientRow
    weeks_chart: SafeString
    pain_chart: SafeString
    stops: list[StopLine]
    outcomes: PatientOutcomes | None

    @property
    def done_percent(self) -> int:
        return round(self.row.adherence.done_share * 100)


def _patient_view(library: Library, row: PatientRow,
                  outcomes: PatientOutcomes | None) -> PatientView:
    points = [ChartPoint(when=s.started_at, before=s.pain_before, after=s.pain_after,
                         stopped_for_pain=s.stopped_for_pain) for s in row.sessions]
    return PatientView(
        row=row,
        weeks_chart=weeks_chart(row.adherence.sessions_per_week, f"weeks-{row.number}"),
        pain_chart=pain_chart(points, f"pain-chart-{row.number}") if points else mark_safe(""),
        stops=[StopLine(stop.date, exercise_name(library, stop.exercise))
               for stop in row.adherence.stopped_for_pain],
        outcomes=outcomes)


@clinic_page
@require_safe
def program_page(request: HttpRequest, program_id: int) -> HttpResponse:
    program = program_for(request, program_id)
    library = get_library()
    version = latest_version(program)
    rows = program_patients(program, version.days_per_week, timezone.now())
    link = share_url(request, program)
    saved = request.GET.get("saved", "")
    outcomes = program_outcomes(library, [row.patient_program for row in rows])
    return render(request, "programs/clinic/program.html", {
        "nav": "clinic", "program": program, "version": version,
        "versions": program.versions.order_by("-number"),
        "share_url": link, "code": format_code(program.code),
        "code_page": request.build_absolute_uri("/p/"),
        # segno escapes what it writes; the URL is ours (an address and a random key).
        "qr": mark_safe(qr_svg(link)),  # noqa: S308
        "items": _named_items(library, version),
        "patients": [_patient_view(library, row, outcomes.get(row.patient_program.pk))
                     for row in rows],
        "saved": saved if saved.isdigit() else "",
        "locked_said": request.GET.get("locked", "") in ("0", "1"),
    })


@dataclass(frozen=True)
class ItemLine:
    name: str
    dose: str
    note: str
    override: bool


def _named_items(library: Library, version: ProgramVersion) -> list[ItemLine]:
    """The version's exercises with their doses in words ("Hold 30 s, 3 times, each side")."""
    draft = draft_of(version)
    found = []
    for item in draft.items:
        exercise = library.exercises.get(item.exercise)
        if exercise is None:  # taken out of the library since: named by its slug
            found.append(ItemLine(item.exercise, "", item.note, item.override))
            continue
        dose = exercise.dose.model_copy(update={
            "hold_seconds": item.hold_seconds, "reps": item.reps, "sets": item.sets})
        found.append(ItemLine(exercise.name, dose_text(dose, exercise), item.note, item.override))
    return found


@clinic_page
@require_safe
def program_csv(request: HttpRequest, program_id: int) -> HttpResponse:
    return adherence_csv(get_library(), program_for(request, program_id))


@clinic_page
@require_safe
def program_qr(request: HttpRequest, program_id: int) -> HttpResponse:
    program = program_for(request, program_id)
    svg = qr_svg(share_url(request, program))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="program-{program.code}.svg"'
    return response
