"""The server-rendered pages: conditions, routines, exercises, the disclaimer and errors.

The exercise finder lives in ``views_finder``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from backcare.catalogue.library import get_library
from backcare.catalogue.views_demos import DemoCard, demo_card
from backcare.catalogue.views_finder import exercise_finder
from backcare.content import Library
from backcare.content.schema import Dose, Exercise, Routine
from backcare.plans.condition_rules import conditions_touching
from backcare.timeline import Dosed

__all__ = [
    "home", "condition", "routine", "exercise", "exercise_finder", "disclaimer",
    "not_found", "server_error",
]


@dataclass(frozen=True)
class RoutineCard:
    """A routine with what its pages show: dosed exercises, duration, related routines."""

    routine: Routine
    dosed: tuple[Dosed, ...]
    seconds: int
    related: tuple[Routine, ...]

    @property
    def authored(self) -> bool:
        return self.routine.source == "authored"


@dataclass(frozen=True)
class ItemView:
    exercise: Exercise
    dose: Dose
    demo: DemoCard


@dataclass(frozen=True)
class PhaseView:
    name: str
    items: tuple[ItemView, ...]


def _card(library: Library, routine: Routine) -> RoutineCard:
    return RoutineCard(
        routine=routine,
        dosed=library.dosed(routine),
        seconds=library.estimated_seconds(routine.slug),
        related=tuple(library.routines[s] for s in routine.related if s in library.routines),
    )


def _phases(library: Library, routine: Routine) -> tuple[PhaseView, ...]:
    def item(slug: str, dose: Dose) -> ItemView:
        return ItemView(library.exercises[slug], dose, demo_card(slug))

    return tuple(
        PhaseView(
            phase.name,
            tuple(item(i.exercise, i.dose.apply(library.exercises[i.exercise].dose))
                  for i in phase.items),
        )
        for phase in routine.phases
    )


def home(request: HttpRequest) -> HttpResponse:
    library = get_library()
    return render(request, "catalogue/home.html", {
        "conditions": library.conditions.values(), "nav": "conditions",
    })


def condition(request: HttpRequest, slug: str) -> HttpResponse:
    library = get_library()
    found = library.conditions.get(slug)
    if found is None:
        raise Http404(f"no condition {slug!r}")
    cards = [_card(library, library.routines[s]) for s in found.routines]
    return render(request, "catalogue/condition.html", {"condition": found, "cards": cards})


def routine(request: HttpRequest, slug: str) -> HttpResponse:
    library = get_library()
    found = library.routines.get(slug)
    if found is None:
        raise Http404(f"no routine {slug!r}")
    return render(request, "catalogue/routine.html", {
        "card": _card(library, found),
        "routine": found,
        "phases": _phases(library, found),
        "conditions": [c for c in library.conditions.values() if slug in c.routines],
    })


def exercise(request: HttpRequest, slug: str) -> HttpResponse:
    library = get_library()
    found = library.exercises.get(slug)
    if found is None:
        raise Http404(f"no exercise {slug!r}")
    alternative: Exercise | None = (
        library.exercises.get(found.seated_alternative) if found.seated_alternative else None
    )
    alternative_for = sorted(
        (e for e in library.exercises.values() if e.seated_alternative == slug),
        key=lambda e: e.name.lower(),
    )
    return render(request, "catalogue/exercise.html", {
        "exercise": found,
        "alternative": alternative,
        "alternative_for": alternative_for,
        "used_in": library.routines_using(slug),
        "demo": demo_card(slug),
        "left_out_for": conditions_touching(library.rules, found, "exclude"),
        "flagged_for": conditions_touching(library.rules, found, "flag"),
    })


def disclaimer(request: HttpRequest) -> HttpResponse:
    return render(request, "catalogue/disclaimer.html", {"nav": "disclaimer"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "catalogue/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # A plain template without the request context: nothing here may touch the library.
    return HttpResponseServerError(loader.get_template("catalogue/500.html").render())
