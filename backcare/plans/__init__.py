"""Personal plans: the safety screen, the person's profile, and routine -> plan.

Plain Python (never imports Django), so the web pages, the API and the CLI all make the
same plan the same way.
"""

from backcare.content.wording import format_duration
from backcare.plans.errors import InputError, PlanError
from backcare.plans.plan import Change, ChangeKind, Plan
from backcare.plans.planner import make_plan
from backcare.plans.profile import (
    DIAGNOSES,
    MAX_MINUTES,
    MIN_MINUTES,
    PROFILE_PARAMS,
    Profile,
    asks_for_plan,
    profile_from_params,
    profile_params,
    profile_to_params,
)
from backcare.plans.redflags import (
    QUESTIONS,
    SCREEN_VERSION,
    SOURCES,
    RedFlagQuestion,
    ScreenResult,
    run_screen,
    screen_version,
)

__all__ = [
    "DIAGNOSES", "MAX_MINUTES", "MIN_MINUTES", "PROFILE_PARAMS", "QUESTIONS", "SCREEN_VERSION",
    "SOURCES",
    "Change", "ChangeKind", "InputError", "Plan", "PlanError", "Profile", "RedFlagQuestion",
    "ScreenResult", "asks_for_plan", "format_duration", "make_plan", "profile_from_params",
    "profile_params", "profile_to_params", "run_screen", "screen_version",
]
