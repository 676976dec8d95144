"""The session log API: idempotent saves, one device's history, and 422s that name the field.

Written for any database: the suite runs on SQLite and, in CI, on PostgreSQL.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from backcare.content import Library
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
pytestmark = pytest.mark.django_db


def payload(**changes: Any) -> dict[str, Any]:
    ended = datetime.now(UTC).replace(microsecond=0)
    body = {
        "id": str(uuid.uuid4()),
        "routine": FIVE_MINUTE,
        "plan": None,
        "started_at": (ended - timedelta(minutes=5)).isoformat(),
        "ended_at": ended.isoformat(),
        "pain_before": 6,
        "pain_after": 4,
        "feeling": "better",
        "steps_done": 13,
        "steps_total": 13,
        "stopped_for_pain": False,
    }
    body.update(changes)
    return body


def post(client: Client, body: dict[str, Any]) -> tuple[int, Any]:
    response = client.post("/api/sessions", body, content_type="application/json")
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.status_code, response.json()


def device(name: str) -> Client:
    """A browser with its own device cookie."""
    client = Client()
    client.cookies[DEVICE_COOKIE] = str(uuid.uuid5(uuid.NAMESPACE_URL, name))
    return client


def fields(body: Any) -> list[str]:
    return [str(problem["loc"][-1]) for problem in body["detail"]]


def test_saving_the_same_session_twice_keeps_one_record() -> None:
    phone = device("phone")
    body = payload()
    status, first = post(phone, body)
    assert status == 201
    assert first["id"] == body["id"] and first["pain_before"] == 6 and first["plan"] is None
    status, second = post(phone, body)  # the retry after a dropped connection
    assert status == 200
    assert second == first
    assert PracticeSession.objects.filter(id=body["id"]).count() == 1
    assert PracticeSession.objects.count() == 1


def test_a_retry_never_overwrites_what_was_saved() -> None:
    phone = device("phone")
    body = payload()
    post(phone, body)
    status, again = post(phone, {**body, "pain_after": 9})
    assert status == 200 and again["pain_after"] == 4
    assert PracticeSession.objects.get(id=body["id"]).pain_after == 4


def test_the_same_id_from_another_device_is_a_conflict() -> None:
    body = payload()
    assert post(device("phone"), body)[0] == 201
    status, answer = post(device("laptop"), body)
    assert status == 409
    assert "another device" in answer["detail"]
    row = PracticeSession.objects.get(id=body["id"])
    assert row.device == str(uuid.uuid5(uuid.NAMESPACE_URL, "phone"))
    assert PracticeSession.objects.count() == 1


def test_a_first_save_without_a_cookie_gives_the_device_one() -> None:
    client = Client()
    assert client.get("/api/sessions").json() == []
    response = client.post("/api/sessions", payload(), content_type="application/json")
    assert response.status_code == 201
    cookie = response.cookies[DEVICE_COOKIE]
    assert uuid.UUID(cookie.value)
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    # The client keeps the cookie, so it now sees the session it saved.
    assert [s["id"] for s in client.get("/api/sessions").json()] == [response.json()["id"]]
    assert PracticeSession.objects.get().device == cookie.value


def test_get_lists_only_this_devices_sessions_newest_first() -> None:
    phone, laptop = device("phone"), device("laptop")
    now = datetime.now(UTC).replace(microsecond=0)
    ids = []
    for days_ago in (3, 1, 2):
        start = now - timedelta(days=days_ago)
        body = payload(started_at=start.isoformat(),
                       ended_at=(start + timedelta(minutes=5)).isoformat())
        ids.append((start, body["id"]))
        assert post(phone, body)[0] == 201
    assert post(laptop, payload())[0] == 201

    listed = phone.get("/api/sessions").json()
    assert [s["id"] for s in listed] == [i for _, i in sorted(ids, reverse=True)]
    assert len(laptop.get("/api/sessions").json()) == 1
    assert Client().get("/api/sessions").json() == []
    garbled = Client()
    garbled.cookies[DEVICE_COOKIE] = "not-a-uuid"
    assert garbled.get("/api/sessions").json() == []


def test_a_plan_is_checked_and_stored_in_its_short_form(library: Library) -> None:
    status, body = post(device("phone"), payload(
        plan="?conditions=none-known&floor=0&minutes=3", steps_done=2, steps_total=5))
    assert status == 201, body
    assert body["plan"] == "floor=0&conditions=none-known&minutes=3"
    # The plan's timeline is shorter than the routine's: steps_total is held to it.
    from backcare.plans import make_plan, profile_from_params

    plan = make_plan(library, FIVE_MINUTE, profile_from_params(
        {"floor": "0", "conditions": "none-known", "minutes": "3"}))
    too_many = len(plan.timeline.steps) + 1
    status, body = post(device("phone"), payload(
        plan="floor=0&conditions=none-known&minutes=3", steps_done=0, steps_total=too_many))
    assert status == 422 and fields(body) == ["steps_total"]


def test_stopped_for_pain_is_saved() -> None:
    status, body = post(device("phone"), payload(stopped_for_pain=True, steps_done=4,
                                                  pain_after=None, feeling=""))
    assert status == 201
    assert body["stopped_for_pain"] is True and body["pain_after"] is None
    assert PracticeSession.objects.get().stopped_for_pain


def _future() -> str:
    return (datetime.now(UTC) + timedelta(hours=2)).isoformat()


@pytest.mark.parametrize(("change", "field"), [
    ({"pain_before": 11}, "pain_before"),
    ({"pain_before": -1}, "pain_before"),
    ({"pain_before": "a lot"}, "pain_before"),
    ({"pain_before": True}, "pain_before"),
    ({"pain_after": 12}, "pain_after"),
    ({"feeling": "great"}, "feeling"),
    ({"steps_done": 14, "steps_total": 13}, "steps_done"),
    ({"steps_total": 99}, "steps_total"),
    ({"steps_done": -1}, "steps_done"),
    ({"routine": "no-such-routine"}, "routine"),
    ({"plan": "floor=2&conditions=none-known"}, "plan"),
    ({"plan": "floor=1&conditions=none-known&skip=no-such-exercise"}, "plan"),
    ({"id": "not-a-uuid"}, "id"),
    ({"started_at": "yesterday"}, "started_at"),
    ({"started_at": "2025-03-01T10:00:00"}, "started_at"),  # no time zone
    ({"ended_at": "2000-01-01T00:00:00+00:00"}, "ended_at"),  # before it started
    ({"ended_at": "FUTURE"}, "ended_at"),
    ({"stopped_for_pain": "maybe"}, "stopped_for_pain"),
])
def test_bad_values_are_422_naming_the_field(change: dict[str, Any], field: str) -> None:
    change = {k: (_future() if v == "FUTURE" else v) for k, v in change.items()}
    status, body = post(device("phone"), payload(**change))
    assert status == 422, body
    assert field in fields(body), body
    assert all(problem["msg"] for problem in body["detail"])
    assert PracticeSession.objects.count() == 0


def test_a_plan_that_cannot_be_made_is_422_on_plan(library: Library) -> None:
    every = sorted({s.exercise for s in library.timeline(FIVE_MINUTE).steps})
    plan = "floor=1&conditions=none-known&skip=" + ",".join(every)
    status, body = post(device("phone"), payload(plan=plan))
    assert status == 422 and fields(body) == ["plan"]


def test_a_missing_field_is_named() -> None:
    body = payload()
    del body["pain_before"]
    status, answer = post(device("phone"), body)
    assert status == 422 and "pain_before" in fields(answer)


def test_the_database_itself_refuses_pain_out_of_range() -> None:
    now = datetime.now(UTC)
    base = {"device": "d", "routine": FIVE_MINUTE, "started_at": now, "ended_at": now,
                "pain_before": 3, "steps_done": 0, "steps_total": 1}
    for bad in ({"pain_before": 11}, {"pain_after": 11}, {"steps_done": 2}):
        with pytest.raises(IntegrityError), transaction.atomic():
            PracticeSession.objects.create(id=uuid.uuid4(), **{**base, **bad})
    PracticeSession.objects.create(id=uuid.uuid4(), **base)
    assert PracticeSession.objects.count() == 1


def test_the_api_is_documented() -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert {"200", "201", "409", "422"} <= set(paths["/api/sessions"]["post"]["responses"])
    assert "get" in paths["/api/sessions"] and "get" in paths["/api/timeline"]


def test_the_migrations_match_the_model() -> None:
    from django.core.management import call_command

    call_command("makemigrations", "practice", "--check", "--dry-run", verbosity=0)
