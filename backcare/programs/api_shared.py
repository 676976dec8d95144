"""``GET /api/shared/<code>``: a program handed out, as its patient sees it (no account).

The latest version: its title, the clinician's note, who made it and where, when, each
exercise at the dose it is played with the clinician's note and whether the clinician
chose it on purpose, and the timeline to follow (the players' :class:`TimelineOut`, less
what hurt for this device or person, listed in ``left_out``). Looked up by the code only
(the share link's key is for the web page), at most 30 lookups a minute from one place
(429 with ``Retry-After``); a code that names no program is a 404.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from backcare.catalogue.library import get_library
from backcare.export.program_shapes import program_timeline_out
from backcare.export.timeline_shapes import TimelineOut
from backcare.outcomes.adjusting import adjusted_draft
from backcare.plans import PlanError
from backcare.practice.owner import owner_of
from backcare.practice.painful_marks import hurt_days
from backcare.programs.patient_access import draft_of, find_by_code, patient_program_for
from backcare.programs.views_shared_items import shown_items
from backcare.progress.accepted import adjustments_for_program
from backcare.site.api_errors import NOT_FOUND, READS, Message, problems
from backcare.site.personal import mark_personal
from backcare.site.rate_limits import SHARE_CODE_LOOKUP, over_limit
from backcare.vocabulary import gettext

router = Router(tags=["shared programs"])


class SharedItemOut(Schema):
    exercise: str = Field(description="the exercise's slug")
    name: str
    hold_seconds: int = Field(description="as played: the clinician's dose (with the changes "
                                          "this patient accepted in a weekly review), within "
                                          "the exercise's bounds")
    reps: int
    sets: int
    per_side: bool = Field(description="reps are done on each side")
    note: str = Field(description="the clinician's note for this exercise")
    chosen_by_therapist: bool = Field(
        description="the clinician chose it on purpose although the patient's conditions "
                    "would leave it out")


class SharedProgramOut(Schema):
    title: str
    note: str = Field(description="the clinician's note for the patient")
    clinician: str = Field(description="the clinician's name as the patient sees it")
    clinic: str
    version: int = Field(description="the latest version's number (1 for the first)")
    updated_at: datetime = Field(description="when the latest version was saved")
    items: list[SharedItemOut]
    timeline: TimelineOut = Field(description="what the players follow; routine is empty "
                                              "and title is the program's")


@router.get("/shared/{code}", response={200: SharedProgramOut, 429: Message, **NOT_FOUND, **READS},
            summary="A program from a clinician, by its code (no account needed)")
def shared_program(request: HttpRequest, response: HttpResponse,
                   code: str) -> Status[SharedProgramOut] | Status[Message]:
    """The program's latest version as its patient sees it. `code` is the 8-character code
    the clinician gave (any case; spaces and dashes are ignored). 404 when no program has
    it; 429 (with `Retry-After`) after 30 lookups a minute from one place."""
    # Never kept in the response cache: each lookup is counted, and a new version of the
    # program (or what hurt for this owner) changes the answer.
    mark_personal(request)
    wait = over_limit(request, SHARE_CODE_LOOKUP)
    if wait is not None:
        response["Retry-After"] = str(wait)
        return Status(429, Message(detail=gettext(
            "Too many program codes were looked up from here. Try again in {seconds} "
            "seconds.").format(seconds=wait)))
    program = find_by_code(code)
    version = program.versions.order_by("-number").first() if program else None
    if program is None or version is None:
        raise HttpError(404, gettext("No program has this code."))
    library = get_library()
    owner = owner_of(request)
    mine = patient_program_for(request, program)  # when they opened it: with their changes
    draft = draft_of(version)
    if mine is not None:
        draft = adjusted_draft(library, draft, adjustments_for_program(owner, mine))
    try:
        timeline = program_timeline_out(library, draft, version.title, hurt_days(owner))
    except PlanError as exc:
        raise problems({"code": exc.message}, "path") from None
    return Status(200, SharedProgramOut(
        title=version.title, note=version.note, clinician=version.clinician_name,
        clinic=program.clinic.name, version=version.number, updated_at=version.created_at,
        items=[SharedItemOut(exercise=row.exercise.slug, name=row.exercise.name,
                             hold_seconds=row.dose.hold_seconds, reps=row.dose.reps,
                             sets=row.dose.sets, per_side=row.exercise.per_side,
                             note=row.item.note, chosen_by_therapist=row.chosen_by_therapist)
               for row in shown_items(library, draft)],
        timeline=timeline))
