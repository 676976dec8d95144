"""The plan page: /routines/<slug>/plan/?floor=0&conditions=disc&minutes=3&pain=4&skip=a,b

The profile lives in the URL, so a plan can be bookmarked or shared with no account. It is
shown only after a current safety screen; bad answers re-show the form (400), and a plan
that cannot be made explains why (422) with a way back.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from backcare.catalogue.library import get_library
from backcare.content import Library
from backcare.planning.gate import needs_screen, routine_or_404
from backcare.planning.shapes import plan_query
from backcare.planning.views_fit import render_form
from backcare.plans import (
    FIELD_LABELS,
    MAX_MINUTES,
    Change,
    InputError,
    Plan,
    PlanError,
    Profile,
    make_plan,
    profile_from_params,
    profile_params,
    profile_to_params,
)
from backcare.plans.condition_rules import conditions_text
from backcare.plans.plan import CHANGE_GROUPS
from backcare.practice.owner import owner_of
from backcare.practice.painful_marks import hurt_days
from backcare.progress.accepted import adjustments_for_routine
from backcare.vocabulary import gettext

#: Left out for what the person has not told us: the row links to the answers to change.
TELL_US = frozenset({"needs-known-condition"})


def _name(library: Library, slug: str | None) -> str:
    exercise = library.exercises.get(slug or "")
    return exercise.name if exercise else (slug or "")


def change_groups(library: Library, changes: tuple[Change, ...],
                  change_url: str = "") -> list[dict[str, object]]:
    """The changes grouped for the page; a row left out for a condition the person has not
    told us about links to ``change_url`` (the form) so they can include it."""
    groups: list[dict[str, object]] = []
    for heading, kinds in CHANGE_GROUPS:
        rows = [{"kind": c.kind, "exercise": _name(library, c.exercise),
                 "replacement": _name(library, c.replacement) if c.replacement else "",
                 "reason": c.reason,
                 "tell_us_url": change_url if c.kind in TELL_US else "",
                 "include_slug": c.exercise if c.kind == "hurt-last-time" else ""}
                for c in changes if c.kind in kinds]
        if rows:
            groups.append({"heading": gettext(heading), "changes": rows})
    return groups


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def worksheet_url(slug: str, query: str) -> str:
    """The printable worksheet of this plan."""
    return _with_query(reverse("worksheets:routine_pdf", args=[slug]), query)


def _plan_page(request: HttpRequest, library: Library, plan: Plan) -> HttpResponse:
    slug, query = plan.routine_slug, plan_query(plan.profile)
    change_url = _with_query(reverse("planning:fit", args=[slug]), query)
    told = conditions_text(library.rules, plan.profile)
    return render(request, "planning/plan.html", {
        "plan": plan,
        "routine": library.routines[slug],
        "profile": plan.profile,
        "conditions": told[:1].upper() + told[1:],
        "labels": FIELD_LABELS,
        "groups": change_groups(library, plan.changes, change_url),
        "start_url": _with_query(reverse("practice:play_routine", args=[slug]), query),
        "change_url": change_url,
        "worksheet_url": worksheet_url(slug, query),
    })


def _plan_error(request: HttpRequest, library: Library, slug: str, profile: Profile,
                error: PlanError) -> HttpResponse:
    query = plan_query(profile)
    longer_url = None
    if error.minimum_seconds is not None:
        minutes = math.ceil(error.minimum_seconds / 60)
        if minutes <= MAX_MINUTES:
            params = {**profile_to_params(profile), "minutes": str(minutes)}
            longer_url = {"url": reverse("planning:plan", args=[slug]) + "?"
                          + urlencode(params, safe=","), "minutes": minutes}
    return render(request, "planning/plan_error.html", {
        "routine": library.routines[slug],
        "error": error,
        "groups": change_groups(library, error.changes,
                                _with_query(reverse("planning:fit", args=[slug]), query)),
        "change_url": _with_query(reverse("planning:fit", args=[slug]), query),
        "longer": longer_url,
    }, status=422)


@never_cache
@require_safe
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    routine = routine_or_404(slug)
    redirect = needs_screen(request)
    if redirect is not None:
        return redirect
    library = get_library()
    try:
        profile = profile_from_params(profile_params(request.GET.getlist))
    except InputError as exc:
        return render_form(request, routine, exc.errors, status=400)
    query = plan_query(profile)
    if request.META.get("QUERY_STRING", "") != query:  # one tidy, shareable URL per plan
        return HttpResponseRedirect(_with_query(request.path, query))
    try:
        owner = owner_of(request)  # what hurt left out; the changes they accepted made
        made = make_plan(library, slug, profile, hurt_days(owner),
                         adjustments_for_routine(owner, slug))
    except InputError as exc:
        return render_form(request, routine, exc.errors, status=400)
    except PlanError as exc:
        return _plan_error(request, library, slug, profile, exc)
    return _plan_page(request, library, made)
