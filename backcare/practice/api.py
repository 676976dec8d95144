"""The players' API: the timeline to follow, and the session log (mounted at /api/).

- ``GET /api/timeline?routine=<slug>`` is the routine's step-by-step timeline as the safe
  default plays it (less what needs a known condition, listed in ``left_out``). Adding
  the plan parameters (``floor``, ``conditions``, ``bending_worsens_leg_pain``,
  ``minutes``, ``pain``, ``skip``; the older ``diagnosis`` too) gives the personal plan's
  timeline instead; that needs the red-flag screen done on this device.
- ``POST /api/sessions`` saves one finished (or stopped) session. The client makes the
  id, so a retry of the same save returns the row already saved (200) and never makes a
  second one; the same id from another device is refused (409). A session follows a
  ``routine`` or a clinician's ``program`` (its code; one of the two): a program must have
  been opened by this device or person first (its page, /p/<share_key>/), and the session
  is saved against its latest version. After a stop for pain the stop screen sends the
  same id again with its answers (``painful_exercise``, ``pain_after``): each is added
  when the session has none, and nothing already saved is ever changed.
- ``GET /api/sessions`` lists this device's sessions, newest first, a page at a time
  (``limit``, ``offset``; ``X-Total-Count`` and ``Link`` headers say what else there is).
- ``DELETE /api/sessions/<id>`` deletes one of them; ``DELETE /api/device`` deletes every
  session of this device and forgets the device.

Bad values answer 422 (:mod:`backcare.site.api_errors`), each naming its field; every
message is in the request's language (``?lang=`` or ``Accept-Language``). Dates are
checked here, before anything touches the database: a session starts within the last two
years and not in the future, ends after it starts and within 24 hours, with a UTC offset
of at most ±14:00 — so no value can overflow a database's date range.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Literal

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AwareDatetime, StrictBool, StrictInt, field_validator
from pydantic_core import PydanticCustomError

from backcare.catalogue.library import get_library
from backcare.content import Library
from backcare.export.timeline_shapes import TimelineOut
from backcare.planning.screen_memory import screen_is_current
from backcare.planning.shapes import plan_out
from backcare.plans import (
    InputError,
    PlanError,
    asks_for_plan,
    profile_params,
    safe_default_plan,
)
from backcare.practice.device import ensure_device
from backcare.practice.forgetting import forget_device, forget_device_cookies, forget_session
from backcare.practice.models import PracticeSession
from backcare.practice.owner import Owner, owner_of
from backcare.practice.painful_marks import hurt_days, remember_hurt
from backcare.practice.session_followed import (
    Followed,
    add_stop_answers,
    followed_by,
    plan_from_params,
)
from backcare.practice.unmarked import withdraw
from backcare.progress.accepted import adjustments_for_routine
from backcare.site.api_errors import (
    NOT_FOUND,
    READS,
    WRITES,
    Message,
    links,
    not_found,
    problems,
)
from backcare.site.database import sqlite_write_lock
from backcare.site.personal import mark_personal
from backcare.vocabulary import gettext, ngettext

router = Router(tags=["practice"])

#: How far ahead of the server a client's clock may be before a time counts as future.
FUTURE_SLACK = timedelta(minutes=5)
#: No single session lasts longer than this; a longer one is a client bug.
LONGEST_SESSION = timedelta(hours=24)
#: A session older than this is not a session being saved now.
OLDEST_SESSION = timedelta(days=2 * 366)
#: Real time zones lie within UTC-12:00 .. UTC+14:00; ±14:00 is the rule we state.
LARGEST_OFFSET = timedelta(hours=14)
#: Years a date may name at all, checked before any arithmetic can overflow.
YEARS = range(2000, 3000)


BODY = ("body", "payload")  # where ninja puts the fields of the JSON body


# --- Plans and timelines -----------------------------------------------------------------

@router.get(
    "/timeline",
    response={200: TimelineOut, 403: Message, **NOT_FOUND, **READS},
    summary="The step-by-step timeline of a routine, or of your personal plan",
)
def get_timeline(
    request: HttpRequest,
    routine: str,
    floor: str | None = None,
    conditions: str | None = None,
    bending_worsens_leg_pain: str | None = None,
    diagnosis: str | None = None,
    minutes: str | None = None,
    pain: str | None = None,
    skip: str | None = None,
) -> TimelineOut:
    """Every step in order: exercise, side, set and repetition, hold, the rest after it,
    a cue, and when it starts (seconds from the start), and `left_out`: every exercise of
    the routine that is not in it, with the reason.

    With no answers this is the **safe default**: the routine less the exercises meant
    only for a known condition (such as prone props, for a disc problem), listed in
    `left_out` with how to include them. With any of `floor` (1 or 0), `conditions`
    (comma-separated: slugs from GET /api/health-conditions, `none-known`, or `other`
    for one not listed), `bending_worsens_leg_pain` (1 or 0), `minutes`, `pain`
    or `skip` (comma-separated exercise slugs) — or the older `diagnosis` (none, disc,
    other) — this is your personal plan, which needs the safety questions answered on
    this device first (else 403)."""
    library = get_library()
    found = library.routines.get(routine)
    if found is None:
        raise not_found("routine", routine)
    owner = owner_of(request)
    hurt = hurt_days(owner)
    adjustments = adjustments_for_routine(owner, found.slug)  # accepted in a weekly review
    if owner.known or adjustments:  # what hurt, or what they changed: the answer is theirs
        mark_personal(request)
    if not asks_for_plan(request.GET.getlist):
        try:  # safe_default_out, with the changes they accepted
            return plan_out(safe_default_plan(library, found.slug, hurt, adjustments),
                            personal=False)
        except PlanError as exc:
            raise problems({"plan": exc.message}, "query") from None
    mark_personal(request)
    if not screen_is_current(request, found.slug):
        raise HttpError(403, gettext("A personal plan needs the safety questions first. "
                                     "Answer them at {url}, then ask again.").format(
                                         url=reverse("planning:screen")))
    try:
        plan = plan_from_params(library, found.slug, profile_params(request.GET.getlist), hurt,
                                adjustments)
    except InputError as exc:
        raise problems(exc.errors, "query") from None
    return plan_out(plan)


# --- The session log ---------------------------------------------------------------------

class SessionIn(Schema):
    id: uuid.UUID = Field(description="made by the client; saving the same id again is safe")
    routine: str = Field("", max_length=120,
                         description="the routine followed (a slug); empty or left out for "
                                     "a program's session")
    program: str | None = Field(
        None, max_length=64,
        description="instead of routine: the code of a clinician's program this device or "
                    "person has opened (its page, /p/<share_key>/), whose latest version "
                    "was followed")
    plan: str | None = Field(None, max_length=500,
                             description="the plan's query string, or null for the routine")
    started_at: AwareDatetime = Field(
        description="within the last two years, not in the future; UTC offset at most ±14:00")
    ended_at: AwareDatetime = Field(
        description="not before started_at and at most 24 hours after it")
    pain_before: StrictInt = Field(ge=0, le=10)
    pain_after: StrictInt | None = Field(
        None, ge=0, le=10, description="the pain at the end; after a stop for pain, sending "
                                       "the same id again with it set adds it when none was saved")
    feeling: Literal["better", "same", "worse", ""] = ""
    steps_done: StrictInt = Field(ge=0)
    steps_total: StrictInt = Field(ge=0)
    stopped_for_pain: StrictBool = False
    painful_exercise: str | None = Field(
        None, max_length=120,
        description="after a stop for pain: the exercise that hurt (a slug of this routine), "
                    "or null for not sure. Sending the same id again with it set adds it "
                    "to a session saved without it; this device's next plans leave it out")

    @field_validator("started_at", "ended_at")
    @classmethod
    def _plausible(cls, value: datetime) -> datetime:
        # Checked before any arithmetic: year 1 at +14:00 overflows when made UTC, and a
        # database may store what Python cannot read back.
        if value.year not in YEARS:
            raise PydanticCustomError("date_range",
                                      gettext("is not a date of a session being saved now"))
        offset = value.utcoffset() or timedelta(0)
        if abs(offset) > LARGEST_OFFSET:
            raise PydanticCustomError("date_offset", gettext("has a UTC offset beyond ±14:00"))
        return value


class SessionOut(Schema):
    id: uuid.UUID
    routine: str = Field(description="the routine followed; empty for a program's session")
    program: str | None = Field(description="the program's code, for a program's session")
    plan: str | None
    started_at: datetime
    ended_at: datetime
    pain_before: int
    pain_after: int | None
    feeling: str
    steps_done: int
    steps_total: int
    stopped_for_pain: bool
    painful_exercise: str | None
    created_at: datetime


def session_out(row: PracticeSession) -> SessionOut:
    followed = row.patient_program.program.code if row.patient_program is not None else None
    return SessionOut(
        id=row.id, routine=row.routine, program=followed, plan=row.plan or None,
        started_at=row.started_at,
        ended_at=row.ended_at, pain_before=row.pain_before, pain_after=row.pain_after,
        feeling=row.feeling, steps_done=row.steps_done, steps_total=row.steps_total,
        stopped_for_pain=row.stopped_for_pain, painful_exercise=row.painful_exercise or None,
        created_at=row.created_at,
    )


def check_session(request: HttpRequest, library: Library, payload: SessionIn,
                  now: datetime) -> Followed:
    """Raise a 422 naming every field at fault; return what the session followed."""
    followed = followed_by(request, library, payload.routine, payload.plan, payload.program)
    plan = followed.plan
    errors: dict[str, str] = {}
    if payload.started_at > now + FUTURE_SLACK:
        errors["started_at"] = gettext("is in the future")
    elif payload.started_at < now - OLDEST_SESSION:
        errors["started_at"] = gettext("is more than two years ago")
    if payload.ended_at > now + FUTURE_SLACK:
        errors["ended_at"] = gettext("is in the future")
    elif payload.ended_at < payload.started_at:
        errors["ended_at"] = gettext("is before started_at")
    elif payload.ended_at - payload.started_at > LONGEST_SESSION:
        errors["ended_at"] = gettext("is more than 24 hours after started_at")
    steps = max(len(followed_one.steps) for followed_one in followed.timelines)
    if payload.steps_total > steps:
        if followed.patient_program is not None:
            said = ngettext("is more than the {count} step this program has",
                            "is more than the {count} steps this program has", steps)
        elif plan:
            said = ngettext("is more than the {count} step this plan has",
                            "is more than the {count} steps this plan has", steps)
        else:
            said = ngettext("is more than the {count} step this routine has",
                            "is more than the {count} steps this routine has", steps)
        errors["steps_total"] = said.format(count=steps)
    if payload.steps_done > payload.steps_total:
        errors["steps_done"] = gettext("is more than steps_total")
    if payload.painful_exercise:
        if not payload.stopped_for_pain:
            errors["painful_exercise"] = gettext("is only for a session stopped because it hurt")
        elif payload.painful_exercise not in {step.exercise for followed_one in followed.timelines
                                              for step in followed_one.steps}:
            errors["painful_exercise"] = gettext("is not an exercise of this session")
    if errors:
        raise problems(errors, *BODY)
    return followed


@router.post(
    "/sessions",
    response={**WRITES, 200: SessionOut, 201: SessionOut, 409: Message},
    openapi_extra=links(201, DeleteSession=("backcare_practice_api_delete_session",
                                            {"session_id": "$response.body#/id"})),
    summary="Save one practice session (safe to retry with the same id)",
)
def save_session(request: HttpRequest, response: HttpResponse,
                 payload: SessionIn) -> Status[SessionOut]:
    """201 with the saved session; 200 with the one already saved when this device sent
    the same id before; 409 when another device holds that id."""
    mark_personal(request)
    followed = check_session(request, get_library(), payload, timezone.now())
    owner = owner_of(request)
    device = ensure_device(request, response)
    values = payload.model_dump(exclude={"id", "plan", "painful_exercise", "program"})
    values["painful_exercise"] = payload.painful_exercise or ""
    values["patient_program"] = followed.patient_program
    values["program_version"] = followed.version
    if followed.patient_program is not None:
        values["routine"] = ""
    # One transaction, queued behind the process's other writers (SQLite). get_or_create
    # inserts in its own savepoint and, when a concurrent save of the same id wins the race
    # (IntegrityError), reads back the winner's row: a retry never duplicates.
    with sqlite_write_lock(), transaction.atomic():
        row, created = PracticeSession.objects.get_or_create(
            id=payload.id, defaults={**values, "plan": followed.plan, "device": device,
                                     "user_id": owner.user_id},
        )
        if not (Owner(device, owner.user_id).owns(row)):
            raise HttpError(409, gettext("A session with this id was saved from another "
                                         "device. Make a new id for a new session."))
        # The stop screen saves at once, then sends its answers with the same id.
        added = [] if created else add_stop_answers(row, payload.painful_exercise,
                                                    payload.pain_after)
        if added:
            row.save(update_fields=added)
        if created or "painful_exercise" in added:  # a plain retry never brings back a
            remember_hurt(row)                      # mark the person cleared
    if row.stopped_for_pain and row.painful_exercise:
        withdraw(response)  # its player pages are this device's own again (practice/unmarked.py)
    return Status(201 if created else 200, session_out(row))


#: The most sessions one GET /api/sessions answers with, and the default.
SESSIONS_MAX_LIMIT, SESSIONS_DEFAULT_LIMIT = 1000, 100
#: The largest offset read (far beyond any device's sessions; it keeps the number sane).
SESSIONS_MAX_OFFSET = 10_000_000

#: The pagination contract of GET /api/sessions, in its OpenAPI entry.
_SESSIONS_PAGED = {"responses": {200: {"headers": {
    "X-Total-Count": {
        "description": "how many sessions this device has in all",
        "schema": {"type": "integer", "minimum": 0},
    },
    "Link": {
        "description": 'the next page as `<URL>; rel="next"` and the one before as '
                       '`<URL>; rel="prev"` (RFC 8288), each with the same `limit`; '
                       "absent where there is none",
        "schema": {"type": "string"},
    },
}}}}


def _page_link(request: HttpRequest, limit: int, offset: int, rel: str) -> str:
    query = request.GET.copy()
    query["limit"], query["offset"] = str(limit), str(offset)
    return f'<{request.path}?{query.urlencode()}>; rel="{rel}"'


@router.get("/sessions", response={200: list[SessionOut], **READS},
            openapi_extra=_SESSIONS_PAGED,
            summary="This device's sessions, newest first, a page at a time")
def list_sessions(
    request: HttpRequest, response: HttpResponse,
    limit: int = Query(SESSIONS_DEFAULT_LIMIT, ge=1, le=SESSIONS_MAX_LIMIT,  # type: ignore[type-arg]
                       description="sessions in this page, 1 to 1000"),
    offset: int = Query(0, ge=0, le=SESSIONS_MAX_OFFSET,  # type: ignore[type-arg]
                        description="sessions to skip, newest first: 0 for the newest"),
) -> list[SessionOut]:
    """A page of this device's sessions, newest first: `limit` of them after skipping
    `offset`. The answer is a plain list; `X-Total-Count` says how many there are in all
    and `Link` gives the next and previous pages (`rel="next"`, `rel="prev"`). An offset at
    or past the end gives an empty list; a `limit` or `offset` out of range is a 422 naming
    it. Empty until this device has saved a session (the device cookie is set by the
    player page and by the first save)."""
    mark_personal(request)
    owner = owner_of(request)
    if not owner.known:
        response["X-Total-Count"] = "0"
        return []
    mine = owner.sessions().select_related("patient_program__program")
    total = mine.count()
    rows = mine.order_by("-started_at", "-created_at")[offset:offset + limit] if offset < total else []
    response["X-Total-Count"] = str(total)
    links = []
    if offset + limit < total:
        links.append(_page_link(request, limit, offset + limit, "next"))
    if offset > 0:
        links.append(_page_link(request, limit, max(0, min(offset, total) - limit), "prev"))
    if links:
        response["Link"] = ", ".join(links)
    return [session_out(row) for row in rows]


@router.delete("/sessions/{session_id}", response={**WRITES, 204: None, **NOT_FOUND},
               summary="Delete one of this device's sessions")
def delete_session(request: HttpRequest, session_id: uuid.UUID) -> Status[None]:
    """204 once it is gone; 404 when this device has no session with that id (another
    device's sessions are not this device's to know about)."""
    mark_personal(request)
    if not forget_session(owner_of(request), session_id):
        raise HttpError(404, gettext("This device has no session with that id."))
    return Status(204, None)


class Forgotten(Schema):
    sessions_deleted: int


@router.delete("/device", response={**WRITES, 200: Forgotten},
               summary="Delete everything this device has saved, and forget the device")
def delete_device(request: HttpRequest, response: HttpResponse) -> Forgotten:
    """Every session of this device is deleted and its cookies are cleared: the next
    visit starts as a new device. Safe to repeat."""
    mark_personal(request)
    deleted = forget_device(owner_of(request))
    forget_device_cookies(response)
    return Forgotten(sessions_deleted=deleted)
