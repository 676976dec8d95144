"""The patient's side of a clinician's program: /p/ (type a code), /p/<share_key>/ (the
program) and POST /p/<share_key>/sharing/ (stop or resume sharing).

No account is needed. The program page comes after the red-flag screen (every question:
a program is not one of the routines, so the gate asks them all, the safe side). The
first visit after the screen makes the program this owner's — the signed-in person's,
else this device's (:func:`backcare.programs.patient_access.accept`) — and the page says
so, and says plainly that the sessions of it are shared with the clinic until the person
stops sharing them, with the button to do that.

Codes are looked up at most :data:`SHARE_CODE_LOOKUP` times a minute from one place
(429 beyond); a code that names no program says only that, never how close it came.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backcare.catalogue.library import get_library
from backcare.content import Library
from backcare.outcomes.adjusting import adjusted_draft
from backcare.planning.gate import needs_screen
from backcare.plans import PlanError
from backcare.plans.plan import LeftOut
from backcare.plans.plan import left_out as left_out_of
from backcare.practice.device import ensure_device
from backcare.practice.owner import owner_of
from backcare.practice.painful_marks import hurt_days
from backcare.prescribing import chosen_text, format_code, program_play
from backcare.programs.models import PatientProgram, Program
from backcare.programs.patient_access import (
    accept,
    draft_of,
    find_by_code,
    latest_version,
    patient_program_for,
    program_by_key,
    set_sharing,
)
from backcare.programs.views_shared_items import shown_items
from backcare.progress.accepted import adjustments_for_program
from backcare.progress.program_start import start_questions_due
from backcare.site.personal import personal
from backcare.site.rate_limits import SHARE_CODE_LOOKUP, over_limit
from backcare.vocabulary import gettext

#: ?sharing=... after the sharing button: what the page says.
SHARING_SAID = {"stopped", "resumed"}


@never_cache
@personal
@require_http_methods(["GET", "HEAD", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    """GET: the form to type a code. POST: look it up (rate limited) and go to the program."""
    if request.method != "POST":
        return render(request, "programs/shared/enter.html", {"typed": "", "problem": ""})
    typed = str(request.POST.get("code", ""))[:64]
    wait = over_limit(request, SHARE_CODE_LOOKUP)
    if wait is not None:
        response = render(request, "programs/shared/too_many.html", {"seconds": wait}, status=429)
        response["Retry-After"] = str(wait)
        return response
    program = find_by_code(typed)
    if program is None or not program.versions.exists():
        problem = gettext("No program has this code. Check it against the one your therapist "
                          "gave you and try again.")
        return render(request, "programs/shared/enter.html",
                      {"typed": typed, "problem": problem}, status=400)
    return HttpResponseRedirect(reverse("shared:program", args=[program.share_key]))


def _left_out(library: Library, left_out: tuple[LeftOut, ...]) -> list[dict[str, Any]]:
    """Each exercise left out, by name, with why (and whether it is "it hurt last time",
    which the person can undo)."""
    return [{"name": library.exercises[o.exercise].name if o.exercise in library.exercises
             else o.exercise, "why": o.why, "exercise": o.exercise,
             "hurt": o.reason == "hurt-last-time"} for o in left_out]


def program_context(request: HttpRequest, program: Program,
                    mine: PatientProgram | None) -> dict[str, Any]:
    """What the program's page shows, as this owner plays it today: with the changes they
    accepted in their weekly review (``mine``: their patient-program), less what hurt."""
    library = get_library()
    version = latest_version(program)
    owner = owner_of(request)
    adjustments = adjustments_for_program(owner, mine) if mine is not None else ()
    # The program as adjusted (what its exercises and doses are shown as); program_play
    # then leaves out what hurt or what the conditions exclude from that.
    draft = adjusted_draft(library, draft_of(version), adjustments)
    hurt = hurt_days(owner)
    cautions: dict[str, str] = {}
    advice: tuple[str, ...] = ()
    try:
        play = program_play(library, draft, hurt)
        left_out, cannot_play = play.left_out, ""
        cautions = {change.exercise: change.reason for change in play.cautions}
        advice = play.advice
    except PlanError as error:
        # nothing left to play: what emptied it is in the error's changes
        left_out, cannot_play = left_out_of(error.changes), error.message
    out = {o.exercise for o in left_out}
    return {
        "program": program,
        "version": version,
        "code": format_code(program.code),
        "items": [{"row": row, "caution": cautions.get(row.exercise.slug, "")}
                  for row in shown_items(library, draft) if row.exercise.slug not in out],
        "advice": advice,
        "left_out": _left_out(library, left_out),
        "cannot_play": cannot_play,
        "chosen_text": chosen_text(),
        "clinic": program.clinic.name,
    }


@never_cache
@personal
@require_safe
def program_page(request: HttpRequest, share_key: str) -> HttpResponse:
    program = program_by_key(share_key)  # an unknown link is a 404, screen or not
    latest_version(program)
    redirect = needs_screen(request)
    if redirect is not None:
        return redirect
    holder = HttpResponse()
    mine, made_now = accept(request, holder, program)
    said = request.GET.get("sharing", "")
    response = render(request, "programs/shared/program.html", {
        **program_context(request, program, mine),
        "mine": mine,
        "made_now": made_now,
        "signed_in": owner_of(request).signed_in,
        "sharing_said": said if said in SHARING_SAID else "",
        "start_questions_due": start_questions_due(owner_of(request), mine),
    })
    ensure_device(request, response)  # the device cookie accept() may have made
    return response


@never_cache
@personal
@require_POST
def sharing(request: HttpRequest, share_key: str) -> HttpResponse:
    """Stop sharing this program's sessions with the clinic (``sharing=off``), or share
    them again (``sharing=on``); back to the program's page, which says what changed."""
    program = program_by_key(share_key)
    page = reverse("shared:program", args=[program.share_key])
    mine: PatientProgram | None = patient_program_for(request, program)
    if mine is None:  # not this owner's program yet: its page makes it so (after the screen)
        return HttpResponseRedirect(page)
    wanted = request.POST.get("sharing")
    if wanted not in ("on", "off"):
        return HttpResponseRedirect(page)
    set_sharing(mine, wanted == "on")
    return HttpResponseRedirect(f"{page}?sharing={'resumed' if wanted == 'on' else 'stopped'}")
