"""Signing in claims a device's outcomes too (measures, review decisions, goal, reminders
feed) without duplicates, "Download my data" holds them, and deleting the account
deletes them."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from backcare.progress.models import MeasureResponse, ReminderFeed, ReviewDecision, WeeklyGoal

from .helpers import device_client, make_person, sign_in

pytestmark = pytest.mark.django_db


def _outcomes_of(device: str, *, goal: int, key: str) -> None:
    now = datetime.now(UTC)
    MeasureResponse.objects.create(device=device, measure="nprs", answers={"pain": 6},
                                   score=6, taken_at=now - timedelta(days=8))
    ReviewDecision.objects.create(
        device=device, week=(now - timedelta(days=now.weekday())).date(), rule="hurt-twice",
        change="fewer-reps", exercise="*", key="fewer-reps:*", why="Pain rose twice.",
        adjustment={"change": "fewer-reps", "exercise": "*", "field": "reps", "by": -1},
        accepted=True, decided_at=now)
    WeeklyGoal.objects.create(device=device, sessions_per_week=goal)
    ReminderFeed.objects.create(device=device, key=key, days="mon,thu", time=time(8, 0),
                                tz="Europe/Madrid")


def _device_of(client: object) -> str:
    return client.cookies["backcare_device"].value  # type: ignore[attr-defined]


def test_signing_in_claims_the_device_outcomes_and_keeps_the_person_goal_and_feed() -> None:
    person = make_person()
    phone, laptop = device_client(), device_client()
    _outcomes_of(_device_of(phone), goal=4, key="phone-feed")
    _outcomes_of(_device_of(laptop), goal=2, key="laptop-feed")

    sign_in(phone)
    sign_in(laptop)
    sign_in(phone)  # again: nothing more to claim

    assert MeasureResponse.objects.filter(user=person).count() == 2
    assert ReviewDecision.objects.filter(user=person).count() == 2
    assert MeasureResponse.objects.filter(user__isnull=True).count() == 0
    # One goal and one live feed for the person: the first device's, claimed first.
    assert list(WeeklyGoal.objects.filter(user=person).values_list("sessions_per_week",
                                                                    flat=True)) == [4]
    live = ReminderFeed.objects.filter(user=person, revoked_at__isnull=True)
    assert [feed.key for feed in live] == ["phone-feed"]
    assert ReminderFeed.objects.get(key="laptop-feed").revoked_at is not None


def test_download_my_data_holds_the_outcomes_and_delete_removes_them() -> None:
    person = make_person()
    phone = device_client()
    _outcomes_of(_device_of(phone), goal=3, key="a-feed")
    sign_in(phone)

    data = phone.get("/api/me/export").json()
    assert [m["measure"] for m in data["measures"]] == ["nprs"]
    assert data["measures"][0]["answers"] == {"pain": 6}
    assert data["review_decisions"][0]["change"] == "fewer-reps"
    assert data["review_decisions"][0]["accepted"] is True
    assert data["weekly_goal"] == 3
    assert data["reminders"][0]["days"] == ["mon", "thu"]
    assert data["reminders"][0]["time"] == "08:00"

    assert phone.delete("/api/me", HTTP_X_CSRFTOKEN=phone.cookies["csrftoken"].value
                        ).status_code in (200, 204)
    for model in (MeasureResponse, ReviewDecision, WeeklyGoal, ReminderFeed):
        assert not model.objects.filter(user_id=person.pk).exists()


def test_the_account_page_offers_the_fhir_download_of_the_person() -> None:
    make_person()
    phone = device_client()
    _outcomes_of(_device_of(phone), goal=3, key="b-feed")
    sign_in(phone)
    page = phone.get("/account/").content.decode()
    assert 'href="/api/fhir/bundle"' in page and "Download my data (FHIR)" in page
    bundle = phone.get("/api/fhir/bundle")
    assert bundle.status_code == 200
    assert bundle["Content-Type"].startswith("application/fhir+json")
    kinds = [entry["resource"]["resourceType"] for entry in bundle.json()["entry"]]
    assert "QuestionnaireResponse" in kinds  # the NPRS claimed from the device


def test_two_devices_weekly_pain_in_one_week_counts_once_the_latest() -> None:
    person = make_person()
    phone, laptop = device_client(), device_client()
    week_ago = datetime.now(UTC) - timedelta(days=7)
    MeasureResponse.objects.create(device=_device_of(phone), measure="nprs",
                                   answers={"pain": 8}, score=8,
                                   taken_at=week_ago - timedelta(weeks=2))
    MeasureResponse.objects.create(device=_device_of(phone), measure="nprs",
                                   answers={"pain": 6}, score=6, taken_at=week_ago)
    MeasureResponse.objects.create(device=_device_of(laptop), measure="nprs",
                                   answers={"pain": 5}, score=5,
                                   taken_at=week_ago + timedelta(minutes=5))
    sign_in(phone)
    sign_in(laptop)

    shown = laptop.get("/api/progress").json()
    assert [p["score"] for p in shown["measures"]["nprs"]] == [8, 5]
    assert (shown["change"]["nprs"]["from"], shown["change"]["nprs"]["to"]) == (8, 5)
    assert MeasureResponse.objects.filter(user=person, measure="nprs").count() == 3
