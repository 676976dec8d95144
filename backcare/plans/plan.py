"""The result of planning: the exercises at their final doses, the timeline, and why.

A :class:`Plan` is immutable and made only by :func:`backcare.plans.make_plan`. Its
``timeline`` is built by :func:`backcare.timeline.build_timeline`, the same builder the
players and worksheets use, and ``total_seconds`` is that timeline's total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from backcare.outcomes.adjusting import Adjustment
from backcare.plans.profile import Profile
from backcare.timeline import Dosed, Timeline
from backcare.vocabulary import gettext_noop

#: Why an exercise of the routine is not in the plan (the ``left_out`` reason codes).
LeftOutReason = Literal[
    "needs-known-condition",  # only for a condition the person has not told us about
    "condition",              # a condition the person told us about rules it out
    "skipped",                # the person said it hurts
    "hurt-last-time",         # it hurt in a session on this device, until included again
    "no-floor",               # needs the floor, and no usable seated version
    "time",                   # left out so the plan fits the time available
]
LEFT_OUT_REASONS: tuple[LeftOutReason, ...] = (
    "needs-known-condition", "condition", "skipped", "hurt-last-time", "no-floor", "time",
)

ChangeKind = Literal[
    "needs-known-condition", "condition", "skipped", "hurt-last-time", "no-floor", "time",
    "swapped",       # needs the floor; replaced by its declared seated version
    "flagged",       # kept, with a caution for a condition the person told us about
    "sets-reduced",  # fewer sets so the plan fits the time available
    "reps-reduced",  # fewer repetitions so the plan fits the time available
]


@dataclass(frozen=True)
class Change:
    """One difference from the routine as published, with the reason in plain words.

    ``exercise`` is the routine's exercise (for "swapped") or the one in the plan (for
    reductions and flags); ``replacement`` is the seated version swapped in, else None.
    ``condition`` and ``movement`` name the condition and movement family behind a
    "condition", "needs-known-condition" or "flagged" change, when there is one.
    """

    kind: ChangeKind
    exercise: str
    replacement: str | None
    reason: str
    condition: str | None = None
    movement: str | None = None


class LeftOut(NamedTuple):
    """An exercise of the routine that is not in the plan: the reason code and why."""

    exercise: str
    reason: LeftOutReason
    why: str


def left_out(changes: tuple[Change, ...]) -> tuple[LeftOut, ...]:
    """The changes that leave an exercise out, in order."""
    return tuple(LeftOut(c.exercise, c.kind, c.reason) for c in changes
                 if c.kind in LEFT_OUT_REASONS)


@dataclass(frozen=True)
class Plan:
    routine_slug: str
    routine_title: str
    profile: Profile
    items: tuple[Dosed, ...]
    timeline: Timeline
    changes: tuple[Change, ...]
    #: Said on every plan for the person's conditions (e.g. get the surgeon's OK first).
    advice: tuple[str, ...] = ()
    #: Exercises this device said hurt (slug -> the day), left out until included again.
    hurt: tuple[tuple[str, date], ...] = ()
    #: The weekly-review changes the plan was made with, in the order accepted: making the
    #: plan again (a worksheet in another language) needs them to give the same plan.
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def total_seconds(self) -> int:
        return self.timeline.total_seconds

    @property
    def budget_seconds(self) -> int | None:
        return self.profile.budget_seconds

    @property
    def exercise_slugs(self) -> tuple[str, ...]:
        return tuple(item.exercise.slug for item in self.items)

    @property
    def left_out(self) -> tuple[LeftOut, ...]:
        """Every exercise of the routine left out of this plan, with its reason."""
        return left_out(self.changes)


#: How every edge groups a plan's changes, in this order: (heading, change kinds). The plan
#: page and ``backcare plan`` show these headings (translated when shown).
CHANGE_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    (gettext_noop("Swapped for a seated version"), frozenset({"swapped"})),
    (gettext_noop("Left out"), frozenset(LEFT_OUT_REASONS)),
    (gettext_noop("Kept, with a caution"), frozenset({"flagged"})),
    (gettext_noop("Done fewer times, to fit your time"),
     frozenset({"sets-reduced", "reps-reduced"})),
)
