"""The timeline as JSON: what the players follow, phase by phase and step by step (plain
Python). ``GET /api/timeline``, ``POST /api/plans``, the player page and ``backcare plan
--json`` all give this shape; every text field is in the language in force
(:mod:`backcare.vocabulary`), every identifier (slugs, ``kind``, ``reason``, ``side``) in
English whatever the language."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from backcare.playscript import build_script
from backcare.timeline import Timeline
from backcare.vocabulary import current


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
    action: Literal["hold", "move"] = Field(
        description="what this repetition is: hold (stay still for hold_seconds) or move (keep "
                    "moving, one repetition taking about hold_seconds); one rule for every "
                    "page, PDF, the CLI and both players")


class PlayPhaseOut(BaseModel):
    """One phase of the play script (backcare.playscript): what a player shows, says and
    times. The phases' seconds add up to the timeline's ``total_seconds``."""

    kind: Literal["get-ready", "hold", "move", "rest", "switch-sides", "done"] = Field(
        description="get-ready: the pause before an exercise (longer when the position "
                    "changes); hold: stay still; move: keep moving; rest: the pause between "
                    "repetitions or rounds; switch-sides; done: the end (0 seconds)")
    seconds: int
    starts_at: int = Field(description="seconds from the start of the session")
    step: int = Field(description="the step (index into steps) this phase is or leads into")
    exercise: str | None = Field(description="the exercise's slug; null for done")
    name: str = Field(description="the exercise's name, in the language asked for; empty "
                                  "for done")
    side: Literal["left", "right"] | None
    rep: int = Field(description="the repetition this phase is or leads into, of reps")
    reps: int
    set: int = Field(description="the round this phase is in or leads into, of sets")
    sets: int
    text: str = Field(description="what the screen shows, in the language asked for")
    say: str = Field(description="what the voice says, in the language asked for")


class ChangeOut(BaseModel):
    kind: str = Field(description="what the plan changed (an identifier)")
    exercise: str
    replacement: str | None
    reason: str = Field(description="why, in the language asked for")
    condition: str | None = Field(
        None, description="the condition behind a condition rule's change, if any")
    movement: str | None = Field(
        None, description="the movement family behind a condition rule's change, if any")


class LeftOutOut(BaseModel):
    """An exercise of the routine that this timeline leaves out, and why."""

    exercise: str
    reason: Literal["needs-known-condition", "condition", "skipped", "hurt-last-time", "no-floor",
                    "time"] = Field(
        description="needs-known-condition: only for a condition you have not told us about; "
                    "condition: a condition you told us about rules it out; skipped: you "
                    "said it hurts; hurt-last-time: it hurt in a session on this device "
                    "(POST /api/painful-exercises/<slug>/include puts it back); no-floor: it "
                    "needs the floor; time: to fit your time (an identifier, the same in "
                    "every language)")
    why: str = Field(description="why, in the language asked for")


class TimelineOut(BaseModel):
    routine: str
    title: str
    total_seconds: int = Field(
        description="the whole session, every get-ready included: the sum of the phases' "
                    "seconds, and the total every page, worksheet and player states")
    language: str = Field("en", description="the language of every text field (en, es)")
    plan: str | None  # the profile as a query string when this is a personal plan
    phases: list[PlayPhaseOut] = Field(
        default_factory=list,
        description="the play script, phase after phase: what a player shows (text), says "
                    "(say) and times (seconds); their seconds add up to total_seconds")
    steps: list[StepOut]
    changes: list[ChangeOut]
    left_out: list[LeftOutOut] = Field(
        default_factory=list,
        description="every exercise of the routine left out, with its reason; with no "
                    "answers given this is the safe default (what needs a known condition)")
    advice: list[str] = Field(
        default_factory=list, description="what to keep in mind for the conditions given, "
                                          "in the language asked for")


def steps_out(timeline: Timeline) -> list[StepOut]:
    return [
        StepOut(index=i, exercise=s.exercise, name=s.name, side=s.side, set=s.set, sets=s.sets,
                rep=s.rep, reps=s.reps, hold_seconds=s.hold_seconds,
                rest_seconds=s.rest_seconds, cue=s.cue, starts_at=s.starts_at,
                action=s.action)
        for i, s in enumerate(timeline.steps)
    ]


def phases_out(timeline: Timeline) -> list[PlayPhaseOut]:
    return [PlayPhaseOut(**phase.as_dict()) for phase in build_script(timeline).phases]


def timeline_out(routine: str, title: str, timeline: Timeline, plan: str | None = None,
                 changes: list[ChangeOut] | None = None,
                 left_out: list[LeftOutOut] | None = None,
                 advice: list[str] | None = None) -> TimelineOut:
    script = build_script(timeline)
    return TimelineOut(routine=routine, title=title, total_seconds=script.total_seconds,
                       language=current(), plan=plan,
                       phases=[PlayPhaseOut(**phase.as_dict()) for phase in script.phases],
                       steps=steps_out(timeline), changes=changes or [],
                       left_out=left_out or [], advice=advice or [])
