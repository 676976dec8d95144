"""The red-flag screen page: /screen/ (GET shows it, POST checks the answers).

All "no" -> the device remembers the screen (signed cookie) and goes on to ``next``.
Any "yes" -> a page saying what care to get; nothing is remembered and no plan is offered.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from backcare.plans import QUESTIONS, SOURCES, run_screen
from backcare.planning.gate import local_path
from backcare.planning.screen_memory import COOKIE, forget_screen, remember_screen, screen_max_age

ANSWERS = {"yes": True, "no": False}
MISSING = "Please choose yes or no."


def _question_rows(given: dict[str, str], errors: dict[str, str]) -> list[dict[str, object]]:
    return [{"id": q.id, "text": q.text, "answer": given.get(q.id), "error": errors.get(q.id)}
            for q in QUESTIONS]


def _form(request: HttpRequest, next_path: str | None, given: dict[str, str],
          errors: dict[str, str], status: int = 200) -> HttpResponse:
    return render(request, "planning/screen.html", {
        "questions": _question_rows(given, errors),
        "error_count": len(errors),
        "next": next_path or "",
        "sources": SOURCES,
        "hours": screen_max_age() // 3600,
    }, status=status)


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def screen(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form(request, local_path(request.GET.get("next")), {}, {})

    next_path = local_path(request.POST.get("next"))
    given = {q.id: request.POST[q.id] for q in QUESTIONS if request.POST.get(q.id) in ANSWERS}
    errors = {q.id: MISSING for q in QUESTIONS if q.id not in given}
    if errors:
        return _form(request, next_path, given, errors, status=400)

    result = run_screen({qid: ANSWERS[value] for qid, value in given.items()})
    if not result.plan_allowed:
        response = render(request, "planning/screen_stop.html", {
            "result": result,
            "emergency": result.level == "emergency",
        })
        if COOKIE in request.COOKIES:  # an earlier all-clear no longer stands
            forget_screen(response)
        return response

    response = HttpResponseRedirect(next_path or reverse("home"))
    remember_screen(response)
    return response
