"""The result of planning: the exercises at their final doses, the timeline, and why.

A :class:`Plan` is immutable and made only by :func:`backcare.plans.make_plan`. Its
``timeline`` is built by :func:`backcare.timeline.build_timeline`, the same builder the
players and worksheets use, and ``total_seconds`` is that timeline's total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from backcare.plans.profile import Profile
from backcare.timeline import Dosed, Timeline

ChangeKind = Literal[
    "skipped",                 # the person said it hurts
    "excluded-by-precaution",  # the exercise's rules do not suit the person's diagnosis
    "swapped",                 # needs the floor; replaced by its declared seated version
    "dropped",                 # needs the floor and has no usable seated version
    "dropped-for-time",        # left out so the plan fits the time available
    "sets-reduced",            # fewer sets so the plan fits the time available
    "reps-reduced",            # fewer repetitions so the plan fits the time available
]


@dataclass(frozen=True)
class Change:
    """One difference from the routine as published, with the reason in plain words.

    ``exercise`` is the routine's exercise (for "swapped") or the one in the plan (for
    reductions); ``replacement`` is the seated version swapped in, else None.
    """

    kind: ChangeKind
    exercise: str
    replacement: str | None
    reason: str


@dataclass(frozen=True)
class Plan:
    routine_slug: str
    routine_title: str
    profile: Profile
    items: tuple[Dosed, ...]
    timeline: Timeline
    changes: tuple[Change, ...]

    @property
    def total_seconds(self) -> int:
        return self.timeline.total_seconds

    @property
    def budget_seconds(self) -> int | None:
        return self.profile.budget_seconds

    @property
    def exercise_slugs(self) -> tuple[str, ...]:
        return tuple(item.exercise.slug for item in self.items)
