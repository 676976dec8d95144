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

:func:`player_page` is the one page builder: a clinician's program is played on the same
page (``backcare.programs.views_shared_play``, /p/<share_key>/play/), with the program's
timeline, a link back to the program and its code in the page data, so the session log
saves ``program`` instead of ``routine``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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
from backcare.export.timeline_shapes import ChangeOut, TimelineOut
from backcare.figures.captions import figure_notes
from backcare.outcomes.adjusting import Adjustment
from backcare.planning.gate import needs_screen, routine_or_404, screen_url
from backcare.planning.screen_memory import UNTIL_COOKIE
from backcare.planning.screen_scope import areas_for_routine
from backcare.planning.shapes import plan_out
from backcare.plans import (
    FIELD_LABELS,
    SAFE_DEFAULT,
    InputError,
    PlanError,
    Profile,
    asks_for_plan,
    make_plan,
    profile_from_params,
    profile_params,
    safe_default_plan,
)
from backcare.playscript.setting_up import setting_up
from backcare.practice.device import device_id, ensure_device
from backcare.practice.owner import owner_of
from backcare.practice.painful_marks import hurt_days
from backcare.practice.unmarked import COOKIE as UNMARKED_COOKIE
from backcare.practice.unmarked import attest, withdraw
from backcare.progress.accepted import adjustments_for_routine, changed_anything
from backcare.site.response_cache import rendered_once
from backcare.vocabulary.player_words import player_words


def _exercise_info(library: Library, slugs: list[str]) -> dict[str, dict[str, Any]]:
    """What the player shows of each exercise besides the script: its cue, position,
    precautions and figure. The figure comes in three forms of one size: moving (the
    get-ready and movement reps), still in the held pose (a hold: "hold still" means the
    figure too) and still at the start (rests); ``side_shown`` is the side it is drawn
    doing, so the player mirrors it for the other side, and ``figure_notes`` are the
    figure's own captions (its view), the side being added by the player."""
    info: dict[str, dict[str, Any]] = {}
    for slug in slugs:  # each once
        exercise = library.exercises[slug]
        demo = reverse("exercise_demo", args=[slug])
        info[slug] = {
            "name": exercise.name,
            "cue": exercise.cues[0],
            "position": exercise.position_label,
            "summary": exercise.summary,
            "precautions": list(exercise.precautions),  # shown on each get-ready screen
            "demo": f"{demo}?text=0",
            "demo_held": f"{demo}?pose=held&text=0",
            "demo_start": f"{demo}?pose=start&text=0",
            "side_shown": exercise.demo.side_shown if exercise.per_side else None,
            "figure_notes": figure_notes(exercise),
        }
    return info


def _timeline_for(request: HttpRequest, library: Library, routine: Routine,
                  hurt: dict[str, date], adjustments: Sequence[Adjustment] = (),
                  ) -> tuple[TimelineOut, Profile]:
    """The routine's safe default timeline, or the person's plan's when plan parameters
    are given, with the answers it was made for; either with the changes the person
    accepted in their weekly review (``adjustments``).

    Raises InputError (bad parameters) or PlanError (no plan can be made).
    """
    if not asks_for_plan(request.GET.getlist):  # safe_default_out, with the changes
        return plan_out(safe_default_plan(library, routine.slug, hurt, adjustments),
                        personal=False), SAFE_DEFAULT
    profile = profile_from_params(profile_params(request.GET.getlist))
    return plan_out(make_plan(library, routine.slug, profile, hurt, adjustments)), profile


def play_routine(request: HttpRequest, slug: str) -> HttpResponse:
    library = get_library()
    routine = routine_or_404(slug)
    redirect = needs_screen(request)
    if redirect is not None:
        return redirect

    device = device_id(request)
    owner = owner_of(request)
    hurt = hurt_days(owner)  # what hurt on this device (or for this person) stays out
    adjustments = adjustments_for_routine(owner, slug)  # what they accepted in a review
    if (not hurt and not adjustments and not owner.signed_in
            and not asks_for_plan(request.GET.getlist)):
        # The safe default, untouched by anything of this person's: the same page for every
        # one who passed the screen, rendered once (the CSRF token is read from its cookie
        # when a session is saved, so the HTML holds nothing of theirs). Once this device
        # holds its cookies and its note that nothing hurt and nothing was changed, the
        # front door hands it this same page without Django (practice/cleared_player.py):
        # so no note for a device with a change accepted for any routine.
        response = rendered_once(request, lambda: _page(request, library, routine, hurt),
                                 shared_with_cleared=True)
        if device is not None and not changed_anything(owner):
            attest(request, response, device)
    else:
        response = _page(request, library, routine, hurt, adjustments)
    if UNMARKED_COOKIE in request.COOKIES and (adjustments or changed_anything(owner)):
        withdraw(response)  # a note given before a change was accepted (say, via the API)
    if settings.CSRF_COOKIE_NAME not in request.COOKIES:
        get_token(request)  # the CSRF cookie the player's save reads (set once, not each time)
    ensure_device(request, response)  # the session log's device cookie
    return response



