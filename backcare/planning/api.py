"""Personal plans over JSON: ``GET /api/screen`` and ``POST /api/plans`` (mounted at /api/).

The red-flag answers travel with every plan request: the API remembers nothing. Any
"yes" answers 403 with the care to get instead, and no plan. The 200 body is the shape
``backcare plan --json`` prints (:mod:`backcare.planning.shapes`).
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field, StrictBool, StrictInt

from backcare.catalogue.library import get_library
from backcare.export.timeline_shapes import TimelineOut
from backcare.planning.shapes import ScreenOut, plan_out, screen_out
from backcare.plans import InputError, PlanError, Profile, make_plan, run_screen
from backcare.site.api_errors import NOT_FOUND, WRITES, FieldProblem, Message, Problems

router = Router(tags=["plans"])


class PlanRequest(Schema):
    routine: str = Field(description="the routine's slug, e.g. dont-crack-your-back")
    floor: StrictBool | None = Field(
        None, description="can you get down to the floor and back up? (required for a plan)")
    diagnosis: Literal["none", "disc", "other"] | None = Field(
        None,
        description="required for a plan: none known, a disc problem, or another specific diagnosis "
                    "(such as osteoporosis, a spinal fusion, recent back surgery, "
                    "spondylolisthesis)")
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


@router.get("/screen", response=ScreenOut, summary="The safety questions to ask before any plan")
def get_screen(request: HttpRequest) -> ScreenOut:
    return screen_out()


@router.post(
    "/plans",
    response={**WRITES, 200: TimelineOut, 403: RedFlagOut | Message, **NOT_FOUND,
              422: Problems | PlanRefused},
    summary="Fit a routine to one person, after the safety questions",
)
def create_plan(request: HttpRequest, payload: PlanRequest) -> Status[object]:
    try:
        screened = run_screen(payload.red_flags)
    except InputError as exc:
        return Status(422, _problems(exc, ("body", "red_flags")))
    if not screened.plan_allowed:
        return Status(403, RedFlagOut(detail=screened.headline, level=screened.level,  # type: ignore[arg-type]
                                      advice=screened.advice, flagged=list(screened.flagged)))

    library = get_library()
    if payload.routine not in library.routines:
        raise HttpError(404, f"No routine called {payload.routine!r}. See /api/routines for the list.")
    missing = {name: "is required for a plan" for name in ("floor", "diagnosis")
               if getattr(payload, name) is None}
    if missing:
        return Status(422, _problems(InputError(missing)))
    try:
        profile = Profile(floor=bool(payload.floor), diagnosis=payload.diagnosis or "none",
                          minutes=payload.minutes, pain=payload.pain, skip=tuple(payload.skip))
        plan = make_plan(library, payload.routine, profile)
    except InputError as exc:
        return Status(422, _problems(exc))
    except PlanError as exc:
        return Status(422, PlanRefused(detail=exc.message, minimum_seconds=exc.minimum_seconds))
    return Status(200, plan_out(plan))
