"""GET /api/progress counts days and weeks where the person is, keeps the streak of weeks
on goal however long it is, compares PSFS answers only while they name the same
activities, and counts one weekly pain answer a week."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession
from backcare.prescribing.adherence import monday_of
from backcare.progress.models import MeasureResponse, ReminderFeed

from .conftest import FIVE_MINUTE, device

pytestmark = pytest.mark.django_db

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
ZONE_COOKIE = "backcare_tz"


def progress(client: Client) -> dict[str, Any]:
    response = client.get("/api/progress")
    assert response.status_code == 200, response.content
    return response.json()  # type: ignore[no-any-return]


def device_of(client: Client) -> str:
    return client.cookies[DEVICE_COOKIE].value


def session_at(client: Client, started: datetime) -> None:
    PracticeSession.objects.create(
        id=uuid.uuid4(), device=device_of(client), routine=FIVE_MINUTE, plan="",
        started_at=started, ended_at=started + timedelta(minutes=5), pain_before=5,
        pain_after=4, feeling="better", steps_done=13, steps_total=13,
        stopped_for_pain=False)


def measure_at(client: Client, measure: str, score: float, when: datetime,
               answers: dict[str, Any] | None = None) -> None:
    MeasureResponse.objects.create(
        device=device_of(client), measure=measure, score=score, taken_at=when,
        answers=answers if answers is not None else {"pain": int(score)})


def sunday_evening_in_los_angeles() -> tuple[datetime, date]:
    """20:00 on a Sunday in Los Angeles three weeks back (Monday already in UTC)."""
    today = datetime.now(LOS_ANGELES).date()
    sunday = monday_of(today) - timedelta(days=1, weeks=2)
    return datetime.combine(sunday, time(20), tzinfo=LOS_ANGELES), sunday


def week_with_sessions(shown: dict[str, Any]) -> list[str]:
    return [w["week_start"] for w in shown["sessions_per_week"] if w["sessions"]]


def test_a_sunday_evening_session_counts_in_the_persons_week() -> None:
    phone = device()
    started, sunday = sunday_evening_in_los_angeles()
    session_at(phone, started)
    # Without a zone: the site's (UTC), where it is already Monday, the next week.
    assert week_with_sessions(progress(phone)) == [(sunday + timedelta(days=1)).isoformat()]
    phone.cookies[ZONE_COOKIE] = "America/Los_Angeles"
    assert week_with_sessions(progress(phone)) == [(sunday - timedelta(days=6)).isoformat()]


def test_without_the_cookie_the_reminders_zone_counts_and_a_bad_cookie_is_ignored() -> None:
    phone = device()
    started, sunday = sunday_evening_in_los_angeles()
    session_at(phone, started)
    ReminderFeed.objects.create(device=device_of(phone), key="la-feed", days="mon",
                                time=time(8), tz="America/Los_Angeles")
    phone.cookies[ZONE_COOKIE] = "Not/A_Zone"
    assert week_with_sessions(progress(phone)) == [(sunday - timedelta(days=6)).isoformat()]


def test_the_streak_counts_every_week_on_goal_not_only_the_eight_drawn() -> None:
    phone = device()
    this_monday = monday_of(timezone.localdate())
    for weeks_back in range(1, 11):
        monday = this_monday - timedelta(weeks=weeks_back)
        for day in range(3):
            session_at(phone, datetime.combine(monday + timedelta(days=day), time(9),
                                               tzinfo=UTC))
    shown = progress(phone)
    assert shown["weeks_on_goal"] == 10
    assert len(shown["sessions_per_week"]) == 8
    assert shown["sessions_per_week"][-1]["week_start"] == this_monday.isoformat()


def psfs(**ratings: int) -> dict[str, Any]:
    return {f"activity-{i + 1}": {"activity": name, "rating": rating}
            for i, (name, rating) in enumerate(ratings.items())}


def test_psfs_change_compares_only_the_same_activities() -> None:
    phone = device()
    now = timezone.now()
    measure_at(phone, "psfs", 2, now - timedelta(weeks=3), psfs(Socks=2, Shopping=2))
    # The same activities, named in another order and case: the same set.
    measure_at(phone, "psfs", 3, now - timedelta(weeks=2), psfs(shopping=3, SOCKS=3))
    shown = progress(phone)
    assert [p["score"] for p in shown["measures"]["psfs"]] == [2, 3]
    assert (shown["change"]["psfs"]["from"], shown["change"]["psfs"]["to"]) == (2, 3)
    # Different activities: a new set, compared from here on.
    measure_at(phone, "psfs", 8, now - timedelta(weeks=1), psfs(Gardening=8))
    shown = progress(phone)
    assert [p["score"] for p in shown["measures"]["psfs"]] == [8]
    assert shown["change"]["psfs"] is None
    measure_at(phone, "psfs", 6, now, psfs(gardening=6))
    shown = progress(phone)
    assert [p["score"] for p in shown["measures"]["psfs"]] == [8, 6]
    change = shown["change"]["psfs"]
    assert (change["from"], change["to"], change["meaningful"], change["direction"]) == (
        8, 6, True, "worse")
    assert MeasureResponse.objects.filter(measure="psfs").count() == 4  # nothing deleted


def test_one_weekly_pain_answer_a_week_the_latest() -> None:
    phone = device()
    this_monday = monday_of(timezone.localdate())
    two_weeks = this_monday - timedelta(weeks=2)
    measure_at(phone, "nprs", 7, datetime.combine(two_weeks, time(9), tzinfo=UTC))
    # Two in last week (as claiming a device into an account can leave them).
    last_week = this_monday - timedelta(weeks=1)
    measure_at(phone, "nprs", 4, datetime.combine(last_week, time(9), tzinfo=UTC))
    measure_at(phone, "nprs", 6, datetime.combine(last_week + timedelta(days=3), time(9),
                                                  tzinfo=UTC))
    shown = progress(phone)
    assert [(p["date"], p["score"]) for p in shown["measures"]["nprs"]] == [
        (two_weeks.isoformat(), 7), ((last_week + timedelta(days=3)).isoformat(), 6)]
    change = shown["change"]["nprs"]
    assert (change["from"], change["to"], change["meaningful"]) == (7, 6, False)
    assert MeasureResponse.objects.filter(measure="nprs").count() == 3  # nothing deleted
