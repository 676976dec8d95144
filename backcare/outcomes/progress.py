"""Sessions per week against the person's goal, the streak of weeks on goal, and which
answers of a measure are compared over time.

Weeks run Monday to Sunday in the person's time zone. Weeks, not days: rest days are part
of the program, so a week is on goal when it holds at least ``goal`` sessions, on
whichever days they fell.

The streak (:func:`weeks_on_goal`) ends now: this week, still under way, counts once it
is on goal, and until then it is left aside without breaking the streak; then each
complete week back counts until the first one that missed the goal.

Which answers compare (:func:`one_a_week`, :func:`current_set_start`): the weekly pain
question counts once a week, the latest answer of each week (two devices claimed into one
account can hold two); the PSFS compares ratings of the same activities only, so when a
person names different ones (as a set, whatever the case or order) their answers start a
new set, and change is counted within the latest set.

Plain Python: no Django here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

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


def weeks_since(first: date, today: date) -> int:
    """How many weeks (Monday to Sunday) there are from the one holding ``first`` to the
    one holding ``today``, both counted; at least 1."""
    return max(1, (monday_of(today) - monday_of(first)).days // 7 + 1)


def one_a_week(points: Sequence[tuple[date, float]]) -> list[tuple[date, float]]:
    """The latest of each week's scores (``points`` oldest first, days in the person's
    zone), oldest first."""
    latest: dict[date, tuple[date, float]] = {}
    for day, score in points:
        latest[monday_of(day)] = (day, score)
    return [latest[monday] for monday in sorted(latest)]


def activity_names(answers: Mapping[str, Any]) -> frozenset[str]:
    """The activities a PSFS answer names, without case or surrounding spaces."""
    return frozenset(str(value["activity"]).strip().casefold()
                     for value in answers.values()
                     if isinstance(value, Mapping) and value.get("activity"))


def current_set_start(answers: Sequence[Mapping[str, Any]]) -> int:
    """Where the latest set of PSFS answers starts (``answers`` oldest first): the first
    of the answers at the end that all name the same activities as the latest one."""
    if not answers:
        return 0
    latest = activity_names(answers[-1])
    start = len(answers) - 1
    while start > 0 and activity_names(answers[start - 1]) == latest:
        start -= 1
    return start
