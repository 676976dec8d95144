"""Reminders and the FHIR export, on the outcomes router (:mod:`backcare.progress.api`).

- ``POST /api/reminders`` sets the days and time (and time zone) to be reminded on, and
  answers with the private calendar link to subscribe to; posting again changes the same
  feed (same link), ``DELETE /api/reminders`` ends the link, and a later POST makes a new
  one. ``GET /api/reminders`` is the live one, or null.
- ``GET /api/fhir/bundle``: everything of this device's or person's as a FHIR R4 Bundle,
  a download (404 for a browser with no device and no account: nothing is saved);
  ``GET /api/fhir/Questionnaire/<id>``: a measure as a FHIR Questionnaire (what the
  bundle's answers point to).

The personal operations run in the person's time zone
(:func:`backcare.progress.zones.in_person_zone`); the Questionnaires are the same for
everyone and do not.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from backcare.outcomes.measures import measures
from backcare.outcomes.questionnaires import questionnaire
from backcare.plans.errors import InputError
from backcare.practice.device import ensure_device
from backcare.practice.owner import Owner, owner_of
from backcare.progress import reminders
from backcare.progress.fhir_data import bundle_for_owner
from backcare.progress.models import ReminderFeed
from backcare.progress.zones import in_person_zone
from backcare.site.api_errors import NOT_FOUND, READS, WRITES, problems
from backcare.site.personal import mark_personal
from backcare.vocabulary import gettext

router = Router(tags=["progress"])

BODY = ("body", "payload")
FHIR_JSON = "application/fhir+json"


def measure_not_found(measure_id: str) -> HttpError:
    return HttpError(404, gettext("No measure called {name}. See /api/measures for the list.")
                     .format(name=repr(measure_id[:80])))


# --- Reminders ---------------------------------------------------------------------------

class RemindersIn(Schema):
    days: list[str] = Field(max_length=7, description="mon, tue, wed, thu, fri, sat, sun: "
                                                      "each at most once")
    time: str = Field(max_length=5, description="HH:MM, 24-hour, in tz")
    tz: str = Field(max_length=64, description="an IANA time zone, e.g. Europe/Madrid")


class RemindersOut(Schema):
    calendar_url: str = Field(description="the private calendar feed (.ics) to subscribe to; "
                                          "anyone with the link sees your reminders")
    days: list[str]
    time: str
    tz: str


def reminders_out(request: HttpRequest, feed: ReminderFeed) -> RemindersOut:
    return RemindersOut(calendar_url=reminders.calendar_url(request, feed),
                        days=feed.days.split(","), time=f"{feed.time:%H:%M}", tz=feed.tz)


@router.post("/reminders", response={200: RemindersOut, 201: RemindersOut, **WRITES},
             summary="Be reminded on these days at this time (a calendar feed)")
@in_person_zone
def set_reminders(request: HttpRequest, response: HttpResponse,
                  payload: RemindersIn) -> Status[RemindersOut]:
    """201 with a new calendar link; 200 when this device or person already has one:
    the same link, changed to these days and time (calendars update the event they
    have). One reminder on each chosen day, at most one a day."""
    mark_personal(request)
    owner = owner_of(request)
    owner = Owner(device=ensure_device(request, response), user_id=owner.user_id)
    had = reminders.live_feed(owner)
    try:
        feed = reminders.set_reminders(owner, payload.days, payload.time, payload.tz)
    except InputError as exc:
        raise problems(exc.errors, *BODY) from None
    status = 200 if had is not None and had.pk == feed.pk else 201
    return Status(status, reminders_out(request, feed))


@router.get("/reminders", response={200: RemindersOut | None, **READS},
            summary="Your reminders and their calendar link, or null")
@in_person_zone
def get_reminders(request: HttpRequest) -> RemindersOut | None:
    mark_personal(request)
    feed = reminders.live_feed(owner_of(request))
    return None if feed is None else reminders_out(request, feed)


@router.delete("/reminders", response={204: None, **WRITES},
               summary="Stop the reminders: the calendar link stops working")
@in_person_zone
def delete_reminders(request: HttpRequest) -> Status[None]:
    """204 once the link is dead (also when there was none). Setting reminders again
    afterwards gives a new link."""
    mark_personal(request)
    reminders.revoke(owner_of(request))
    return Status(204, None)


# --- FHIR --------------------------------------------------------------------------------

def _fhir_doc(description: str) -> dict[str, Any]:
    return {"responses": {200: {"description": description, "content": {
        FHIR_JSON: {"schema": {"type": "object", "additionalProperties": True}}}}}}


def fhir_response(data: dict[str, Any]) -> HttpResponse:
    return HttpResponse(json.dumps(data, ensure_ascii=False, indent=1),
                        content_type=f"{FHIR_JSON}; charset=utf-8")


@router.get("/fhir/bundle", response={**NOT_FOUND, **READS},
            openapi_extra=_fhir_doc("a FHIR R4 Bundle (collection): Patient (a pseudonym), "
                                    "CarePlan, pain Observations (LOINC 72514-3), "
                                    "QuestionnaireResponses and their Questionnaires"),
            summary="Download your exercises, pain and measures as FHIR R4")
@in_person_zone
def fhir_bundle(request: HttpRequest) -> HttpResponse:
    """What you follow as a CarePlan (one activity per exercise, with its dose), each
    session's pain before and after as Observations, and each questionnaire you answered
    as a QuestionnaireResponse, in one Bundle, as a download. 404 for a browser with
    neither an account nor anything saved: there is no record to export."""
    mark_personal(request)
    owner = owner_of(request)
    if not owner.known:
        raise HttpError(404, gettext("There is nothing saved yet on this browser, so there "
                                     "is nothing to download. Answer a question or do a "
                                     "session first."))
    base = request.build_absolute_uri("/").rstrip("/")
    response = fhir_response(bundle_for_owner(owner, base))
    response["Content-Disposition"] = 'attachment; filename="backcare-record.fhir.json"'
    return response


@router.get("/fhir/Questionnaire/{measure_id}", response={**NOT_FOUND, **READS},
            openapi_extra=_fhir_doc("the measure as a FHIR R4 Questionnaire"),
            summary="A measure as a FHIR Questionnaire")
def fhir_questionnaire(request: HttpRequest, measure_id: str) -> HttpResponse:
    found = measures().get(measure_id)
    if found is None:
        raise measure_not_found(measure_id)
    return fhir_response(questionnaire(found, request.build_absolute_uri("/").rstrip("/")))
