"""Plans as JSON, shared by the API (``POST /api/plans``) and ``backcare plan --json``.

Plain Python: no Django here, so the CLI can use it without setting Django up.
"""

from __future__ import annotations

from urllib.parse import urlencode

from pydantic import BaseModel

from backcare.export.timeline_shapes import ChangeOut, TimelineOut, timeline_out
from backcare.plans import QUESTIONS, SCREEN_VERSION, SOURCES, Plan, Profile, profile_to_params


def plan_query(profile: Profile) -> str:
    """The profile as a query string (no leading "?"): what a plan's URL carries."""
    return urlencode(profile_to_params(profile), safe=",")


def plan_out(plan: Plan) -> TimelineOut:
    """The plan's timeline, its profile as a query string, and every change with its reason."""
    changes = [ChangeOut(kind=c.kind, exercise=c.exercise, replacement=c.replacement,
                         reason=c.reason) for c in plan.changes]
    return timeline_out(plan.routine_slug, plan.routine_title, plan.timeline,
                        plan=plan_query(plan.profile), changes=changes)


class QuestionOut(BaseModel):
    id: str
    text: str
    urgent: bool


class ScreenOut(BaseModel):
    version: str
    questions: list[QuestionOut]
    sources: list[str]
    how_to_answer: str


def screen_out() -> ScreenOut:
    return ScreenOut(
        version=SCREEN_VERSION,
        questions=[QuestionOut(id=q.id, text=q.text, urgent=q.urgent) for q in QUESTIONS],
        sources=list(SOURCES),
        how_to_answer="Send every question's id in red_flags with true (yes) or false (no). "
                      "Any true means no plan: the answer says what care to get instead.",
    )
