"""Pydantic models for what the API and ``backcare show --json`` return, and the builders.

The web API declares these models as its response schemas (so OpenAPI describes exactly
what is sent) and the CLI dumps the same models, so one object looks the same in both.
Every exercise object carries ``slug``, ``name``, ``position`` (with ``position_label``)
and ``needs_floor``. Texts are in the library's language (``Library.in_language``) and
labels in the language in force (:mod:`backcare.vocabulary`); slugs and enumeration values
are identifiers, the same in every language.

A routine's ``estimated_seconds`` is :func:`routine_seconds`: the ``total_seconds`` of the
timeline ``GET /api/timeline?routine=<slug>`` gives with no answers (the safe default),
every get-ready included, so the API, the routine page and the players state one number.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backcare.content import Library
from backcare.content.rules_schema import HealthCondition
from backcare.content.schema import (
    POSITION_LABELS,
    BodyArea,
    Condition,
    Equipment,
    Exercise,
    Kind,
    Movement,
    Place,
    Position,
    Routine,
    Source,
)
from backcare.export.timeline_shapes import LeftOutOut
from backcare.plans import Plan, PlanError, safe_default_plan
from backcare.plans.condition_rules import conditions_touching

POSITION_LABEL = Field(description="the position, as a person reads it, in the language "
                                   "asked for")


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class ExerciseBrief(Out):
    """An exercise in a list: enough to choose one."""

    slug: str
    name: str
    other_names: list[str]
    summary: str
    position: Position
    position_label: str = POSITION_LABEL
    needs_floor: bool = Field(description="True when it is done lying or kneeling")
    kind: Kind
    body_areas: list[BodyArea]
    equipment: list[Equipment]


class DoseOut(Out):
    hold_seconds: int = Field(description="length of one hold or one repetition")
    reps: int
    sets: int
    rest_seconds: int = Field(description="pause between repetitions")


class RulesOut(Out):
    only_with_conditions: list[str] = Field(
        description="offered only to someone who told us they have one of these conditions")
    not_with_conditions: list[str] = Field(description="left out for these conditions")


class ExerciseOut(Out):
    """Everything about one exercise."""

    slug: str
    name: str
    other_names: list[str]
    summary: str
    position: Position
    position_label: str = POSITION_LABEL
    needs_floor: bool
    places: list[Place]
    kind: Kind
    action: Literal["hold", "move"] = Field(
        description="what one repetition is: hold (stay still) or move; the same word every "
                    "page, PDF, the CLI and both players use")
    body_areas: list[BodyArea]
    equipment: list[Equipment]
    per_side: bool = Field(description="done on the left and then the right side")
    dose: DoseOut = Field(description="the default dose; a routine may change it")
    movements: list[Movement] = Field(
        description="the movement families it loads, which the condition rules act on")
    min_reps: int = Field(
        description="the fewest repetitions still worth doing; a plan never cuts below it")
    steps: list[str]
    cues: list[str]
    precautions: list[str]
    rules: RulesOut
    left_out_for: list[str] = Field(
        description="conditions (GET /api/health-conditions) whose rules leave it out")
    flagged_for: list[str] = Field(
        description="conditions whose rules keep it with a caution")
    seated_alternative: str | None = Field(description="slug of an exercise done in a chair")
    source: Source
    used_in: list[str] = Field(description="slugs of the routines that include it")


class RoutineOut(Out):
    """A routine in a list."""

    slug: str
    title: str
    summary: str
    source: Source
    estimated_seconds: int = Field(
        description="the total_seconds of GET /api/timeline?routine=<slug> with no answers "
                    "(the safe default): every get-ready, hold and rest, in seconds")


class RoutineExercise(Out):
    """One exercise of a routine with the routine's dose for it."""

    slug: str
    name: str
    position: Position
    position_label: str = POSITION_LABEL
    needs_floor: bool
    hold_seconds: int
    reps: int
    sets: int
    per_side: bool
    rest_seconds: int


class PhaseOut(Out):
    name: str
    exercises: list[str] = Field(description="exercise slugs, in order")


class RoutineDetail(Out):
    """One routine: its phases and every exercise in order with its dose."""

    slug: str
    title: str
    summary: str
    suits: str
    source: Source
    transition_seconds: int = Field(
        description="pause between two exercises in the same position; the get-ready before "
                    "an exercise in another position is longer")
    estimated_seconds: int = Field(
        description="the total_seconds of GET /api/timeline?routine=<slug> with no answers "
                    "(the safe default, less what left_out lists): every get-ready, hold "
                    "and rest, in seconds")
    related: list[str] = Field(description="slugs of related routines")
    phases: list[PhaseOut]
    exercises: list[RoutineExercise] = Field(description="the routine as published")
    left_out: list[LeftOutOut] = Field(
        default_factory=list,
        description="what the safe default leaves out of the routine (and of "
                    "estimated_seconds), each with why: what needs a known condition")


class MovementRuleOut(Out):
    effect: Literal["exclude", "flag"] = Field(
        description="exclude: left out of every plan; flag: kept, with a caution")
    movements: list[Movement]
    exercises: list[str]
    when: str | None = Field(description="the yes/no answer the rule depends on, if any")
    why: str
    source: str


