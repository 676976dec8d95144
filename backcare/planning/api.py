"""Personal plans over JSON: ``GET /api/screen`` and ``POST /api/plans`` (mounted at /api/).

The red-flag answers travel with every plan request: the API remembers nothing. Any
"yes" answers 403 with the care to get instead, and no plan. The 200 body is the shape
``backcare plan --json`` prints (:mod:`backcare.planning.shapes`): the same ``phases`` and
``total_seconds`` as ``GET /api/timeline`` for the same answers. Every text, the refusals
included, is in the request's language (``?lang=`` or ``Accept-Language``).
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field, StrictBool, StrictInt

from backcare.catalogue.library import get_library
from backcare.export.timeline_shapes import TimelineOut
from backcare.planning.screen_scope import questions_for_routine, screen_for
from backcare.planning.shapes import ScreenOut, plan_out
from backcare.plans import (
    InputError,
    PlanError,
    Profile,
    conditions_from_diagnosis,
    make_plan,
    run_screen,
)
from backcare.practice.owner import owner_of
from backcare.practice.painful_marks import hurt_days
from backcare.progress.accepted import adjustments_for_routine
from backcare.site.api_errors import (
    NOT_FOUND,
    WRITES,
    FieldProblem,
    Message,
    Problems,
    not_found,
)
from backcare.site.personal import mark_personal
from backcare.vocabulary import gettext

router = Router(tags=["plans"])


class PlanRequest(Schema):
    routine: str = Field(description="the routine's slug, e.g. dont-crack-your-back")
    floor: StrictBool | None = Field(
        None, description="can you get down to the floor and back up? (required for a plan)")
    conditions: list[str] | None = Field(
        None,
        description="the health conditions you know you have: slugs from GET "
                    "/api/health-conditions, or [\"none-known\"], or include \"other\" for "
                    "one not listed (then every condition's rules apply). null: not told "
                    "(the safe default, which leaves out what needs a known condition)")
    bending_worsens_leg_pain: StrictBool | None = Field(
        None, description="with a disc problem: does sitting or bending forward make your "
                          "leg pain worse? null if not sure")
    diagnosis: Literal["none", "disc", "other"] | None = Field(
        None,
        description="older form of conditions, still read: none = [\"none-known\"], "
                    "disc = [\"disc\"], other = [\"other\"]. Give one or the other")
    minutes: StrictInt | None = Field(None, description="time available; null for no limit")
    pain: StrictInt | None = Field(None, description="pain today, 0-10; recorded, changes nothing")
    skip: list[str] = Field(default_factory=list,
                            description="exercise slugs to leave out because they hurt")
    red_flags: dict[str, StrictBool] = Field(
        description="every question id from GET /api/screen -> true (yes) or false (no); "
                    "an urgent question answered true is enough on its own (403 emergency)")


class RedFlagOut(Schema):
    detail: str
    level: Literal["see-doctor", "emergency"]
    advice: str
    flagged: list[str]


class PlanRefused(Schema):
    """422 when no plan fits: ``minimum_seconds`` is the least time that would."""

    detail: str
    minimum_seconds: int | None = None


def _problems(exc: InputError, prefix: tuple[str, ...] = ("body",)) -> Problems:
    return Problems(detail=[FieldProblem(loc=[*prefix, field], msg=message, type="value_error")
                            for field, message in exc.errors.items()])


@router.get("/screen", response={200: ScreenOut, **NOT_FOUND},
            summary="The safety questions to ask before any plan (?routine=<slug>: that routine's)")
def get_screen(request: HttpRequest, routine: str | None = None) -> ScreenOut:
    return screen_for(routine)  # a routine's body areas decide its questions (screen_scope)


@router.post(
    "/plans",
    response={**WRITES, 200: TimelineOut, 403: RedFlagOut | Message, **NOT_FOUND,
              422: Problems | PlanRefused},
    summary="Fit a routine to one person, after the safety questions",
)
def create_plan(request: HttpRequest, payload: PlanRequest) -> Status[object]:
    mark_personal(request)  # what hurt on this device is left out: its own answer
    try:
        screened = run_screen(payload.red_flags, questions_for_routine(payload.routine))
    except InputError as exc:
        return Status(422, _problems(exc, ("body", "red_flags")))
    if not screened.plan_allowed:
        return Status(403, RedFlagOut(detail=screened.headline, level=screened.level,  # type: ignore[arg-type]
                                      advice=screened.advice, flagged=list(screened.flagged)))

    library = get_library()
    if payload.routine not in library.routines:
        raise not_found("routine", payload.routine)
    if payload.floor is None:
        return Status(422, _problems(InputError({"floor": gettext("is required for a plan")})))
    if payload.conditions is not None and payload.diagnosis is not None:
        return Status(422, _problems(InputError(
            {"conditions": gettext("give conditions or the older diagnosis, not both")})))
    try:
        conditions = (conditions_from_diagnosis(payload.diagnosis)
                      if payload.diagnosis is not None
                      else None if payload.conditions is None else frozenset(payload.conditions))
        profile = Profile(floor=payload.floor, conditions=conditions,
                          bending_worsens_leg_pain=payload.bending_worsens_leg_pain,
                          minutes=payload.minutes, pain=payload.pain, skip=tuple(payload.skip))
        owner = owner_of(request)
        plan = make_plan(library, payload.routine, profile, hurt_days(owner),
                         adjustments_for_routine(owner, payload.routine))
    except InputError as exc:
        return Status(422, _problems(exc))
    except PlanError as exc:
        return Status(422, PlanRefused(detail=exc.message, minimum_seconds=exc.minimum_seconds))
    return Status(200, plan_out(plan))
