"""Sessions per week against the person's goal, and the streak of weeks on goal.

Weeks run Monday to Sunday in the person's time zone. Weeks, not days: rest days are part
of the program, so a week is on goal when it holds at least ``goal`` sessions, on
whichever days they fell.

The streak (:func:`weeks_on_goal`) ends now: this week, still under way, counts once it
is on goal, and until then it is left aside without breaking the streak; then each
complete week back counts until the first one that missed the goal.

Plain Python: no Django here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from backcare.prescribing.adherence import monday_of


@dataclass(frozen=True)
class WeekOnGoal:
    week_start: date              # a Monday
    sessions: int
    goal: int
    on_goal: bool


def _local_day(moment: datetime, zone: tzinfo) -> date:
    """The day of ``moment`` in ``zone``; a naive moment is read as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).date()


def weeks_against_goal(started: Iterable[datetime], goal: int, today: date, tz: tzinfo,
                       weeks: int = 8) -> tuple[WeekOnGoal, ...]:
    """The last ``weeks`` weeks, oldest first, this week (the one holding ``today``) last,
    each with the sessions started in it (weeks without any included)."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    this_monday = monday_of(today)
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    counts = {first_monday + timedelta(weeks=i): 0 for i in range(weeks)}
    for moment in started:
        monday = monday_of(_local_day(moment, tz))
        if monday in counts:
            counts[monday] += 1
    needed = max(goal, 1)
    return tuple(WeekOnGoal(week_start=monday, sessions=n, goal=goal, on_goal=n >= needed)
                 for monday, n in counts.items())


def weeks_on_goal(weeks: Sequence[WeekOnGoal]) -> int:
    """The current streak of weeks on goal; ``weeks`` oldest first, the last one this week."""
    ordered = sorted(weeks, key=lambda w: w.week_start, reverse=True)
    if not ordered:
        return 0
    this_week, *before = ordered
    streak = 1 if this_week.on_goal else 0
    expected = this_week.week_start - timedelta(weeks=1)
    for week in before:
        if week.week_start != expected or not week.on_goal:
            break
        streak += 1
        expected -= timedelta(weeks=1)
    return streak
