"""The follow-along player page: /routines/<slug>/play/ and the same with plan parameters.

The page carries the timeline with its play script (``phases`` and ``total_seconds``, the
same JSON as ``GET /api/timeline``; backcare.playscript makes it) plus a little about each
exercise, and the player's words (backcare.vocabulary.player_words), all in the page's
language. practice/player.js keeps time and draws the script in the browser: its phases,
voice, tones and a screen flash, and the session log. The red-flag screen must have been
completed on this device first.

The page holds nothing of the person's: the session log reads the CSRF token from its
cookie when it saves. So the safe default's page, for a device with nothing marked as
hurting, is rendered once per URL and language and then served from memory
(``response_cache.rendered_once``); a plan's page, or a device's with hurt marks, is
rendered for it.

With no plan parameters the routine is played as the safe default: less the exercises
meant only for a known condition, which the page lists with a link to "Fit this to me"
to include them. With plan parameters (``?floor=0&conditions=disc&minutes=3&skip=...``)
it is played as ``make_plan`` adapts it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse

from backcare.catalogue.library import get_library
from backcare.content import Library
from backcare.content.schema import Routine
from backcare.export.timeline_shapes import TimelineOut
from backcare.planning.gate import needs_screen, routine_or_404
from backcare.planning.shapes import plan_out, safe_default_out
from backcare.plans import (
    FIELD_LABELS,
    InputError,
    PlanError,
    asks_for_plan,
    make_plan,
    profile_from_params,
    profile_params,
)
from backcare.practice.device import device_id, ensure_device
from backcare.practice.painful_marks import hurt_days
from backcare.site.response_cache import rendered_once
from backcare.vocabulary.player_words import player_words


def _exercise_info(library: Library, slugs: list[str]) -> dict[str, dict[str, Any]]:
    info: dict[str, dict[str, Any]] = {}
    for slug in slugs:
        if slug in info:
            continue
        exercise = library.exercises[slug]
        info[slug] = {
            "name": exercise.name,
            "cue": exercise.cues[0],
            "position": exercise.position_label,
            "summary": exercise.summary,
            "precautions": list(exercise.precautions),  # shown on each get-ready screen
            "demo": reverse("exercise_demo", args=[slug]),
        }
    return info


def _timeline_for(request: HttpRequest, library: Library, routine: Routine,
                  hurt: dict[str, date]) -> TimelineOut:
    """The routine's safe default timeline, or the person's plan's when plan parameters
    are given.

    Raises InputError (bad parameters) or PlanError (no plan can be made).
    """
    if not asks_for_plan(request.GET.getlist):
        return safe_default_out(library, routine.slug, hurt)
    profile = profile_from_params(profile_params(request.GET.getlist))
    return plan_out(make_plan(library, routine.slug, profile, hurt))


def play_routine(request: HttpRequest, slug: str) -> HttpResponse:
    library = get_library()
    routine = routine_or_404(slug)
    redirect = needs_screen(request)
    if redirect is not None:
        return redirect

    hurt = hurt_days(device_id(request))  # what hurt on this device stays out
    if not hurt and not asks_for_plan(request.GET.getlist):
        # The safe default, untouched by anything of this person's: the same page for every
        # one who passed the screen, rendered once (the CSRF token is read from its cookie
        # when a session is saved, so the HTML holds nothing of theirs).
        response = rendered_once(request, lambda: _page(request, library, routine, hurt))
    else:
        response = _page(request, library, routine, hurt)
    if settings.CSRF_COOKIE_NAME not in request.COOKIES:
        get_token(request)  # the CSRF cookie the player's save reads (set once, not each time)
    ensure_device(request, response)  # the session log's device cookie
    return response


def _page(request: HttpRequest, library: Library, routine: Routine,
          hurt: dict[str, date]) -> HttpResponse:
    """The player page for this request's plan (or the safe default), or why there is none."""
    slug = routine.slug
    base = {"routine": routine, "fit_url": _fit_url(slug)}
    try:
        timeline = _timeline_for(request, library, routine, hurt)
    except InputError as error:
        problems = [{"field": field, "label": FIELD_LABELS.get(field, field), "message": message}
                    for field, message in error.errors.items()]
        return render(request, "practice/player_bad_request.html",
                      {**base, "problems": problems}, status=400)
    except PlanError as error:
        return render(request, "practice/player_no_plan.html",
                      {**base, "message": error.message}, status=422)

    data: dict[str, Any] = timeline.model_dump()
    data["exercises"] = _exercise_info(library, [s.exercise for s in timeline.steps])
    data["sessions_url"] = "/api/sessions"
    data["routine_url"] = reverse("routine", args=[slug])
    exercise_count = len({s.exercise for s in timeline.steps})
    return render(request, "practice/player.html", {
        **base,
        "data": data,
        "timeline": timeline,
        "exercise_count": exercise_count,
        "words": player_words(exercise_count),
        "left_out": [{"name": library.exercises[item.exercise].name, "why": item.why}
                     for item in timeline.left_out],
        "scale": range(0, 11),
    })


def _fit_url(slug: str) -> str:
    return reverse("planning:fit", args=[slug])
