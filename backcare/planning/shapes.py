"""Plans as JSON, shared by the API (``POST /api/plans``) and ``backcare plan --json``.

Plain Python: no Django here, so the CLI can use it without setting Django up. Every text
is in the language in force (:mod:`backcare.vocabulary`): the library's, the plan's reasons
and the questions come translated; identifiers (slugs, kinds, reasons) stay English.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from urllib.parse import urlencode

from pydantic import BaseModel

from backcare.content import Library
from backcare.export.timeline_shapes import ChangeOut, LeftOutOut, TimelineOut, timeline_out
from backcare.plans import (
    QUESTIONS,
    SCREEN_VERSION,
    SOURCES,
    Plan,
    Profile,
    RedFlagQuestion,
    profile_to_params,
    safe_default_plan,
)
from backcare.plans.redflag_questions import AREAS, Area, areas_covered
from backcare.vocabulary import gettext


def plan_query(profile: Profile) -> str:
    """The profile as a query string (no leading "?"): what a plan's URL carries."""
    return urlencode(profile_to_params(profile), safe=",")


def plan_out(plan: Plan, *, personal: bool = True) -> TimelineOut:
    """The plan's timeline, its profile as a query string, every change with its reason and
    every exercise left out. ``personal=False`` for the safe default (no answers given):
    then ``plan`` is null, as for a routine."""
    changes = [ChangeOut(kind=c.kind, exercise=c.exercise, replacement=c.replacement,
                         reason=c.reason, condition=c.condition, movement=c.movement)
               for c in plan.changes]
    left_out = [LeftOutOut(exercise=item.exercise, reason=item.reason, why=item.why)
                for item in plan.left_out]
    return timeline_out(plan.routine_slug, plan.routine_title, plan.timeline,
                        plan=plan_query(plan.profile) if personal else None, changes=changes,
                        left_out=left_out, advice=list(plan.advice))


def safe_default_out(library: Library, routine_slug: str,
                     hurt: Mapping[str, date] | None = None) -> TimelineOut:
    """The timeline for someone who has told us nothing: the routine less what needs a
    known condition, each left out with how to include it (and less what hurt on this
    device, given ``hurt``). Raises PlanError when nothing is left."""
    return plan_out(safe_default_plan(library, routine_slug, hurt), personal=False)


class QuestionOut(BaseModel):
    id: str
    text: str
    urgent: bool
    area: Area


class ScreenOut(BaseModel):
    version: str
    routine: str | None
    areas: list[Area]
    questions: list[QuestionOut]
    sources: list[str]
    how_to_answer: str


def screen_out(questions: tuple[RedFlagQuestion, ...] = QUESTIONS,
               routine: str | None = None) -> ScreenOut:
    """The questions to ask (a routine's, or every one), urgent first."""
    covered = areas_covered(questions)
    return ScreenOut(
        version=SCREEN_VERSION,
        routine=routine,
        areas=[a for a in AREAS if a in covered],
        questions=[QuestionOut(id=q.id, text=q.text, urgent=q.urgent, area=q.area)
                   for q in questions],
        sources=list(SOURCES),
        how_to_answer=gettext(
            "Send every question's id in red_flags with true (yes) or false (no). Any true "
            "means no plan: the answer says what care to get instead. Ask with "
            "?routine=<slug> for the questions that routine needs."),
    )
