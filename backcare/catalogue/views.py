"""The server-rendered pages: conditions, routines, exercises, the disclaimer and errors.

A routine's page and card state the safe default (what "Follow along" plays for someone
who has told us nothing): its time, and which exercises it leaves out and why. The
library's facts about those exercises stay on the page, marked as left out.

The exercise finder lives in ``views_finder``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from backcare.catalogue.library import get_library
from backcare.catalogue.paging import NoSuchPage, no_such_page, pager
from backcare.catalogue.views_demos import DemoCard, demo_card
from backcare.catalogue.views_finder import exercise_finder
from backcare.content import Library
from backcare.content.rules_schema import RulesFile
from backcare.content.schema import Dose, Exercise, Routine
from backcare.plans import PlanError, safe_default_plan
from backcare.plans.condition_rules import both, conditions_touching, either
from backcare.plans.plan import LeftOut
from backcare.plans.plan import left_out as left_out_of
from backcare.timeline import Dosed
from backcare.vocabulary import DEFAULT_LANGUAGE, LANGUAGES

#: A condition page lists this many routines a page (the content may name up to 100).
ROUTINES_PER_PAGE = 10
#: A routine's summary on a condition page names this many of its first exercises.
FIRST_EXERCISES = 3

__all__ = [
    "home", "condition", "routine", "exercise", "exercise_finder", "disclaimer",
    "not_found", "server_error",
]


@dataclass(frozen=True)
class RoutineCard:
    """A routine with what its pages show: dosed exercises, duration, related routines.

    ``seconds`` is the safe default's duration, and ``left_out`` what the safe default
    leaves out (each with the reason in plain words), so the page says what "Follow
    along" plays.
    """

    routine: Routine
    dosed: tuple[Dosed, ...]
    seconds: int
    related: tuple[Routine, ...]
    left_out: tuple[LeftOut, ...] = ()

    @property
    def authored(self) -> bool:
        return self.routine.source == "authored"

    @property
    def left_out_slugs(self) -> frozenset[str]:
        return frozenset(item.exercise for item in self.left_out)

    @property
    def first(self) -> tuple[Dosed, ...]:
        """The first exercises, as a condition page's summary names them."""
        return self.dosed[:FIRST_EXERCISES]

    @property
    def more_count(self) -> int:
        """How many exercises come after :attr:`first`."""
        return max(0, len(self.dosed) - FIRST_EXERCISES)

    @property
    def left_out_later(self) -> int:
        """How many of the exercises after :attr:`first` the safe default leaves out."""
        return sum(1 for item in self.dosed[FIRST_EXERCISES:]
                   if item.exercise.slug in self.left_out_slugs)

    @property
    def follow_along_count(self) -> int:
        """How many of the routine's exercises the safe default plays."""
        return len(self.dosed) - len(self.left_out_slugs)


@dataclass(frozen=True)
class ItemView:
    exercise: Exercise
    dose: Dose
    demo: DemoCard
    left_out: str | None = None  # why the safe default leaves it out, if it does


@dataclass(frozen=True)
class LeftOutView:
    exercise: Exercise
    why: str


@dataclass(frozen=True)
class PhaseView:
    name: str
    items: tuple[ItemView, ...]


def _card(library: Library, routine: Routine) -> RoutineCard:
    try:
        plan = safe_default_plan(library, routine.slug)
        seconds, left_out = plan.total_seconds, plan.left_out
    except PlanError as error:  # everything in it needs something we have not been told
        seconds, left_out = library.estimated_seconds(routine.slug), left_out_of(error.changes)
    return RoutineCard(
        routine=routine,
        dosed=library.dosed(routine),
        seconds=seconds,
        related=tuple(library.routines[s] for s in routine.related if s in library.routines),
        left_out=left_out,
    )


def _phases(library: Library, routine: Routine,
            left_out: tuple[LeftOut, ...] = ()) -> tuple[PhaseView, ...]:
    why = {item.exercise: item.why for item in left_out}

    def item(slug: str, dose: Dose) -> ItemView:
        return ItemView(library.exercises[slug], dose, demo_card(slug), why.get(slug))

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
    """The condition's routines, ROUTINES_PER_PAGE a page, each as a summary: its time,
    how many exercises "Follow along" plays, its first few exercises and a link to it."""
    library = get_library()
    found = library.conditions.get(slug)
    if found is None:
        raise Http404(f"no condition {slug!r}")
    try:
        page = pager(request, len(found.routines), ROUTINES_PER_PAGE)
    except NoSuchPage as error:
        return no_such_page(request, error)
    cards = [_card(library, library.routines[s]) for s in found.routines[page.start:page.stop]]
    return render(request, "catalogue/condition.html", {
        "condition": found, "cards": cards, "pager": page,
    })


def routine(request: HttpRequest, slug: str) -> HttpResponse:
    library = get_library()
    found = library.routines.get(slug)
    if found is None:
        raise Http404(f"no routine {slug!r}")
    card = _card(library, found)
    return render(request, "catalogue/routine.html", {
        "card": card,
        "routine": found,
        "phases": _phases(library, found, card.left_out),
        "left_out": [LeftOutView(library.exercises[slug], why)
                     for slug, why in {i.exercise: i.why for i in card.left_out}.items()],
        "conditions": [c for c in library.conditions.values() if slug in c.routines],
    })


def _in_sentence(rules: RulesFile, slugs: tuple[str, ...]) -> str:
    """The conditions as a sentence names them, from content/rules.yaml: "a disc problem
    or osteoporosis" (empty when there are none)."""
    found = (rules.get(slug) for slug in slugs)
    return either([c.in_sentence for c in found if c is not None])


def _links_to(exercises: list[Exercise]) -> SafeString:
    """"<a>Cat/cow</a> and <a>Pelvic tilt</a>": each exercise linked, joined in words."""
    links: list[str] = [
        format_html('<a href="{}">{}</a>', reverse("exercise", args=[e.slug]), e.name)
        for e in exercises
    ]
    return mark_safe(both(links))  # noqa: S308  # the links went through format_html


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
    rules = library.rules
    return render(request, "catalogue/exercise.html", {
        "exercise": found,
        "also_called": either(list(found.other_names)),
        "only_for": _in_sentence(rules, found.rules.only_with_conditions),
        "alternative": alternative,
        "alternative_for": _links_to(alternative_for) if alternative_for else "",
        "used_in": library.routines_using(slug),
        "demo": demo_card(slug),
        "left_out_for": _in_sentence(rules, conditions_touching(rules, found, "exclude")),
        "flagged_for": _in_sentence(rules, conditions_touching(rules, found, "flag")),
    })


def disclaimer(request: HttpRequest) -> HttpResponse:
    return render(request, "catalogue/disclaimer.html", {"nav": "disclaimer"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "catalogue/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # A plain template without the request context: nothing here may touch the library.
    language = translation.get_language() or DEFAULT_LANGUAGE
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    home = "/" if language == DEFAULT_LANGUAGE else f"/{language}/"
    page = loader.get_template("catalogue/500.html").render({"language": language, "home": home})
    return HttpResponseServerError(page)
