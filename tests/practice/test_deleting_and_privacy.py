"""A person can delete a session, or everything this device saved; and no per-person
answer can be kept by a shared cache (Cache-Control: private, no-store; Vary: Cookie)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from backcare.planning.screen_memory import COOKIE as SCREEN_COOKIE
from backcare.planning.screen_memory import signed_pass
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession

pytestmark = pytest.mark.django_db
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"


def device_with_sessions(count: int) -> tuple[Client, str, list[PracticeSession]]:
    device = str(uuid.uuid4())
    client = Client()
    client.cookies[DEVICE_COOKIE] = device
    client.cookies[SCREEN_COOKIE] = signed_pass(device)
    now = datetime.now(UTC)
    rows = [PracticeSession.objects.create(
        id=uuid.uuid4(), device=device, routine=FIVE, started_at=now - timedelta(days=i, minutes=5),
        ended_at=now - timedelta(days=i), pain_before=5, pain_after=3, steps_done=13,
        steps_total=13) for i in range(count)]
    return client, device, rows


def test_deleting_one_session_through_the_api() -> None:
    client, device, rows = device_with_sessions(3)
    other, _, theirs = device_with_sessions(1)
    # Another device's session is not this device's to know about: 404, and it stays.
    assert client.delete(f"/api/sessions/{theirs[0].id}").status_code == 404
    assert client.delete(f"/api/sessions/{rows[0].id}").status_code == 204
    assert client.delete(f"/api/sessions/{rows[0].id}").status_code == 404  # already gone
    assert {s["id"] for s in client.get("/api/sessions").json()} == {str(r.id) for r in rows[1:]}
    assert PracticeSession.objects.filter(id=theirs[0].id).exists()
    assert client.delete("/api/sessions/not-a-uuid").status_code == 422


def test_deleting_everything_through_the_api_forgets_the_device() -> None:
    client, device, _ = device_with_sessions(4)
    other, _, theirs = device_with_sessions(2)
    response = client.delete("/api/device")
    assert response.status_code == 200
    assert response.json() == {"sessions_deleted": 4}
    assert response.cookies[DEVICE_COOKIE].value == ""  # cleared
    assert response.cookies[SCREEN_COOKIE].value == ""
    assert not PracticeSession.objects.filter(device=device).exists()
    assert PracticeSession.objects.count() == 2
    assert Client().delete("/api/device").json() == {"sessions_deleted": 0}  # safe to repeat


def test_deleting_from_the_history_page() -> None:
    client, device, rows = device_with_sessions(2)
    page = client.get("/history/").content.decode()
    assert f'action="/history/{rows[0].id}/delete/"' in page
    assert 'href="/history/delete/"' in page
    response = client.post(f"/history/{rows[0].id}/delete/")
    assert response.status_code == 302 and response["Location"] == "/history/?deleted=one"
    assert "That session is deleted." in client.get(response["Location"]).content.decode()
    assert PracticeSession.objects.filter(device=device).count() == 1
    assert client.get(f"/history/{rows[1].id}/delete/").status_code == 405  # only by the form

    confirm = client.get("/history/delete/")
    assert confirm.status_code == 200 and "1 session" in confirm.content.decode()
    assert PracticeSession.objects.filter(device=device).count() == 1  # asking deletes nothing
    done = client.post("/history/delete/")
    assert done.status_code == 302 and done["Location"] == "/history/?deleted=all"
    assert done.cookies[DEVICE_COOKIE].value == ""
    assert not PracticeSession.objects.filter(device=device).exists()


def test_the_history_forms_need_the_csrf_token() -> None:
    _, device, rows = device_with_sessions(1)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies[DEVICE_COOKIE] = device
    assert strict.post(f"/history/{rows[0].id}/delete/").status_code == 403
    assert strict.post("/history/delete/").status_code == 403
    assert PracticeSession.objects.filter(device=device).count() == 1


PERSONAL = [
    "/api/sessions",
    f"/api/timeline?routine={FIVE}&floor=1&conditions=none-known",
    f"/api/timeline?routine={FIVE}&floor=1&diagnosis=bogus",  # a 422 is personal too
    "/history/",
    "/history/delete/",
    "/screen/",
    f"/routines/{FIVE}/play/",
    f"/routines/{FIVE}/fit/",
    f"/routines/{FIVE}/plan/?floor=1&conditions=none-known",
    f"/routines/{FIVE}/worksheet.pdf?floor=1&conditions=none-known",
]


@pytest.mark.parametrize("url", PERSONAL)
@pytest.mark.parametrize("screened", [True, False])
def test_every_personal_answer_is_private_and_varies_on_cookie(url: str, screened: bool) -> None:
    client = device_with_sessions(1)[0] if screened else Client()
    response = client.get(url)
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, (url, response.status_code, directives)
    assert "Cookie" in response.get("Vary", ""), url


def test_personal_writes_are_private_too() -> None:
    client, _, rows = device_with_sessions(1)
    for response in (client.delete(f"/api/sessions/{rows[0].id}"), client.delete("/api/device")):
        assert "no-store" in response["Cache-Control"] and "Cookie" in response["Vary"]


@pytest.mark.parametrize("url", ["/back-pain/", f"/routines/{FIVE}/", "/api/routines",
                                 f"/api/timeline?routine={FIVE}"])
def test_public_pages_are_not_marked_personal(url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_deleting_everything_takes_the_device_outcomes_too() -> None:
    from datetime import UTC, datetime, time

    from backcare.progress.models import MeasureResponse, ReminderFeed, WeeklyGoal

    client, device, _ = device_with_sessions(1)
    _, other_device, _ = device_with_sessions(1)
    for owner_device in (device, other_device):
        MeasureResponse.objects.create(device=owner_device, measure="nprs", answers={"pain": 4},
                                       score=4, taken_at=datetime.now(UTC))
        WeeklyGoal.objects.create(device=owner_device, sessions_per_week=3)
        ReminderFeed.objects.create(device=owner_device, key=f"feed-{owner_device}",
                                    days="mon", time=time(9, 0), tz="UTC")
    assert client.delete("/api/device").status_code == 200
    for model in (MeasureResponse, WeeklyGoal, ReminderFeed):
        assert not model.objects.filter(device=device).exists()
        assert model.objects.filter(device=other_device).count() == 1  # another's stays
