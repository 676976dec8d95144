"""No forged writes: what a page on another site, or a browser without the CSRF token, can
send to the API is refused before anything is saved or any cookie is set.

The test client here enforces CSRF as a real browser's request would meet it.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client

from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession

from .test_sessions_api import payload

pytestmark = pytest.mark.django_db
DEVICE = "6f1c1f8e-7a0b-4b44-9a1e-2d7e6c3b9a10"
JSON = "application/json"


def browser() -> Client:
    """A browser that has opened the player: its device cookie and a CSRF cookie."""
    client = Client(enforce_csrf_checks=True)
    client.cookies[DEVICE_COOKIE] = DEVICE
    client.cookies["csrftoken"] = "k" * 32
    return client


def send(client: Client, body: Any, content_type: str = JSON, **headers: str) -> Any:
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post("/api/sessions", data, content_type=content_type, headers=headers)


def test_a_browser_write_without_the_csrf_token_is_refused() -> None:
    response = send(browser(), payload())
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert DEVICE_COOKIE not in response.cookies
    assert PracticeSession.objects.count() == 0


def test_a_browser_write_with_the_token_from_this_site_is_saved() -> None:
    client = browser()
    response = send(client, payload(), **{"X-CSRFToken": "k" * 32, "Origin": "http://testserver",
                                          "Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 201, response.content
    assert PracticeSession.objects.get().device == DEVICE
    assert DEVICE_COOKIE not in response.cookies  # the device is kept, never replaced


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    {"Origin": "https://evil.example"},  # an older browser: no fetch metadata
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://other.testserver"},
    {"Origin": "null"},  # a sandboxed frame or a page that hides where it is
])
def test_a_write_from_another_site_is_refused_even_with_a_token(headers: dict[str, str]) -> None:
    for client in (browser(), Client(enforce_csrf_checks=True)):  # with and without cookies
        response = send(client, payload(), **{"X-CSRFToken": "k" * 32, **headers})
        assert response.status_code == 403, (headers, response.content)
        assert not response.cookies.get(DEVICE_COOKIE)
    assert PracticeSession.objects.count() == 0


@pytest.mark.parametrize("content_type", [
    "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "",
])
def test_a_body_that_is_not_sent_as_json_is_refused(content_type: str) -> None:
    """What a form on another site can send without asking: never read as a session."""
    response = send(Client(), json.dumps(payload()), content_type=content_type)
    assert response.status_code == 415
    assert "application/json" in response.json()["detail"]
    assert PracticeSession.objects.count() == 0


def test_a_program_without_cookies_saves_under_a_new_device() -> None:
    """curl or a script has no person's cookies to abuse: JSON is enough."""
    response = send(Client(enforce_csrf_checks=True), payload())
    assert response.status_code == 201
    assert response.cookies[DEVICE_COOKIE].value == PracticeSession.objects.get().device


def test_an_oversized_body_is_413_and_names_the_limit(settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    body = payload(plan="x" * 5000)
    response = send(Client(), body)
    assert response.status_code == 413
    assert "limit is 2000" in response.json()["detail"]


def test_deletes_are_guarded_the_same_way() -> None:
    client = browser()
    session = PracticeSession.objects.create(
        id=uuid.uuid4(), device=DEVICE, routine="dont-crack-your-back", started_at="2026-11-30T10:00Z",
        ended_at="2026-11-30T10:05Z", pain_before=3, steps_done=1, steps_total=1)
    for url in (f"/api/sessions/{session.id}", "/api/device"):
        assert client.delete(url).status_code == 403
        assert client.delete(url, headers={"X-CSRFToken": "k" * 32,
                                           "Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert PracticeSession.objects.count() == 1
    assert client.delete(f"/api/sessions/{session.id}",
                         headers={"X-CSRFToken": "k" * 32}).status_code == 204
    assert PracticeSession.objects.count() == 0


def test_reads_need_no_token() -> None:
    client = browser()
    assert client.get("/api/sessions", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 200
    assert client.get("/api/routines").status_code == 200
