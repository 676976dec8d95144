"""Small points of the outcomes API's contract: the weekly review's "*" for a change of
every exercise, "this week" counted where the person is (the ``backcare_tz`` cookie), and
the weekly pain question's "not due yet" 422 naming the path's ``measure_id``."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from backcare.practice.models import PracticeSession
from backcare.progress.models import ReviewDecision
from backcare.progress.reviewing import monday_of

from .conftest import FIVE_MINUTE, answer, device, post

pytestmark = pytest.mark.django_db

#: UTC+14: on a Sunday evening in UTC it is already Monday there.
KIRITIMATI = "Pacific/Kiritimati"


def last_sunday_evening() -> datetime:
    """20:00 UTC on the latest Sunday at least a day ago."""
    today = datetime.now(UTC).date() - timedelta(days=1)
    sunday = today - timedelta(days=(today.weekday() + 1) % 7)
    return datetime.combine(sunday, time(20), tzinfo=UTC)


def flared_twice_before(client: Client, moment: datetime) -> None:
    for hours in (30, 6):
        started = moment - timedelta(hours=hours)
        PracticeSession.objects.create(
            id=uuid.uuid4(), device=client.cookies["backcare_device"].value, routine=FIVE_MINUTE,
            plan="", started_at=started, ended_at=started + timedelta(minutes=5), pain_before=3,
            pain_after=6, feeling="worse", steps_done=13, steps_total=13,
            stopped_for_pain=False)


@pytest.mark.parametrize(("zone", "monday"), [(None, -6), (KIRITIMATI, 1)])
def test_the_review_s_week_is_the_person_s_week(monkeypatch: pytest.MonkeyPatch,
                                                zone: str | None, monday: int) -> None:
    sunday = last_sunday_evening()
    monkeypatch.setattr(timezone, "now", lambda: sunday)
    phone = device()
    if zone:
        phone.cookies["backcare_tz"] = zone
    flared_twice_before(phone, sunday)
    assert phone.get("/api/review").json()["change"] == "fewer-reps"
    assert post(phone, "/api/review", {"accept": False}).status_code == 200
    week: date = ReviewDecision.objects.get().week
    assert week == sunday.date() + timedelta(days=monday)
    assert week == monday_of(sunday.date() + timedelta(days=1 if zone else 0))
    assert phone.get("/api/review").json() is None  # decided this week: theirs


def test_every_exercise_is_a_star_in_the_suggestion_and_the_decision() -> None:
    phone = device()
    flared_twice_before(phone, timezone.now())
    suggestion = phone.get("/api/review").json()
    assert (suggestion["change"], suggestion["exercise"]) == ("fewer-reps", "*")
    decided = post(phone, "/api/review", {"accept": True, "key": suggestion["key"]}).json()
    assert decided["exercise"] == "*"


def test_the_weekly_pain_not_due_yet_names_the_path_s_measure_id() -> None:
    phone = device()
    assert answer(phone, "nprs", {"pain": 4}).status_code == 201
    again = answer(phone, "nprs", {"pain": 3})
    assert again.status_code == 422
    (problem,) = again.json()["detail"]
    assert problem["loc"] == ["path", "measure_id"]
    assert (timezone.localdate() + timedelta(days=7)).isoformat() in problem["msg"]
    # the same name ninja gives the path parameter's own problems
    schema = phone.get("/api/openapi.json").json()
    params = schema["paths"]["/api/measures/{measure_id}"]["post"]["parameters"]
    assert [(p["in"], p["name"]) for p in params if p["in"] == "path"] == [("path", "measure_id")]
