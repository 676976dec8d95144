"""The library's read-only JSON API: conditions, routines, exercises, condition rules (at /api/).

The response shapes come from :mod:`backcare.export`, which ``backcare show --json`` also
uses. Every text is in the request's language (``?lang=`` or ``Accept-Language``): the
library comes translated from :func:`get_library`, the errors from the vocabulary.

The docs page at /api/docs is ninja's Swagger page served from /static/ninja/ ("ninja" is
in INSTALLED_APPS); it loads no inline script, so it works under our CSP.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Router

from backcare.catalogue.library import get_library
from backcare.content import ExerciseFilter
from backcare.content.schema import BodyArea, Equipment, Kind, Position
from backcare.export import (
    ConditionOut,
    ExerciseBrief,
    ExerciseOut,
    HealthConditionOut,
    RoutineDetail,
    RoutineOut,
    condition_out,
    exercise_brief,
    exercise_out,
    health_condition_out,
    routine_detail,
    routine_out,
)
from backcare.site.api_errors import NOT_FOUND, READS, links, not_found

router = Router()


@router.get("/conditions/{slug}", response={200: ConditionOut, **NOT_FOUND, **READS}, tags=["conditions"],
         summary="One condition page with its routines")
def get_condition(request: HttpRequest, slug: str) -> ConditionOut:
    library = get_library()
    condition = library.conditions.get(slug)
    if condition is None:
        raise not_found("condition", slug, known=", ".join(sorted(library.conditions)))
    return condition_out(library, condition)


@router.get("/health-conditions", response=list[HealthConditionOut], tags=["conditions"],
            summary="The health conditions a plan can take, and what each leaves out or flags")
def list_health_conditions(request: HttpRequest) -> list[HealthConditionOut]:
    """Give their slugs as `conditions` to GET /api/timeline or POST /api/plans (or say
    `none-known`, or `other` for a condition not listed: then every rule here applies).
    Each rule names the movement families (see an exercise's `movements`) or exercises it
    leaves out (`exclude`) or keeps with a caution (`flag`), why, and its source."""
    return [health_condition_out(c) for c in get_library().rules.conditions]


@router.get("/routines", response=list[RoutineOut], tags=["routines"],
            openapi_extra=links(
                200, GetRoutine=("backcare_catalogue_api_get_routine", {"slug": "$response.body#/0/slug"}),
                GetTimeline=("backcare_practice_api_get_timeline", {"routine": "$response.body#/0/slug"})),
         summary="Every routine with its estimated duration")
def list_routines(request: HttpRequest) -> list[RoutineOut]:
    """`estimated_seconds` is the `total_seconds` of GET /api/timeline?routine=<slug>
    with no answers given: the session as the safe default plays it, every get-ready
    included."""
    library = get_library()
    return [routine_out(library, r) for r in library.routines.values()]


@router.get("/routines/{slug}", response={200: RoutineDetail, **NOT_FOUND, **READS}, tags=["routines"],
            openapi_extra=links(200, GetTimeline=("backcare_practice_api_get_timeline",
                                                  {"routine": "$response.body#/slug"})),
         summary="One routine: phases and exercises in order, each with its dose")
def get_routine(request: HttpRequest, slug: str) -> RoutineDetail:
    """`exercises` is the routine as published; `estimated_seconds` is the
    `total_seconds` of GET /api/timeline?routine=<slug> with no answers given (the safe
    default: less what `left_out` lists, every get-ready included)."""
    library = get_library()
    routine = library.routines.get(slug)
    if routine is None:
        raise not_found("routine", slug)
    return routine_detail(library, routine)


@router.get("/exercises", response={200: list[ExerciseBrief], **READS}, tags=["exercises"],
            openapi_extra=links(200, GetExercise=("backcare_catalogue_api_get_exercise",
                                                  {"slug": "$response.body#/0/slug"})),
         summary="Find exercises; every filter is optional and they combine")
def list_exercises(
    request: HttpRequest,
    position: Position | None = None,
    no_floor: bool = False,
    body_area: BodyArea | None = None,
    kind: Kind | None = None,
    equipment: Literal[Equipment, "none"] | None = None,
    q: str = "",
) -> list[ExerciseBrief]:
    """`no_floor=true` leaves out everything done lying or kneeling. `equipment=none` keeps
    only exercises that need nothing. `q` matches words in names, other names and summaries."""
    query = ExerciseFilter(
        position=position or "", no_floor=no_floor, body_area=body_area or "",
        kind=kind or "", equipment=equipment or "", text=q[:200],
    )
    return [exercise_brief(ex) for ex in get_library().find_exercises(query)]


@router.get("/exercises/{slug}", response={200: ExerciseOut, **NOT_FOUND, **READS}, tags=["exercises"],
         summary="Everything about one exercise, and the routines that use it")
def get_exercise(request: HttpRequest, slug: str) -> ExerciseOut:
    library = get_library()
    exercise = library.exercises.get(slug)
    if exercise is None:
        raise not_found("exercise", slug)
    return exercise_out(library, exercise)
