"""Sessions per week against the goal (Monday to Sunday in the person's zone) and the
streak of weeks on goal."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backcare.outcomes.progress import (
    WeekOnGoal,
    activity_names,
    current_set_start,
    one_a_week,
    weeks_against_goal,
    weeks_on_goal,
)

MADRID = ZoneInfo("Europe/Madrid")
TODAY = date(2025, 3, 12)            # a Wednesday
THIS_MONDAY = date(2025, 3, 10)


def _at(day: date, hour: int = 18, zone: ZoneInfo = MADRID) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=zone)


def test_weeks_run_monday_to_sunday_oldest_first_with_empty_weeks() -> None:
    weeks = weeks_against_goal([_at(THIS_MONDAY)], goal=3, today=TODAY, tz=MADRID)
    assert len(weeks) == 8
    assert [w.week_start for w in weeks] == [THIS_MONDAY - timedelta(weeks=7 - i)
                                             for i in range(8)]
    assert all(w.week_start.weekday() == 0 for w in weeks)
    assert [w.sessions for w in weeks] == [0] * 7 + [1]
    assert all(w.goal == 3 and not w.on_goal for w in weeks)


def test_sessions_near_midnight_count_in_the_persons_week() -> None:
    # Sunday 23:30 in Madrid is Sunday 22:30 UTC: last week, not this one.
    sunday_late = datetime(2025, 3, 9, 22, 30, tzinfo=UTC)
    # Monday 00:30 in Madrid is Sunday 23:30 UTC: this week already.
    monday_early = datetime(2025, 3, 9, 23, 30, tzinfo=UTC)
    weeks = weeks_against_goal([sunday_late, monday_early], goal=1, today=TODAY, tz=MADRID)
    assert (weeks[-2].sessions, weeks[-1].sessions) == (1, 1)
    in_utc = weeks_against_goal([sunday_late, monday_early], goal=1, today=TODAY, tz=UTC)
    assert (in_utc[-2].sessions, in_utc[-1].sessions) == (2, 0)


def test_a_naive_moment_is_read_as_utc() -> None:
    naive = datetime(2025, 3, 9, 23, 30)  # noqa: DTZ001 - the point of the test
    weeks = weeks_against_goal([naive], goal=1, today=TODAY, tz=MADRID)
    assert weeks[-1].sessions == 1


def test_sessions_outside_the_window_are_not_counted() -> None:
    long_ago = _at(THIS_MONDAY - timedelta(weeks=8))
    weeks = weeks_against_goal([long_ago], goal=1, today=TODAY, tz=MADRID, weeks=8)
    assert sum(w.sessions for w in weeks) == 0
    weeks = weeks_against_goal([long_ago], goal=1, today=TODAY, tz=MADRID, weeks=9)
    assert weeks[0].sessions == 1 and len(weeks) == 9


def test_on_goal_is_at_least_the_goal() -> None:
    monday = THIS_MONDAY - timedelta(weeks=1)
    three = [_at(monday + timedelta(days=d)) for d in (0, 2, 4)]
    weeks = weeks_against_goal(three, goal=3, today=TODAY, tz=MADRID)
    assert weeks[-2] == WeekOnGoal(monday, 3, 3, True)
    weeks = weeks_against_goal(three, goal=4, today=TODAY, tz=MADRID)
    assert not weeks[-2].on_goal


def test_weeks_must_be_at_least_one() -> None:
    with pytest.raises(ValueError):
        weeks_against_goal([], goal=3, today=TODAY, tz=MADRID, weeks=0)


def _weeks(*sessions: int, goal: int = 3) -> tuple[WeekOnGoal, ...]:
    """Weeks oldest first ending with this week, with these session counts."""
    start = THIS_MONDAY - timedelta(weeks=len(sessions) - 1)
    return tuple(WeekOnGoal(start + timedelta(weeks=i), n, goal, n >= goal)
                 for i, n in enumerate(sessions))


@pytest.mark.parametrize(("sessions", "streak"), [
    ((3, 3, 3, 3), 4),       # this week already on goal counts
    ((3, 3, 3, 1), 3),       # this week not yet on goal: it does not break the streak
    ((3, 3, 3, 0), 3),
    ((3, 1, 3, 3, 1), 2),    # a missed complete week breaks it
    ((3, 3, 0, 3), 1),       # on goal this week, but last week missed
    ((3, 3, 3, 2, 1), 0),    # last complete week missed
    ((0, 0, 0, 0), 0),
    ((5, 4, 3), 3),          # more than the goal is on goal
])
def test_the_streak_counts_weeks_on_goal_ending_now(sessions: tuple[int, ...],
                                                    streak: int) -> None:
    assert weeks_on_goal(_weeks(*sessions)) == streak


def test_rest_days_do_not_break_the_streak() -> None:
    # Three sessions a week, always Monday, Wednesday, Friday: four days off each week.
    started = [_at(THIS_MONDAY - timedelta(weeks=w) + timedelta(days=d))
               for w in range(1, 5) for d in (0, 2, 4)]
    weeks = weeks_against_goal(started, goal=3, today=TODAY, tz=MADRID)
    assert weeks_on_goal(weeks) == 4


def test_no_weeks_is_no_streak() -> None:
    assert weeks_on_goal(()) == 0


def _psfs(*names: str) -> dict[str, object]:
    return {f"activity-{i + 1}": {"activity": name, "rating": 5} for i, name in enumerate(names)}


def test_activity_names_are_a_set_without_case_or_spaces() -> None:
    assert activity_names(_psfs("Putting on socks", " Stairs ")) == activity_names(
        _psfs("stairs", "PUTTING ON SOCKS"))
    assert activity_names({"activity-1": "not an answer"}) == frozenset()


@pytest.mark.parametrize(("sets", "start"), [
    ((), 0),
    ((("Socks",),), 0),
    ((("Socks",), ("socks",), ("SOCKS",)), 0),
    ((("Socks",), ("Stairs",)), 1),
    ((("Socks", "Stairs"), ("Stairs", "Socks"), ("Socks",), ("socks",)), 2),
    ((("Socks",), ("Stairs",), ("Socks",)), 2),  # back to old activities: a new set again
])
def test_the_current_set_starts_where_the_activities_last_changed(
        sets: tuple[tuple[str, ...], ...], start: int) -> None:
    assert current_set_start([_psfs(*names) for names in sets]) == start


def test_one_score_a_week_the_latest_of_each() -> None:
    points = [(date(2025, 3, 3), 7.0), (date(2025, 3, 4), 6.0), (date(2025, 3, 9), 5.0),
              (date(2025, 3, 10), 4.0), (date(2025, 3, 24), 3.0), (date(2025, 3, 24), 2.0)]
    assert one_a_week(points) == [(date(2025, 3, 9), 5.0), (date(2025, 3, 10), 4.0),
                                  (date(2025, 3, 24), 2.0)]
    assert one_a_week([]) == []
