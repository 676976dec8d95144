"""The profile form: /routines/<slug>/fit/ (a GET form that opens the plan page).

Shown only after a current safety screen. The plan page re-shows it, with the problems
named, when a plan URL carries answers that are not allowed (status 400).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from backcare.catalogue.library import get_library
from backcare.content.schema import Routine
from backcare.planning.gate import needs_screen, routine_or_404
from backcare.plans import (
    FIELD_LABELS,
    MAX_MINUTES,
    MIN_MINUTES,
    NONE_KNOWN,
    OTHER,
    profile_params,
)
from backcare.plans.condition_rules import either
from backcare.plans.profile import DIAGNOSIS_CONDITIONS
from backcare.vocabulary import gettext, gettext_noop

#: Where the error summary's link for each field leads. Each field is named by the
#: profile's own labels (``backcare.plans.FIELD_LABELS``), on the form and in problems.
FIELD_ANCHORS: dict[str, str] = {
    "floor": "fit-floor-1", "conditions": "fit-conditions", "diagnosis": "fit-conditions",
    "bending_worsens_leg_pain": "fit-bending-1", "minutes": "fit-minutes",
    "pain": "fit-pain", "skip": "fit-skip",
}
#: The answers to "which of these do you have?" that are not conditions of their own.
#: (value, label, description), said when shown.
ANSWERS_NOT_CONDITIONS: tuple[tuple[str, str, str], ...] = (
    (OTHER, gettext_noop("Another condition that is not listed here"),
     gettext_noop("we then follow every caution above, and you should ask your doctor or "
                  "physical therapist what suits you")),
    (NONE_KNOWN, gettext_noop("None that I know of"), ""),
)


#: The bending question's answers: yes, no, and not sure (sent empty: unanswered).
BENDING_CHOICES: tuple[tuple[str, str], ...] = (
    ("1", gettext_noop("Yes")), ("0", gettext_noop("No")), ("", gettext_noop("Not sure")),
)
#: The question the bending answer belongs to (a rule's ``when`` in content/rules.yaml).
BENDING_QUESTION = "bending_worsens_leg_pain"


def condition_choices() -> list[tuple[str, str, str]]:
    """Every condition from content/rules.yaml, then "not listed" and "none": (value,
    label, description)."""
    rules = get_library().rules
    return [*((c.slug, c.label, c.description) for c in rules.conditions),
            *((value, gettext(label), gettext(description) if description else "")
              for value, label, description in ANSWERS_NOT_CONDITIONS)]


def bending_conditions() -> str:
    """The conditions whose rules ask the bending question, as a sentence names them
    ("a disc problem"), from content/rules.yaml."""
    rules = get_library().rules
    return either([c.in_sentence for c in rules.conditions
                    if any(rule.when == BENDING_QUESTION for rule in c.rules)])


def list_values(query: QueryDict, name: str) -> list[str]:
    """Values of a list parameter from ``a,b`` and/or repeated ``name=a&name=b``."""
    joined = profile_params(query.getlist).get(name, "")
    return joined.split(",") if joined else []


def skip_values(query: QueryDict) -> list[str]:
    """Skipped slugs from ``skip=a,b`` and/or repeated ``skip=a&skip=b`` (form checkboxes)."""
    return list_values(query, "skip")


def condition_values(query: QueryDict) -> list[str]:
    """The conditions ticked, from ``conditions`` or the older ``diagnosis``."""
    ticked = list_values(query, "conditions")
    diagnosis = query.get("diagnosis", "")
    if not ticked and diagnosis in DIAGNOSIS_CONDITIONS:
        ticked = sorted(DIAGNOSIS_CONDITIONS[diagnosis])
    return ticked


def skip_options(routine: Routine) -> list[dict[str, str]]:
    """The routine's exercises, each followed by its seated version, without repeats."""
    library = get_library()
    options: list[dict[str, str]] = []
    seen: set[str] = set()
    for item in routine.items:
        exercise = library.exercises[item.exercise]
        alternative = library.exercises.get(exercise.seated_alternative or "")
        seated = gettext("seated version of {name}").format(name=exercise.name)
        for ex, note in ((exercise, ""), (alternative, seated)):
            if ex is None or ex.slug in seen:
                continue
            seen.add(ex.slug)
            options.append({"slug": ex.slug, "name": ex.name, "note": note})
    return options


def form_values(query: QueryDict) -> dict[str, object]:
    """What to show as already chosen: the answers in the query string, if any."""
    return {
        "floor": query.get("floor", ""),
        "conditions": condition_values(query),
        # None when not answered, so "not sure" is not ticked for the person
        "bending_worsens_leg_pain": query.get("bending_worsens_leg_pain"),
        "minutes": query.get("minutes", ""),
        "pain": query.get("pain", ""),
        "skip": skip_values(query),
    }


def _order(field: str) -> int:
    fields = list(FIELD_ANCHORS)
    return fields.index(field) if field in fields else -1


def render_form(request: HttpRequest, routine: Routine, errors: Mapping[str, str] | None = None,
                status: int = 200) -> HttpResponse:
    errors = dict(errors or {})
    problems = [{"field": field, "label": FIELD_LABELS.get(field, field.capitalize()),
                 "message": message, "anchor": FIELD_ANCHORS.get(field, "fit-form")}
                for field, message in sorted(errors.items(), key=lambda fm: _order(fm[0]))]
    return render(request, "planning/fit.html", {
        "routine": routine,
        "values": form_values(request.GET),
        "errors": errors,
        "problems": problems,
        "conditions": condition_choices(),
        "bending_choices": [(value, gettext(label)) for value, label in BENDING_CHOICES],
        "disc_label": bending_conditions(),
        "options": skip_options(routine),
        "min_minutes": MIN_MINUTES,
        "max_minutes": MAX_MINUTES,
        "labels": FIELD_LABELS,
    }, status=status)


@never_cache
@require_safe
def fit(request: HttpRequest, slug: str) -> HttpResponse:
    routine = routine_or_404(slug)
    redirect = needs_screen(request)
    if redirect is not None:
        return redirect
    return render_form(request, routine)
