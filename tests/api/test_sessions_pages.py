"""GET /api/sessions a page at a time: ``limit`` and ``offset``, the answer still a plain
list (what the players and older clients read), ``X-Total-Count`` and RFC 8288 ``Link``
headers for the rest, all documented in the OpenAPI schema; a bad value is a 422 naming
the parameter."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from backcare.practice.api import SESSIONS_DEFAULT_LIMIT, SESSIONS_MAX_LIMIT
from backcare.practice.device import COOKIE
from backcare.practice.models import PracticeSession

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
pytestmark = pytest.mark.django_db


@pytest.fixture
def phone() -> Client:
    client = Client()
    client.cookies[COOKIE] = str(uuid.uuid4())
    return client


def _save(client: Client, count: int) -> list[str]:
    """``count`` sessions of this browser's device; their ids, newest first."""
    device = client.cookies[COOKIE].value
    now = timezone.now()
    rows = [PracticeSession(
        id=uuid.uuid4(), device=device, routine=FIVE_MINUTE, plan="",
        started_at=now - timedelta(hours=n + 1),
        ended_at=now - timedelta(hours=n + 1) + timedelta(minutes=5),
        pain_before=5, pain_after=3, steps_done=13, steps_total=13) for n in range(count)]
    PracticeSession.objects.bulk_create(rows)
    return [str(r.id) for r in rows]


def _links(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.get("Link", ""))}


def test_pages_of_a_device_s_sessions_follow_each_other(phone: Client) -> None:
    ids = _save(phone, 7)
    laptop = Client()
    laptop.cookies[COOKIE] = str(uuid.uuid4())
    _save(laptop, 5)  # another device's sessions are neither listed nor counted
    first = phone.get("/api/sessions", {"limit": 3})
    assert first.status_code == 200
    assert [s["id"] for s in first.json()] == ids[:3]
    assert first["X-Total-Count"] == "7"
    assert _links(first) == {"next": "/api/sessions?limit=3&offset=3"}

    second = phone.get(_links(first)["next"])
    assert [s["id"] for s in second.json()] == ids[3:6]
    assert _links(second) == {"next": "/api/sessions?limit=3&offset=6",
                              "prev": "/api/sessions?limit=3&offset=0"}
    last = phone.get(_links(second)["next"])
    assert [s["id"] for s in last.json()] == ids[6:]
    assert _links(last) == {"prev": "/api/sessions?limit=3&offset=3"}


def test_without_parameters_it_is_the_newest_hundred_as_before(phone: Client) -> None:
    ids = _save(phone, SESSIONS_DEFAULT_LIMIT + 2)
    response = phone.get("/api/sessions")
    assert [s["id"] for s in response.json()] == ids[:SESSIONS_DEFAULT_LIMIT]
    assert response["X-Total-Count"] == str(len(ids))
    assert _links(response) == {"next": f"/api/sessions?limit={SESSIONS_DEFAULT_LIMIT}"
                                        f"&offset={SESSIONS_DEFAULT_LIMIT}"}


def test_past_the_end_is_an_empty_list_that_points_back(phone: Client) -> None:
    _save(phone, 4)
    response = phone.get("/api/sessions", {"limit": 2, "offset": 50})
    assert response.status_code == 200 and response.json() == []
    assert response["X-Total-Count"] == "4"
    assert _links(response) == {"prev": "/api/sessions?limit=2&offset=2"}


def test_a_device_without_sessions_has_none_in_all() -> None:
    response = Client().get("/api/sessions")
    assert response.json() == [] and response["X-Total-Count"] == "0"
    assert "Link" not in response


@pytest.mark.parametrize(("query", "field"), [
    ({"limit": 0}, "limit"), ({"limit": SESSIONS_MAX_LIMIT + 1}, "limit"),
    ({"limit": "ten"}, "limit"), ({"offset": -1}, "offset"), ({"offset": "1.5"}, "offset"),
    ({"offset": 10**12}, "offset"),
])
def test_a_bad_limit_or_offset_is_a_422_naming_it(phone: Client, query: dict[str, object],
                                                   field: str) -> None:
    response = phone.get("/api/sessions", query)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [problem["loc"] for problem in detail] == [["query", field]]
    assert detail[0]["msg"]


def test_the_schema_documents_the_paging(client: Client) -> None:
    operation = client.get("/api/openapi.json").json()["paths"]["/api/sessions"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["limit"]["schema"]["maximum"] == SESSIONS_MAX_LIMIT
    assert parameters["limit"]["schema"]["minimum"] == 1
    assert parameters["offset"]["schema"]["minimum"] == 0
    assert parameters["limit"]["in"] == parameters["offset"]["in"] == "query"
    ok = operation["responses"]["200"]
    assert ok["content"]["application/json"]["schema"]["type"] == "array"
    assert set(ok["headers"]) == {"X-Total-Count", "Link"}
    assert "rel=\"next\"" in ok["headers"]["Link"]["description"]
