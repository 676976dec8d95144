"""``/routines/<slug>/worksheet.pdf``: a routine's worksheet, or a plan's.

``?paper=a4|letter`` (default a4). With any plan parameter (``floor``, ``conditions``,
``bending_worsens_leg_pain``, ``minutes``, ``pain``, ``skip``; the older ``diagnosis``
too) the worksheet is the person's plan, which needs a current
red-flag screen, exactly like the plan page: without one, the person is sent to the
screen and comes back here after. A bad parameter is a 400 naming the field. With none,
the worksheet is the safe default's (:mod:`backcare.worksheets.default_sheet`) — after
the same screen too, as the follow-along. Exercises that hurt on this device are left out,
and the changes accepted in its weekly review (for this routine) are made: then the sheet is
always the plan's, kept under a key naming those changes.

The worksheet is in the page's language (Django's active language, which is
:func:`backcare.vocabulary.current`): ``/es/routines/<slug>/worksheet.pdf`` is in Spanish.

The first worksheet request of a process starts prebuilding every routine's worksheet in
the background (:mod:`backcare.printouts.prebuilding`), so the ones after it are cache hits.
"""

from __future__ import annotations

from csp.decorators import csp_exempt
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotModified,
)
from django.views.decorators.http import require_safe

from backcare.catalogue.library import get_library
from backcare.planning.gate import needs_screen
from backcare.plans import (
    InputError,
    PlanError,
    asks_for_plan,
    make_plan,
    profile_from_params,
    profile_params,
    safe_default_plan,
)
from backcare.practice.owner import owner_of
from backcare.practice.painful_marks import hurt_days
from backcare.printouts import prebuilding
from backcare.progress.accepted import adjustments_for_routine
from backcare.vocabulary import current, gettext
from backcare.worksheets import Worksheet, check_paper, plan_worksheet
from backcare.worksheets.default_sheet import default_worksheet


def _bad_request(problem: str) -> HttpResponseBadRequest:
    """400 with the problem as "field: what is wrong" in plain text."""
    return HttpResponseBadRequest(
        gettext("This worksheet cannot be made. {problem}").format(problem=problem) + "\n",
        content_type="text/plain; charset=utf-8",
    )


def _pdf_response(request: HttpRequest, worksheet: Worksheet, personal: bool) -> HttpResponse:
    etag = f'"{worksheet.key}"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(worksheet.pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{worksheet.filename}"'
        response["Content-Length"] = str(len(worksheet.pdf))
    response["ETag"] = etag
    if personal:
        # a plan shows someone's answers: never kept by a shared cache
        response["Cache-Control"] = "private, no-cache"
        response["Vary"] = "Cookie"
    else:
        response["Cache-Control"] = "public, max-age=3600"
    return response


# No Content-Security-Policy on these responses: they are a PDF (no scripts, ours), plain
# text or a redirect, and Chrome's built-in PDF viewer is known to show a blank or cut-off
# page under a strict policy such as the site's default-src 'none'.
@csp_exempt()  # type: ignore[arg-type]  # django-csp types views as taking only the request
@require_safe
def routine_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    library = get_library()
    if slug not in library.routines:
        raise Http404(f"no routine {slug!r}")
    prebuilding.start_once(library)
    try:
        paper = check_paper(request.GET.get("paper", "a4"))
    except ValueError as exc:
        return _bad_request(f"paper: {exc}")

    # A worksheet is a routine to follow at home: the same safety screen as the players.
    redirect = needs_screen(request)
    if redirect is not None:
        return redirect
    owner = owner_of(request)
    hurt = hurt_days(owner)
    adjustments = adjustments_for_routine(owner, slug)  # accepted in a weekly review
    language = current()
    if not asks_for_plan(request.GET.getlist):
        try:  # nothing known: the safe default, as the follow-along plays it
            if adjustments:  # with the changes accepted: always the plan's own sheet
                sheet = plan_worksheet(library, safe_default_plan(library, slug, hurt,
                                                                  adjustments),
                                       paper, language=language)
            else:
                sheet = default_worksheet(library, slug, paper, hurt=hurt, language=language)
        except PlanError as exc:
            return _bad_request(f"plan: {exc.message}")
        return _pdf_response(request, sheet, personal=True)
    try:
        plan = make_plan(library, slug, profile_from_params(profile_params(request.GET.getlist)),
                         hurt, adjustments)
    except InputError as exc:
        return _bad_request(str(exc))  # "field: message; field: message"
    except PlanError as exc:
        field = "minutes" if exc.minimum_seconds is not None else "plan"
        return _bad_request(f"{field}: {exc.message}")
    # The worksheets' key names the plan's answers, what hurt and the accepted changes: a
    # changed plan's sheet is kept under its own key (its ETag), never handed to another.
    return _pdf_response(request, plan_worksheet(library, plan, paper, language=language),
                         personal=True)
