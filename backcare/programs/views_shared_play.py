"""/p/<share_key>/play/ (the program in the follow-along player) and /p/<share_key>/qr.svg.

The player is the routines' own page (:func:`backcare.practice.views_player.player_page`)
with the program's timeline as this owner plays it today (what hurt left out), after the
red-flag screen. Its page data names the program's code, so a session saved from it is
a session of the program (``POST /api/sessions`` with ``program``). It is made for each
request, never kept: it is the person's own. A program not yet this owner's sends them
to its page first, which makes it theirs and says who sees the sessions.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from backcare.catalogue.library import get_library
from backcare.export.program_shapes import program_timeline_out
from backcare.outcomes.adjusting import adjusted_draft
from backcare.planning.gate import needs_screen
from backcare.plans import PlanError
from backcare.practice.device import ensure_device
from backcare.practice.owner import owner_of
from backcare.practice.painful_marks import hurt_days
from backcare.practice.views_player import PlayerFor, player_page
from backcare.programs.patient_access import (
    draft_of,
    latest_version,
    patient_program_for,
    program_by_key,
    share_url,
)
from backcare.programs.qr import qr_svg
from backcare.progress.accepted import adjustments_for_program
from backcare.site.personal import personal
from backcare.vocabulary import gettext


@never_cache
@personal
@require_safe
def play_program(request: HttpRequest, share_key: str) -> HttpResponse:
    program = program_by_key(share_key)
    version = latest_version(program)
    redirect = needs_screen(request)
    if redirect is not None:
        return redirect
    page = reverse("shared:program", args=[program.share_key])
    mine = patient_program_for(request, program)
    if mine is None:
        return HttpResponseRedirect(page)
    library = get_library()
    owner = owner_of(request)
    # With the changes they accepted in their weekly review; what hurt is left out of that.
    draft = adjusted_draft(library, draft_of(version), adjustments_for_program(owner, mine))
    try:
        timeline = program_timeline_out(library, draft, version.title, hurt_days(owner))
    except PlanError as error:
        return render(request, "programs/shared/no_play.html",
                      {"program": program, "title": version.title, "message": error.message},
                      status=422)
    response = player_page(request, library, timeline, PlayerFor(
        back_url=page, screen_routine=None, context={"program": program},
        data={"program": program.code, "program_url": page}))
    if settings.CSRF_COOKIE_NAME not in request.COOKIES:
        get_token(request)  # the CSRF cookie the player's save reads
    ensure_device(request, response)
    return response


@require_safe
def program_qr(request: HttpRequest, share_key: str) -> HttpResponse:
    """The QR code of the program's link, as SVG; the same for everyone who asks."""
    program = program_by_key(share_key)
    svg = qr_svg(share_url(request, program),
                 title=gettext("QR code that opens this program"))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Disposition"] = 'inline; filename="program-qr.svg"'
    return response
