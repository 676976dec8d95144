"""A person's outcomes, kept: the measures they took, their weekly goal, and their
progress (each measure over time, its meaningful change, sessions a week against the goal).

Progress compares like with like: the weekly pain question once a week (the latest answer
of each week), the PSFS within its current set of activities (a person who names
different activities starts a new set; nothing earlier is deleted, only not compared),
and the streak of weeks on goal over every week since the first session (the page draws
the last :data:`WEEKS_DRAWN`). Days and weeks are the person's
(:func:`backcare.progress.zones.in_person_zone` sets the zone around each view).

Every row is read and written through :meth:`backcare.practice.owner.Owner.rows`: the
signed-in person's, else this device's. Scoring, change and weeks are the core's
(:mod:`backcare.outcomes`); this module only keeps and gathers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from backcare.outcomes.change import MeaningfulChange, meaningful_change
from backcare.outcomes.measures import measures
from backcare.outcomes.progress import (
    WeekOnGoal,
    activity_names,
    current_set_start,
    one_a_week,
    weeks_against_goal,
    weeks_on_goal,
    weeks_since,
)
from backcare.outcomes.scoring import score
from backcare.plans.errors import InputError
from backcare.practice.owner import Owner
from backcare.progress.following import Target, current_target
from backcare.progress.models import MeasureResponse, WeeklyGoal
from backcare.site.database import sqlite_write_lock
from backcare.vocabulary import gettext

__all__ = ["DEFAULT_GOAL", "NPRS_EVERY", "NotDue", "ProgressView", "Target", "current_target",
           "goal_for", "goal_of", "history", "last_activities", "new_activities", "next_nprs_day", "nprs_due",
           "progress_for", "save_measure", "set_goal"]

#: Sessions a week when neither a program nor the person says.
DEFAULT_GOAL = 3
#: The NPRS asks about the last week: at most one a week.
NPRS_EVERY = timedelta(days=7)
NPRS = "nprs"
PSFS = "psfs"
#: Weeks of sessions drawn on the page and listed by the API, this one last.
WEEKS_DRAWN = 8


class NotDue(InputError):
    """A weekly measure asked again too soon; ``due`` is the first day it may be taken."""

    def __init__(self, due: date) -> None:
        self.due = due
        super().__init__({"measure": gettext(
            "was already answered this week: it asks about a whole week, so the next one "
            "is due on {day}").format(day=due.isoformat())})


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def history(owner: Owner, measure_id: str) -> list[MeasureResponse]:
    """This owner's answers to one measure, oldest first."""
    return list(owner.rows(MeasureResponse).filter(measure=measure_id)
                .order_by("taken_at"))


def next_nprs_day(owner: Owner) -> date | None:
    """The first day the weekly pain question may be answered again (None: never answered)."""
    last = owner.rows(MeasureResponse).filter(measure=NPRS).order_by("-taken_at").first()
    return None if last is None else local_day(last.taken_at) + NPRS_EVERY


def nprs_due(owner: Owner, today: date) -> bool:
    """True when the weekly pain question may be answered today."""
    due = next_nprs_day(owner)
    return due is None or today >= due


def save_measure(owner: Owner, measure_id: str, answers: Mapping[str, Any],
                 now: datetime | None = None) -> MeasureResponse:
    """Score and keep one questionnaire. KeyError for a measure we do not have;
    InputError naming ``answers.<item>``; :class:`NotDue` for a second NPRS within a week.
    The owner must be known (a device, or a person)."""
    measure = measures()[measure_id]
    now = now or timezone.now()
    scored = score(measure, answers)
    with sqlite_write_lock(), transaction.atomic():
        if measure_id == NPRS:
            due = next_nprs_day(owner)
            if due is not None and local_day(now) < due:
                raise NotDue(due)
        return MeasureResponse.objects.create(
            device=owner.device or "", user_id=owner.user_id, measure=measure_id,
            answers=scored.answers, score=scored.score, subscale=scored.subscale,
            stratum=scored.stratum or "", taken_at=now)


def last_activities(owner: Owner) -> list[str]:
    """The activities of the latest PSFS, in order: what later weeks re-rate."""
    last = owner.rows(MeasureResponse).filter(measure="psfs").order_by("-taken_at").first()
    if last is None or not isinstance(last.answers, dict):
        return []
    found = []
    for key in sorted(last.answers):
        value = last.answers[key]
        if isinstance(value, dict) and value.get("activity"):
            found.append(str(value["activity"]))
    return found


