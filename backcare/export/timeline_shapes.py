"""The timeline as JSON: what the players follow, step by step (plain Python)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from backcare.timeline import Timeline


class StepOut(BaseModel):
    index: int
    exercise: str
    name: str
    side: Literal["left", "right"] | None
    set: int
    sets: int
    rep: int
    reps: int
    hold_seconds: int
    rest_seconds: int
    cue: str
    starts_at: int


class ChangeOut(BaseModel):
    kind: str
    exercise: str
    replacement: str | None
    reason: str


class TimelineOut(BaseModel):
    routine: str
    title: str
    total_seconds: int
    plan: str | None  # the profile as a query string when this is a personal plan
    steps: list[StepOut]
    changes: list[ChangeOut]


def steps_out(timeline: Timeline) -> list[StepOut]:
    return [
        StepOut(index=i, exercise=s.exercise, name=s.name, side=s.side, set=s.set, sets=s.sets,
                rep=s.rep, reps=s.reps, hold_seconds=s.hold_seconds,
                rest_seconds=s.rest_seconds, cue=s.cue, starts_at=s.starts_at)
        for i, s in enumerate(timeline.steps)
    ]


def timeline_out(routine: str, title: str, timeline: Timeline, plan: str | None = None,
                 changes: list[ChangeOut] | None = None) -> TimelineOut:
    return TimelineOut(routine=routine, title=title, total_seconds=timeline.total_seconds,
                       plan=plan, steps=steps_out(timeline), changes=changes or [])
