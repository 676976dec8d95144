"""``/p/<share_key>/worksheet.pdf``: a clinician's program as a printable worksheet.

After the same red-flag screen as the program's page and player; the program as this
owner plays it (what hurt left out), in the page's language, on ``?paper=a4|letter``. The
sheet carries the QR code of the program's link (the matrix segno makes, drawn by
:mod:`backcare.worksheets.program_pdf`) and its code. It names the person's program and
what hurt them, so it is never kept by a shared cache.
"""

from __future__ import annotations

from csp.decorators import csp_exempt
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.views.decorators.http import require_safe

from backcare.catalogue.library import get_library
from backcare.content import Library
from backcare.outcomes.adjusting import adjusted_draft
from backcare.planning.gate import needs_screen
from backcare.plans import PlanError
from backcare.practice.owner import owner_of
from backcare.practice.painful_marks import hurt_days
from backcare.prescribing import format_code
from backcare.printouts.views import _bad_request, _pdf_response
from backcare.programs.patient_access import (
    draft_of,
    latest_version,
    patient_program_for,
    program_by_key,
    share_url,
)
from backcare.programs.qr import qr_matrix
from backcare.progress.accepted import adjustments_for_program
from backcare.vocabulary import current
from backcare.worksheets import check_paper
from backcare.worksheets.program_pdf import program_worksheet
from backcare.worksheets.program_sheet import ProgramSheet, program_sheet


@csp_exempt()  # type: ignore[arg-type]  # as the routines' worksheets (printouts/views.py)
@require_safe
def program_pdf(request: HttpRequest, share_key: str) -> HttpResponse:
    program = program_by_key(share_key)
    version = latest_version(program)
    try:
        paper = check_paper(request.GET.get("paper", "a4"))
    except ValueError as exc:
        return _bad_request(f"paper: {exc}")
    redirect = needs_screen(request)
    if redirect is not None:
        return redirect
    owner = owner_of(request)
    mine = patient_program_for(request, program)
    # With the changes they accepted in their weekly review (the sheet's hash, and so its
    # cache key, follows every word and dose on it); what hurt is left out of that.
    draft = draft_of(version)
    if mine is not None:
        draft = adjusted_draft(get_library(), draft, adjustments_for_program(owner, mine))
    hurt = hurt_days(owner)
    url = share_url(request, program)
    updated = formats.date_format(timezone.localtime(version.created_at), "j F Y")

    def make(library: Library) -> ProgramSheet:
        return program_sheet(library, draft, clinician=version.clinician_name,
                             clinic=program.clinic.name, updated=updated,
                             code=format_code(program.code), url=url, qr=qr_matrix(url),
                             code_page=request.build_absolute_uri(reverse("shared:enter")),
                             hurt=hurt)

    try:
        sheet = program_worksheet(get_library(), make, paper, language=current(),
                                  filename=f"program-{program.code.lower()}-worksheet")
    except PlanError as exc:
        return _bad_request(f"plan: {exc.message}")
    return _pdf_response(request, sheet, personal=True)
