"""/progress/: is this helping? Each measure over time, sessions against the weekly goal,
this week's review and the reminders (:mod:`backcare.progress.progress_page` draws it).

``POST /progress/goal/`` sets the weekly goal (1 to 7 sessions) and comes back here; a bad
value answers 400 with the page and the problem beside the goal. Every answer here is
this person's own: ``private, no-store``, and counts days and weeks in their time zone
(:func:`backcare.progress.zones.in_person_zone`).
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from backcare.plans.errors import InputError
from backcare.progress import records
from backcare.progress.progress_page import render_progress
from backcare.progress.writing import writing_owner
from backcare.progress.zones import in_person_zone
from backcare.site.personal import personal
from backcare.vocabulary import gettext, ngettext

WHOLE_NUMBER = re.compile(r"[0-9]{1,2}")


@never_cache
@personal
@require_safe
@in_person_zone
def progress(request: HttpRequest) -> HttpResponse:
    return render_progress(request)


@never_cache
@personal
@require_POST
@in_person_zone
def set_goal(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("sessions_per_week", "").strip()
    problem = gettext("Choose how many sessions a week: a whole number from 1 to 7.")
    if not WHOLE_NUMBER.fullmatch(raw):
        return render_progress(request, errors={"goal": problem}, values={"goal": raw},
                               status=400)
    response = HttpResponseRedirect(reverse("progress:progress") + "#weeks-heading")
    try:
        records.set_goal(writing_owner(request, response), int(raw))
    except InputError as error:
        message = next(iter(error.errors.values()), problem)
        return render_progress(request, errors={"goal": message}, values={"goal": raw},
                               status=400)
    count = int(raw)
    messages.success(request, ngettext("Your goal is saved: {count} session a week.",
                                       "Your goal is saved: {count} sessions a week.",
                                       count).format(count=count))
    return response
