"""Turns doses into a step-by-step timeline: the one source of every duration."""

from backcare.timeline.build import SIDE_SWITCH_SECONDS, Dosed, Step, Timeline, build_timeline

__all__ = ["SIDE_SWITCH_SECONDS", "Dosed", "Step", "Timeline", "build_timeline"]