def _page(request: HttpRequest, library: Library, routine: Routine,
          hurt: dict[str, date], adjustments: Sequence[Adjustment] = ()) -> HttpResponse:
    """The player page for this request's plan (or the safe default), or why there is none."""
    slug = routine.slug
    base = {"routine": routine, "fit_url": _fit_url(slug)}
    try:
        timeline, profile = _timeline_for(request, library, routine, hurt, adjustments)
    except InputError as error:
        problems = [{"field": field, "label": FIELD_LABELS.get(field, field), "message": message}
                    for field, message in error.errors.items()]
        return render(request, "practice/player_bad_request.html",
                      {**base, "problems": problems}, status=400)
    except PlanError as error:
        return render(request, "practice/player_no_plan.html",
                      {**base, "message": error.message}, status=422)
    routine_url = reverse("routine", args=[slug])
    return player_page(request, library, timeline, PlayerFor(
        back_url=routine_url, screen_routine=slug, floor=profile.floor,
        pain_before=profile.pain, context=base, data={"routine_url": routine_url}))


@dataclass(frozen=True)
class PlayerFor:
    """What one player page is for: a routine (its safe default or a plan) or a clinician's
    program (``data={"program": <code>}``, so the session log names it)."""

    back_url: str                  # the title's link and "Back to ..." after a session
    screen_routine: str | None     # whose safety questions the page checks (None: all)
    floor: bool = True             # whether the person gets down to the floor
    pain_before: int | None = None  # filled in from a plan's answers
    context: dict[str, Any] = field(default_factory=dict)  # more for the template
    data: dict[str, Any] = field(default_factory=dict)     # more for the page's script


def player_page(request: HttpRequest, library: Library, timeline: TimelineOut,
                page: PlayerFor) -> HttpResponse:
    """The one follow-along page, for any timeline: its play script, each exercise's
    figures and words, and what the page checks before a session starts."""
    data: dict[str, Any] = timeline.model_dump()
    slugs = list(dict.fromkeys(s.exercise for s in timeline.steps))
    data["exercises"] = _exercise_info(library, slugs)
    data["sessions_url"] = "/api/sessions"
    # What the page's script checks before a session starts, offline too: a pass covering
    # these question groups that has not run out (screen_memory.UNTIL_COOKIE).
    data["screen"] = {"areas": sorted(areas_for_routine(page.screen_routine)),
                      "cookie": UNTIL_COOKIE, "url": screen_url(request.get_full_path())}
    data.update(page.data)
    return render(request, "practice/player.html", {
        "routine": None,
        "program": None,
        **page.context,
        "back_url": page.back_url,
        "data": data,
        "timeline": timeline,
        "exercise_count": len(slugs),
        "words": player_words(len(slugs)),
        "setting_up": setting_up((library.exercises[s] for s in slugs), floor=page.floor),
        "pain_before": page.pain_before,
        "changes": [_named_change(library, change) for change in timeline.changes],
        "left_out": [{"name": library.exercises[item.exercise].name, "why": item.why,
                      "exercise": item.exercise, "hurt": item.reason == "hurt-last-time"}
                     for item in timeline.left_out],
        "scale": range(0, 11),
    })


def _named_change(library: Library, change: ChangeOut) -> dict[str, str]:
    """A plan change as the set-up screen lists it: the exercise it is about, by name
    (and its replacement's), and why."""
    replacement = library.exercises.get(change.replacement or "")
    return {"name": library.exercises[change.exercise].name,
            "replacement": replacement.name if replacement else "",
            "reason": change.reason}


def _fit_url(slug: str) -> str:
    return reverse("planning:fit", args=[slug])
