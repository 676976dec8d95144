"""/progress/measures/<id>/: one questionnaire (NPRS, PSFS, STarT Back) as a plain form.

The form is made from the measure's items (``content/measures/<id>.yaml``): a 0-10 scale
is a row of radio buttons with its end labels, a choice its options, a PSFS activity a name
and a 0-10 rating (the names filled in from last time, so the same activities are rated
again; naming different ones starts a new set, compared from then on). Under it: the
measure's source and licence. A missing or bad answer answers 400 with the form as it was
sent and the problem beside its question; saved answers go back to /progress/ with a
message. Days (when the weekly pain question is next due) are the person's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from backcare.outcomes.measures import measures
from backcare.plans.errors import InputError
from backcare.plans.suitability import day_text
from backcare.practice.owner import owner_of
from backcare.progress import records
from backcare.progress.writing import writing_owner
from backcare.progress.zones import in_person_zone
from backcare.site.personal import personal
from backcare.vocabulary import current, gettext

WHOLE_NUMBER = re.compile(r"-?[0-9]{1,3}")
#: Where a problem is shown when it names no single question.
GENERAL = "__all__"


@dataclass(frozen=True)
class Option:
    value: int
    label: str
    end_label: str
    checked: bool


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    text: str
    kind: str
    required: bool
    options: tuple[Option, ...]
    activity: str      # PSFS: the activity's name as filled in
    error: str

    @property
    def described_by(self) -> str:
        """What describes each radio button: the problem with the answer, if any."""
        return f"{self.id}-error" if self.error else ""

    @property
    def field(self) -> str:
        """The radio group's name: the item id, or ``<id>-rating`` for a PSFS activity."""
        return f"{self.id}-rating" if self.kind == "activity" else self.id


def _rating_field(item: Any) -> str:
    return f"{item.id}-rating" if item.kind == "activity" else item.id


def questions(measure: Any, values: Mapping[str, str], errors: Mapping[str, str],
              activities: Sequence[str] = ()) -> list[Question]:
    found = []
    activity_index = 0
    for number, item in enumerate(measure.items, start=1):
        chosen = values.get(_rating_field(item), "")
        if item.kind == "choice":
            options = tuple(Option(c.value, c.label, "", chosen == str(c.value))
                            for c in item.choices)
        else:
            options = tuple(
                Option(v, str(v), item.low_label if v == item.low else
                       item.high_label if v == item.high else "", chosen == str(v))
                for v in range(item.low, item.high + 1))
        activity = values.get(f"{item.id}-activity", "")
        if item.kind == "activity":
            if f"{item.id}-activity" not in values and activity_index < len(activities):
                activity = activities[activity_index]
            activity_index += 1
        found.append(Question(
            id=item.id, number=number, text=item.text, kind=item.kind,
            required=item.required, options=options, activity=activity,
            error=errors.get(item.id, "")))
    return found


def read_answers(measure: Any, form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers as the core takes them, and a problem per question already plain."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for item in measure.items:
        raw = form.get(_rating_field(item), "").strip()
        number = int(raw) if WHOLE_NUMBER.fullmatch(raw) else None
        if item.kind == "activity":
            name = form.get(f"{item.id}-activity", "").strip()
            if not name and not raw:
                if item.required:
                    errors[item.id] = gettext("Name an activity you find hard, and rate it.")
                continue
            if not name:
                errors[item.id] = gettext("Name the activity you are rating.")
            elif not raw:
                errors[item.id] = gettext("Rate this activity from 0 to 10.")
            elif number is None:
                errors[item.id] = gettext("Choose a number from 0 to 10.")
            else:
                answers[item.id] = {"activity": name, "rating": number}
            continue
        if not raw:
            if item.required:
                errors[item.id] = gettext("Choose an answer to this question.")
            continue
        if number is None:
            errors[item.id] = gettext("Choose one of the answers given.")
        else:
            answers[item.id] = number
    return answers, errors


def core_errors(measure: Any, error: InputError) -> dict[str, str]:
    """The core's problems (``answers.<item>``, ``answers``), by question, as sentences:
    the core says what is wrong with a field ("is 11, which is not allowed: ...")."""
    ids = {item.id for item in measure.items}
    found: dict[str, str] = {}
    for field, message in error.errors.items():
        parts = field.split(".")
        key = parts[1] if len(parts) > 1 and parts[0] == "answers" and parts[1] in ids \
            else GENERAL
        found.setdefault(key, gettext("This answer {problem}.").format(problem=message))
    return found


def _form_page(request: HttpRequest, measure: Any, *, values: Mapping[str, str],
               errors: Mapping[str, str], status: int = 200) -> HttpResponse:
    owner = owner_of(request)
    activities = records.last_activities(owner) if owner.known and measure.id == "psfs" else []
    not_due = ""
    if measure.id == "nprs" and owner.known and not records.nprs_due(owner,
                                                                   timezone.localdate()):
        next_day = records.next_nprs_day(owner)
        if next_day is not None:
            not_due = gettext("You answered this on {day}. It is asked once a week: next on "
                              "{next}.").format(day=day_text(next_day - records.NPRS_EVERY),
                                                next=day_text(next_day))
    listed = questions(measure, values, errors, activities)
    problems = [q for q in listed if q.error]
    return render(request, "progress/take_measure.html", {
        "measure": measure,
        "questions": listed,
        "problems": problems,
        "general_error": errors.get(GENERAL, ""),
        "not_due": not_due,
        "rerating": bool(activities),
        "other_language": current() not in measure.languages,
        "nav": "progress",
    }, status=status)


@never_cache
@personal
@require_http_methods(["GET", "HEAD", "POST"])
@in_person_zone
def take_measure(request: HttpRequest, measure_id: str) -> HttpResponse:
    measure = measures().get(measure_id)
    if measure is None:
        raise Http404(measure_id)
    if request.method != "POST":
        return _form_page(request, measure, values={}, errors={})
    form = {key: request.POST.get(key, "") for key in request.POST}
    answers, errors = read_answers(measure, form)
    if errors:
        return _form_page(request, measure, values=form, errors=errors, status=400)
    response = HttpResponseRedirect(reverse("progress:progress"))
    writer = writing_owner(request, response)
    try:
        records.save_measure(writer, measure.id, answers)
    except records.NotDue:
        return _form_page(request, measure, values=form, errors={}, status=400)
    except InputError as error:
        return _form_page(request, measure, values=form, errors=core_errors(measure, error),
                          status=400)
    messages.success(request, gettext("Thank you: your answers to {measure} are saved.").format(
        measure=measure.title))
    if measure.id == records.PSFS and records.new_activities(writer):
        messages.info(request, gettext("You named different activities, so their change is "
                                       "counted from today."))
    return response
