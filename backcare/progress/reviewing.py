"""The weekly review for one person: gather the facts, ask the core for this week's
suggestion (:func:`backcare.outcomes.review.weekly_suggestion`), keep their answer.

The facts come from what they follow now (:func:`backcare.progress.following.current_target`)
as they play it today — after the changes they accepted and every safety filter — their
sessions of it, their weekly pain, their goal, what their conditions exclude, what hurt,
what they declined, whether the clinician locked the program, the day they last accepted
a step up of it and the day of their latest flare in *any* session (a flare while playing
something else holds back a step up too). Days and weeks are the person's: the callers
run in their time zone (:func:`backcare.progress.zones.in_person_zone`).

An answer is to the suggestion the person saw: :func:`decide` takes its ``key`` and, when
this week's suggestion is no longer that one (a session saved since, a page left open
past Monday), keeps nothing and raises :class:`SuggestionChanged`. An accepted change is
a :class:`~backcare.progress.models.ReviewDecision` whose adjustment every edge then
applies (:mod:`backcare.progress.accepted`).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from backcare.catalogue.library import get_library
from backcare.outcomes.progress import one_a_week
from backcare.outcomes.review import ReviewFacts, Suggestion, weekly_suggestion
from backcare.outcomes.review_rules import review_rules
from backcare.practice.owner import Owner
from backcare.prescribing import SessionFact
from backcare.prescribing.adherence import FLARE_RISE
from backcare.progress.accepted import (
    accepted_changes,
    adjustments_for_program,
    adjustments_for_routine,
)
from backcare.progress.following import Target, current_target, target_play, target_sessions
from backcare.progress.models import Change, MeasureResponse, ReviewDecision
from backcare.progress.records import goal_of, local_day
from backcare.site.database import sqlite_write_lock

__all__ = ["SuggestionChanged", "accepted_changes", "adjustments_for_program",
           "adjustments_for_routine", "decide", "facts_for", "monday_of", "suggestion_for"]


class SuggestionChanged(LookupError):
    """The suggestion answered is no longer this week's one: nothing is kept."""


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def last_step_up(decisions: QuerySet[ReviewDecision], target: Target) -> date | None:
    """The day the owner last accepted a step up of this program or routine."""
    if target.patient_program is not None:
        mine = decisions.filter(patient_program=target.patient_program)
    else:
        mine = decisions.filter(routine=target.routine, patient_program__isnull=True)
    latest = (mine.filter(accepted=True, change=Change.STEP_UP).order_by("-decided_at")
              .values_list("decided_at", flat=True).first())
    return local_day(latest) if latest is not None else None


def last_flare(owner: Owner) -> date | None:
    """The day of the owner's latest flare in any session (whatever they played): a stop
    for pain, or pain after at least FLARE_RISE above before (the core's ``is_flare``)."""
    latest = (owner.sessions()
              .filter(Q(stopped_for_pain=True) | Q(pain_after__gte=F("pain_before") + FLARE_RISE))
              .order_by("-started_at").values_list("started_at", flat=True).first())
    return local_day(latest) if latest is not None else None


def facts_for(owner: Owner, today: date | None = None) -> tuple[ReviewFacts, Target] | None:
    """The review's facts for this owner and what they follow; None when they follow
    nothing yet (no program opened, no session)."""
    today = today or timezone.localdate()
    library = get_library()
    target = current_target(owner, library)
    if target is None:
        return None
    played = target_play(owner, target, library)
    sessions = tuple(
        SessionFact(started_at=row.started_at, pain_before=row.pain_before,
                    pain_after=row.pain_after, stopped_for_pain=row.stopped_for_pain,
                    painful_exercise=row.painful_exercise, completed=row.completed)
        for row in target_sessions(owner, target))
    nprs = tuple(one_a_week([(local_day(row.taken_at), row.score)  # as the progress page
                             for row in owner.rows(MeasureResponse).filter(measure="nprs")
                             .order_by("taken_at")]))
    decisions = owner.rows(ReviewDecision)
    declined = tuple((row.key, local_day(row.decided_at))
                     for row in decisions.filter(accepted=False).order_by("decided_at"))
    locked = bool(target.patient_program is not None and target.patient_program.program.locked)
    facts = ReviewFacts(
        today=today, items=played.items, sessions=sessions, nprs=nprs,
        goal=goal_of(owner, target)[0], excluded=played.excluded, hurt=played.hurt,
        declined=declined, decided_this_week=decisions.filter(week=monday_of(today)).exists(),
        locked=locked, tz=timezone.get_current_timezone(),
        last_step_up=last_step_up(decisions, target), last_flare=last_flare(owner))
    return facts, target


def suggestion_for(owner: Owner, today: date | None = None) -> Suggestion | None:
    """This week's one suggestion, or None (nothing to suggest, or already decided)."""
    gathered = facts_for(owner, today)
    if gathered is None:
        return None
    facts, _ = gathered
    return weekly_suggestion(get_library(), review_rules(), facts)


def decide(owner: Owner, accept: bool, today: date | None = None,
           key: str | None = None) -> ReviewDecision:
    """Keep the person's answer to this week's suggestion; LookupError when there is none
    (nothing suggested, or this week's already answered). ``key``: the suggestion's key as
    the person saw it; when given and this week's suggestion is now another,
    :class:`SuggestionChanged` and nothing is kept."""
    today = today or timezone.localdate()
    gathered = facts_for(owner, today)
    if gathered is None:
        raise LookupError("nothing to decide")
    facts, target = gathered
    suggestion = weekly_suggestion(get_library(), review_rules(), facts)
    if suggestion is None:
        raise LookupError("nothing to decide")
    if key is not None and key != suggestion.key:
        raise SuggestionChanged(f"answered {key!r}, this week's is {suggestion.key!r}")
    patient_program = target.patient_program
    with sqlite_write_lock(), transaction.atomic():
        if owner.rows(ReviewDecision).filter(week=monday_of(today)).exists():
            raise LookupError("already decided this week")
        return ReviewDecision.objects.create(
            device=owner.device or "", user_id=owner.user_id, week=monday_of(today),
            rule=suggestion.rule[:40], change=suggestion.change,
            exercise=(suggestion.exercise or "")[:120],
            adjustment=suggestion.adjustment.to_data() if suggestion.adjustment else {},
            key=suggestion.key[:200], why=suggestion.why[:1000],
            patient_program=patient_program,
            routine="" if patient_program is not None else target.routine,
            accepted=accept, decided_at=timezone.now())