class HealthConditionOut(Out):
    """A condition a person can tell us about (``conditions=<slug>`` in a plan)."""

    slug: str
    label: str
    description: str
    advice: str | None
    rules: list[MovementRuleOut]


class ConditionRoutine(Out):
    slug: str
    title: str
    estimated_seconds: int = Field(description="as GET /api/routines/<slug> gives it")


class ConditionOut(Out):
    slug: str
    name: str
    summary: str
    introduction: list[str]
    routines: list[ConditionRoutine]


def exercise_brief(ex: Exercise) -> ExerciseBrief:
    return ExerciseBrief(
        slug=ex.slug, name=ex.name, other_names=list(ex.other_names), summary=ex.summary,
        position=ex.position, position_label=POSITION_LABELS[ex.position],
        needs_floor=ex.needs_floor, kind=ex.kind,
        body_areas=list(ex.body_areas), equipment=list(ex.equipment),
    )


def exercise_out(library: Library, ex: Exercise) -> ExerciseOut:
    return ExerciseOut(
        slug=ex.slug, name=ex.name, other_names=list(ex.other_names), summary=ex.summary,
        position=ex.position, position_label=POSITION_LABELS[ex.position],
        needs_floor=ex.needs_floor, places=list(ex.places),
        kind=ex.kind, action=ex.hold_or_move, body_areas=list(ex.body_areas),
        equipment=list(ex.equipment), per_side=ex.per_side, dose=DoseOut(**ex.dose.model_dump()),
        movements=list(ex.movements), min_reps=ex.min_reps,
        steps=list(ex.steps), cues=list(ex.cues), precautions=list(ex.precautions),
        rules=RulesOut(only_with_conditions=list(ex.rules.only_with_conditions),
                       not_with_conditions=list(ex.rules.not_with_conditions)),
        left_out_for=list(conditions_touching(library.rules, ex, "exclude")),
        flagged_for=list(conditions_touching(library.rules, ex, "flag")),
        seated_alternative=ex.seated_alternative, source=ex.source,
        used_in=[r.slug for r in library.routines_using(ex.slug)],
    )


def _safe_default(library: Library, slug: str) -> Plan | None:
    try:
        return safe_default_plan(library, slug)
    except PlanError:  # nothing left without answers: the timeline API says so (422)
        return None


def routine_seconds(library: Library, slug: str) -> int:
    """How long the routine takes for someone who has told us nothing: the
    ``total_seconds`` of its safe-default timeline (``GET /api/timeline?routine=<slug>``),
    every get-ready included; the published timeline's when no safe default is left."""
    plan = _safe_default(library, slug)
    return plan.total_seconds if plan is not None else library.estimated_seconds(slug)


def routine_out(library: Library, routine: Routine) -> RoutineOut:
    return RoutineOut(
        slug=routine.slug, title=routine.title, summary=routine.summary, source=routine.source,
        estimated_seconds=routine_seconds(library, routine.slug),
    )


def routine_detail(library: Library, routine: Routine) -> RoutineDetail:
    plan = _safe_default(library, routine.slug)
    return RoutineDetail(
        slug=routine.slug, title=routine.title, summary=routine.summary, suits=routine.suits,
        source=routine.source, transition_seconds=routine.transition_seconds,
        estimated_seconds=(plan.total_seconds if plan is not None
                           else library.estimated_seconds(routine.slug)),
        left_out=[LeftOutOut(exercise=item.exercise, reason=item.reason, why=item.why)
                  for item in (plan.left_out if plan is not None else ())],
        related=list(routine.related),
        phases=[PhaseOut(name=p.name, exercises=[i.exercise for i in p.items])
                for p in routine.phases],
        exercises=[
            RoutineExercise(
                slug=d.exercise.slug, name=d.exercise.name, position=d.exercise.position,
                position_label=POSITION_LABELS[d.exercise.position],
                needs_floor=d.exercise.needs_floor, hold_seconds=d.dose.hold_seconds,
                reps=d.dose.reps, sets=d.dose.sets, per_side=d.exercise.per_side,
                rest_seconds=d.dose.rest_seconds,
            )
            for d in library.dosed(routine)
        ],
    )


def condition_out(library: Library, condition: Condition) -> ConditionOut:
    return ConditionOut(
        slug=condition.slug, name=condition.name, summary=condition.summary,
        introduction=list(condition.introduction),
        routines=[
            ConditionRoutine(slug=s, title=library.routines[s].title,
                             estimated_seconds=routine_seconds(library, s))
            for s in condition.routines
        ],
    )


def health_condition_out(condition: HealthCondition) -> HealthConditionOut:
    return HealthConditionOut(
        slug=condition.slug, label=condition.label, description=condition.description,
        advice=condition.advice,
        rules=[MovementRuleOut(effect=r.effect, movements=list(r.movements),
                               exercises=list(r.exercises), when=r.when, why=r.why,
                               source=r.source) for r in condition.rules],
    )
