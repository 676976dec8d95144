"""The animated exercise demos: one SVG per exercise, and a page showing them all.

URL patterns (wired in ``urls.py``; ``exercises/demos/`` must come before
``exercises/<slug>/`` so "demos" is not taken for an exercise slug)::

    path("exercises/demos/", views_demos.gallery, name="demo_gallery"),
    path("exercises/<slug:slug>/demo.svg", views_demos.demo_svg, name="exercise_demo"),

``demo.svg`` takes two optional query parameters, for a player that swaps pictures:
``pose=held`` or ``pose=start`` gives a still picture resting in that pose (no animation),
and ``text=0`` leaves out the captions under the figure (``text=1``, the default, keeps
them). Every form of one exercise is the same width, and the same height for the same
``text``, so swapping them does not move the figure. Any other value is a 400 naming the
parameter, the value and what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from csp.decorators import csp_update
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_safe

from backcare.catalogue.library import get_library
from backcare.content.schema import Exercise
from backcare.figures import compile_demo, description, render_svg, svg_size
from backcare.vocabulary import current, gettext

#: Demos change only with the content, which is read once per process.
CACHE_SECONDS = 60 * 60 * 24


#: The query parameters demo.svg reads and the values each allows. Without ``pose`` the
#: figure moves; without ``text`` the captions are there.
CHOICES: dict[str, tuple[str, ...]] = {"pose": ("held", "start"), "text": ("0", "1")}


@cache
def _svg(slug: str, language: str, pose: str, text: bool) -> bytes:
    exercise = get_library().exercises[slug]
    if pose == "moving":
        return render_svg(exercise, text=text).encode("utf-8")
    return render_svg(exercise, animate=False, frame=pose, text=text).encode("utf-8")


def _refusal(name: str, value: str) -> HttpResponse:
    allowed = ", ".join(CHOICES[name])
    message = f"{name} " + gettext("is {value}; use one of: {allowed}").format(
        value=repr(value[:20]), allowed=allowed)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


@require_safe
@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]  # the SVG's own <style>; no script
def demo_svg(request: HttpRequest, slug: str) -> HttpResponse:
    """The exercise's animated figure as a standalone SVG image."""
    if slug not in get_library().exercises:
        raise Http404(f"no exercise {slug!r}")
    for name, allowed in CHOICES.items():
        value = request.GET.get(name)
        if value is not None and value not in allowed:
            return _refusal(name, value)
    pose = request.GET.get("pose", "moving")
    body = _svg(slug, current(), pose, request.GET.get("text", "1") == "1")
    response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@dataclass(frozen=True)
class DemoCard:
    exercise: Exercise
    description: str
    width: int
    height: int


def demo_card(slug: str) -> DemoCard:
    """What a page needs to show one exercise's demo as an <img>: alt text and size, in
    the language of the page."""
    return _demo_card(slug, current())


@cache
def _demo_card(slug: str, language: str) -> DemoCard:
    exercise = get_library().exercises[slug]
    figure = compile_demo(exercise)
    width, height = svg_size(exercise, figure)
    return DemoCard(exercise, description(exercise, figure), width, height)


def _cards() -> tuple[DemoCard, ...]:
    ordered = sorted(get_library().exercises.values(), key=lambda e: e.name.lower())
    return tuple(demo_card(exercise.slug) for exercise in ordered)


@require_safe
def gallery(request: HttpRequest) -> HttpResponse:
    """Every exercise's animated figure on one page."""
    return render(request, "catalogue/demos.html", {"cards": _cards(), "nav": "finder"})
