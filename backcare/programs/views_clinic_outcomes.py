"""The clinician's outcome controls on a program: lock it against weekly-review suggestions
(POST /clinic/programs/<id>/lock/) and download one sharing patient's record as a FHIR R4
Bundle (/clinic/programs/<id>/patients/<n>/fhir.json, "Patient n" as the program's page
numbers them).

The same access check as every clinic page (:func:`backcare.programs.access.program_for`):
nobody signed in is sent to sign in; anyone but a clinician of the program's clinic gets a
404, as does a patient number nobody shares under.
"""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from backcare.programs.access import clinic_page, program_for
from backcare.programs.adherence_rows import numbered_patient
from backcare.programs.models import PatientProgram, Program
from backcare.progress.fhir_data import bundle_for_patient_program

FHIR_JSON = "application/fhir+json"


def set_locked(program: Program, locked: bool) -> None:
    """Lock the program against weekly-review suggestions, or let them be made again."""
    if program.locked != locked:
        program.locked = locked
        program.save(update_fields=["locked"])


def base_url(request: HttpRequest) -> str:
    """This site's address without a trailing slash (the FHIR resources' base)."""
    return request.build_absolute_uri("/").rstrip("/")


def fhir_response(request: HttpRequest, program: Program, number: int,
                  patient: PatientProgram) -> HttpResponse:
    """The patient-program's FHIR Bundle as a download."""
    bundle = bundle_for_patient_program(patient, base_url(request))
    response = HttpResponse(json.dumps(bundle, ensure_ascii=False, indent=1),
                            content_type=f"{FHIR_JSON}; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="program-{program.code}-patient-{number}.fhir.json"')
    return response


@clinic_page
@require_POST
def lock_program(request: HttpRequest, program_id: int) -> HttpResponse:
    """``locked=1`` locks the program, ``locked=0`` unlocks it; back to the program page."""
    program = program_for(request, program_id)
    set_locked(program, request.POST.get("locked", "") == "1")
    page = reverse("clinic:program", args=[program.pk])
    return HttpResponseRedirect(f"{page}?locked={int(program.locked)}#suggestions")


@clinic_page
@require_safe
def patient_fhir(request: HttpRequest, program_id: int, number: int) -> HttpResponse:
    program = program_for(request, program_id)
    patient = numbered_patient(program, number)
    if patient is None:
        raise Http404("no patient shares this program under that number")
    return fhir_response(request, program, number, patient)
