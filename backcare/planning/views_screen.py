"""The red-flag screen page: /screen/ (GET shows it, POST checks the answers).

The questions are the ones for the routine in ``next`` (``/routines/<slug>/...``), or
every question when ``next`` names no routine.
All "no" -> the device remembers the screen and the question groups it covered (signed
cookie) and goes on to ``next``; a device with nothing marked as hurting and no change
accepted in a weekly review also gets the note that lets the front door hand it the player
page everyone gets (``practice/unmarked.py``).
Any "yes" -> a page saying what care to get; nothing is remembered and no plan is offered.
An emergency "yes" gets that page at once, even with other questions still blank.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from backcare.catalogue.library import get_library
from backcare.planning.gate import local_path, routine_of
from backcare.planning.screen_memory import COOKIE, forget_screen, remember_screen, screen_max_age
from backcare.planning.screen_scope import questions_for_routine
from backcare.plans import QUESTIONS, SOURCES, InputError, RedFlagQuestion, run_screen, urgent_help
from backcare.practice.owner import Owner
from backcare.practice.painful_marks import hurt_last_time
from backcare.practice.unmarked import attest
from backcare.progress.accepted import changed_anything
from backcare.site.personal import personal
from backcare.vocabulary import gettext, gettext_noop

ANSWERS = {"yes": True, "no": False}
MISSING = gettext_noop("Please choose yes or no.")


def _question_rows(questions: tuple[RedFlagQuestion, ...], given: dict[str, str],
                   errors: dict[str, str]) -> list[dict[str, object]]:
    return [{"id": q.id, "text": q.text, "answer": given.get(q.id), "error": errors.get(q.id)}
            for q in questions]


def _form(request: HttpRequest, next_path: str | None, given: dict[str, str],
          errors: dict[str, str], status: int = 200) -> HttpResponse:
    routine = routine_of(next_path)
    questions = questions_for_routine(routine)
    return render(request, "planning/screen.html", {
        "questions": _question_rows(questions, given, errors),
        "error_count": len(errors),
        "next": next_path or "",
        "routine": get_library().routines[routine] if routine else None,
        "neck": any(q.area == "neck" for q in questions),
        "sources_text": "; ".join(SOURCES),  # the guidelines' own titles, as published
        "hours": screen_max_age() // 3600,
        "urgent_count": sum(1 for q in questions if q.urgent),
    }, status=status)


@never_cache
@personal
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def screen(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form(request, local_path(request.GET.get("next")), {}, {})

    next_path = local_path(request.POST.get("next"))
    questions = questions_for_routine(routine_of(next_path))
    # Every question is read, not only the routine's: a "yes" to any warning sign counts.
    given = {q.id: request.POST[q.id] for q in QUESTIONS if request.POST.get(q.id) in ANSWERS}
    try:  # an emergency "yes" is answered at once, even with other questions left blank
        result = run_screen({qid: ANSWERS[value] for qid, value in given.items()}, questions)
    except InputError as exc:
        errors = dict.fromkeys(exc.errors, gettext(MISSING))
        return _form(request, next_path, given, errors, status=400)
    if not result.plan_allowed:
        response = render(request, "planning/screen_stop.html", {
            "result": result,
            "emergency": result.level == "emergency",
            "urgent_help": urgent_help(questions),
        })
        if COOKIE in request.COOKIES:  # an earlier all-clear no longer stands
            forget_screen(response)
        return response

    response = HttpResponseRedirect(next_path or reverse("home"))
    device = remember_screen(request, response, result.areas)
    if _plays_as_published(Owner.of_device(device)):  # its player page can come from memory
        attest(request, response, device)
    return response


def _plays_as_published(owner: Owner) -> bool:
    """True when nothing of this device's changes what it plays: nothing marked as hurting,
    and no weekly-review change accepted (for any routine or program)."""
    if hurt_last_time(owner):
        return False
    return not changed_anything(owner)
