"""The exercise finder: a plain GET form whose query parameters filter the library.

Parameters: ``position``, ``no_floor`` (``1``), ``body_area``, ``kind``, ``equipment``
(a piece of equipment, or ``none``) and ``q`` (free text). An unknown value is answered
with a 400 page that names the parameter and the values it accepts. The results come
RESULTS_PER_PAGE a page (``page``, see :mod:`backcare.catalogue.paging`); the links to the
other pages keep the filters. Every page is the same for everyone: public and cacheable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backcare.catalogue import labels
from backcare.catalogue.library import get_library
from backcare.catalogue.paging import NoSuchPage, no_such_page, pager
from backcare.content import ExerciseFilter
from backcare.vocabulary import Labels, gettext_noop

MAX_QUERY_LENGTH = 100
#: Exercises listed on one page of results.
RESULTS_PER_PAGE = 50

#: parameter -> (allowed value -> label); "" (not set) is always allowed.
CHOICES: dict[str, Mapping[str, str]] = {
    "position": labels.POSITIONS,
    "body_area": labels.BODY_AREAS,
    "kind": labels.KINDS,
    "equipment": Labels({"none": gettext_noop("No equipment"),
                         **{value: labels.EQUIPMENT.english(value) for value in labels.EQUIPMENT}}),
    "no_floor": Labels({"1": gettext_noop("No floor needed")}),
}

#: Each parameter as the "unknown value" page names it ("The kind of exercise filter").
PARAMETER_NAMES = Labels({
    "position": gettext_noop("Position"),
    "body_area": gettext_noop("Body area"),
    "kind": gettext_noop("Kind of exercise"),
    "equipment": gettext_noop("Equipment"),
    "no_floor": gettext_noop("No floor needed"),
})


@dataclass(frozen=True)
class BadParameter:
    parameter: str
    value: str
    allowed: Mapping[str, str]

    @property
    def described(self) -> str:
        return PARAMETER_NAMES[self.parameter]


def _parse(request: HttpRequest) -> tuple[dict[str, str], BadParameter | None]:
    chosen: dict[str, str] = {}
    for name, allowed in CHOICES.items():
        value = request.GET.get(name, "").strip()
        if name == "no_floor" and value == "0":
            value = ""
        if value and value not in allowed:
            return chosen, BadParameter(name, value, allowed)
        chosen[name] = value
    chosen["q"] = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    return chosen, None


def exercise_finder(request: HttpRequest) -> HttpResponse:
    chosen, bad = _parse(request)
    if bad is not None:
        return render(
            request, "catalogue/finder_bad_request.html", {"bad": bad, "nav": "finder"}, status=400,
        )
    query = ExerciseFilter(
        position=chosen["position"],
        no_floor=chosen["no_floor"] == "1",
        body_area=chosen["body_area"],
        kind=chosen["kind"],
        equipment=chosen["equipment"],
        text=chosen["q"],
    )
    results = get_library().find_exercises(query)
    keep = [(name, value) for name, value in chosen.items() if value]
    try:
        page = pager(request, len(results), RESULTS_PER_PAGE, keep)
    except NoSuchPage as error:
        return no_such_page(request, error, keep, nav="finder")
    return render(request, "catalogue/finder.html", {
        "nav": "finder",
        "chosen": chosen,
        "filtered": any(chosen.values()),
        "choices": CHOICES,
        "count": len(results),
        "results": results[page.start:page.stop],
        "pager": page,
    })