def new_activities(owner: Owner) -> bool:
    """True when the latest PSFS names other activities than the one before it: a new set,
    whose change is counted from that answer."""
    last_two = list(owner.rows(MeasureResponse).filter(measure=PSFS)
                    .order_by("-taken_at").values_list("answers", flat=True)[:2])
    if len(last_two) < 2:
        return False
    latest, before = (a if isinstance(a, dict) else {} for a in last_two)
    return activity_names(latest) != activity_names(before)


def goal_for(owner: Owner) -> tuple[int, str]:
    """Sessions a week the person aims at, and where it comes from: the program they
    follow ("program"), their own choice ("chosen"), else the default of 3 ("default")."""
    return goal_of(owner, current_target(owner))


def goal_of(owner: Owner, target: Target | None) -> tuple[int, str]:
    """:func:`goal_for`, with what the owner follows already known."""
    if target is not None and target.version is not None:
        return target.version.days_per_week, "program"
    chosen = owner.rows(WeeklyGoal).first()
    if chosen is not None:
        return chosen.sessions_per_week, "chosen"
    return DEFAULT_GOAL, "default"


def set_goal(owner: Owner, sessions_per_week: int) -> None:
    """Keep the person's own goal; InputError unless a whole number from 1 to 7."""
    if (not isinstance(sessions_per_week, int) or isinstance(sessions_per_week, bool)
            or not 1 <= sessions_per_week <= 7):
        raise InputError({"sessions_per_week": gettext("must be a whole number from 1 to 7")})
    with sqlite_write_lock(), transaction.atomic():
        updated = owner.rows(WeeklyGoal).update(sessions_per_week=sessions_per_week,
                                                updated_at=timezone.now())
        if not updated:
            WeeklyGoal.objects.create(device=owner.device or "", user_id=owner.user_id,
                                      sessions_per_week=sessions_per_week)


@dataclass
class ProgressView:
    """Everything the progress page and ``GET /api/progress`` show."""

    measures: dict[str, list[tuple[date, float]]]
    changes: dict[str, MeaningfulChange | None]
    weeks: tuple[WeekOnGoal, ...]
    weeks_on_goal: int
    goal: int
    goal_source: str
    latest_start_back: MeasureResponse | None
    target: Target | None
    #: the day the current PSFS set started, when earlier answers named other activities
    psfs_set_started: date | None = None


def progress_for(owner: Owner, today: date | None = None) -> ProgressView:
    today = today or timezone.localdate()
    known = measures()
    taken: dict[str, list[tuple[date, float]]] = {measure_id: [] for measure_id in known}
    psfs_answers: list[dict[str, Any]] = []
    latest_start_back = None
    for row in owner.rows(MeasureResponse).order_by("taken_at"):
        if row.measure in taken:
            taken[row.measure].append((local_day(row.taken_at), row.score))
        if row.measure == PSFS:
            psfs_answers.append(row.answers if isinstance(row.answers, dict) else {})
        if row.measure == "start-back":
            latest_start_back = row
    if NPRS in taken:
        taken[NPRS] = one_a_week(taken[NPRS])
    set_started = None
    if PSFS in taken and (start := current_set_start(psfs_answers)) > 0:
        taken[PSFS] = taken[PSFS][start:]
        set_started = taken[PSFS][0][0]
    changes = {measure_id: (meaningful_change(measure, [s for _, s in taken[measure_id]])
                            if measure.mcid is not None else None)
               for measure_id, measure in known.items()}
    target = current_target(owner)
    goal, source = goal_of(owner, target)
    started = list(owner.sessions().values_list("started_at", flat=True))
    count = weeks_since(min(local_day(s) for s in started), today) if started else 1
    every_week = weeks_against_goal(started, goal, today, timezone.get_current_timezone(),
                                    weeks=max(WEEKS_DRAWN, count))
    return ProgressView(measures=taken, changes=changes, weeks=every_week[-WEEKS_DRAWN:],
                        weeks_on_goal=weeks_on_goal(every_week), goal=goal, goal_source=source,
                        latest_start_back=latest_start_back, target=target,
                        psfs_set_started=set_started)
