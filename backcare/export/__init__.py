"""JSON shapes of the library's objects, shared by the web API and the CLI (never imports Django)."""

from backcare.export.json_shapes import (
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
    routine_seconds,
)

__all__ = [
    "ConditionOut", "ExerciseBrief", "ExerciseOut", "HealthConditionOut", "RoutineDetail",
    "RoutineOut", "condition_out", "exercise_brief", "exercise_out", "health_condition_out",
    "routine_detail", "routine_out", "routine_seconds",
]
