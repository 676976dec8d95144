"""Turns doses into a step-by-step timeline: the one source of every duration."""

from backcare.timeline.build import (
    FIRST_GET_READY_SECONDS,
    POSITION_CHANGE_SECONDS,
    SIDE_SWITCH_SECONDS,
    Dosed,
    Step,
    Timeline,
    build_timeline,
    get_ready_seconds,
)

__all__ = ["FIRST_GET_READY_SECONDS", "POSITION_CHANGE_SECONDS", "SIDE_SWITCH_SECONDS", "Dosed",
           "Step", "Timeline", "build_timeline", "get_ready_seconds"]
