"""Personal plans: the safety screen, the person's profile, and routine -> plan.

Plain Python (never imports Django), so the web pages, the API and the CLI all make the
same plan the same way.
"""

from backcare.content.rules_schema import NONE_KNOWN, OTHER
from backcare.content.wording import format_duration
from backcare.plans.errors import InputError, PlanError
from backcare.plans.plan import LEFT_OUT_REASONS, Change, ChangeKind, LeftOut, LeftOutReason, Plan
from backcare.plans.planner import make_plan, safe_default_plan
from backcare.plans.profile import (
    DIAGNOSES,
    FIELD_LABELS,
    MAX_MINUTES,
    MIN_MINUTES,
    PROFILE_PARAMS,
    SAFE_DEFAULT,
    Profile,
    asks_for_plan,
    conditions_from_diagnosis,
    profile_from_params,
    profile_params,
    profile_to_params,
)
from backcare.plans.redflags import (
    AREAS,
    QUESTIONS,
    SCREEN_VERSION,
    SOURCES,
    Area,
    RedFlagQuestion,
    ScreenResult,
    UrgentHelp,
    run_screen,
    screen_version,
    urgent_help,
)
from backcare.plans.routine_screen import (
    routine_areas,
    routine_body_areas,
    routine_questions,
    routine_urgent_help,
)

__all__ = [
    "AREAS", "Area", "UrgentHelp", "routine_areas", "routine_body_areas", "routine_questions",
    "routine_urgent_help", "urgent_help",
    "DIAGNOSES", "FIELD_LABELS", "LEFT_OUT_REASONS", "MAX_MINUTES", "MIN_MINUTES", "NONE_KNOWN", "OTHER",
    "PROFILE_PARAMS", "QUESTIONS", "SAFE_DEFAULT", "SCREEN_VERSION", "SOURCES",
    "Change", "ChangeKind", "InputError", "LeftOut", "LeftOutReason", "Plan", "PlanError",
    "Profile", "RedFlagQuestion", "ScreenResult", "asks_for_plan", "conditions_from_diagnosis",
    "format_duration", "make_plan", "profile_from_params", "profile_params",
    "profile_to_params", "run_screen", "safe_default_plan", "screen_version",
]
