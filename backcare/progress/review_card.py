"""This week's review card on /progress/: the suggested change in words, why, and the
changes accepted so far.

The suggestion itself (and its "why" line) comes from the weekly review
(:mod:`backcare.progress.reviewing`, the core's rules); this module only says a change in
plain words: which exercise, and what becomes of it. The card's form sends the
suggestion's ``key`` back with the answer, so an answer is always to the change shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from backcare.content import Library
from backcare.plans.suitability import day_text
from backcare.practice.owner import Owner
from backcare.progress import reviewing
from backcare.progress.models import ReviewDecision
from backcare.vocabulary import gettext, ngettext

#: The accepted changes the card lists, newest first.
ACCEPTED_SHOWN = 10


def exercise_name(library: Library, slug: str | None) -> str:
    if not slug or slug == "*":
        return gettext("every exercise")
    exercise = library.exercises.get(slug)
    return exercise.name if exercise is not None else slug


def change_text(library: Library, change: str, exercise: str | None,
                adjustment: Mapping[str, Any] | None) -> str:
    """One change in plain words: "One more repetition of Bridge"."""
    adjustment = adjustment or {}
    name = exercise_name(library, exercise or adjustment.get("exercise"))
    field = adjustment.get("field", "reps")
    by = abs(int(adjustment.get("by") or 1))
    if change == "swap":
        return gettext("Do {replacement} in place of {exercise}").format(
            replacement=exercise_name(library, adjustment.get("to")), exercise=name)
    if change == "step-up":
        if field == "reps":
            return ngettext("One more repetition of {exercise}",
                            "{count} more repetitions of {exercise}", by).format(
                count=by, exercise=name)
        if field == "sets":
            return ngettext("One more set of {exercise}", "{count} more sets of {exercise}",
                            by).format(count=by, exercise=name)
        return gettext("A little more of {exercise}").format(exercise=name)
    if change == "fewer-reps":
        if field == "reps":
            return ngettext("One repetition fewer of {exercise}",
                            "{count} repetitions fewer of {exercise}", by).format(
                count=by, exercise=name)
        return gettext("A little less of {exercise}").format(exercise=name)
    return gettext("Talk to your doctor or physical therapist before doing more")


@dataclass(frozen=True)
class Suggested:
    change: str        # the change in words
    kind: str          # swap | fewer-reps | step-up | talk-to-clinician
    why: str
    key: str           # sent back with the answer (reviewing.decide)


@dataclass(frozen=True)
class Accepted:
    day: date
    day_text: str
    change: str
    why: str


@dataclass(frozen=True)
class ReviewCard:
    suggested: Suggested | None
    accepted: tuple[Accepted, ...]
    decided_this_week: bool


def review_card(owner: Owner, library: Library, today: date) -> ReviewCard:
    suggestion = reviewing.suggestion_for(owner, today) if owner.known else None
    suggested = None
    if suggestion is not None:
        adjustment = suggestion.adjustment.to_data() if suggestion.adjustment else {}
        suggested = Suggested(
            change=change_text(library, suggestion.change, suggestion.exercise, adjustment),
            kind=suggestion.change, why=suggestion.why, key=suggestion.key)
    decisions = owner.rows(ReviewDecision)
    monday = today.toordinal() - today.weekday()
    decided = decisions.filter(week=date.fromordinal(monday)).exists() if owner.known else False
    accepted = []
    for row in decisions.filter(accepted=True).order_by("-decided_at")[:ACCEPTED_SHOWN]:
        day = timezone.localtime(row.decided_at).date()
        accepted.append(Accepted(day=day, day_text=day_text(day),
                                 change=change_text(library, row.change, row.exercise,
                                                    row.adjustment),
                                 why=row.why))
    return ReviewCard(suggested=suggested, accepted=tuple(accepted), decided_this_week=decided)
