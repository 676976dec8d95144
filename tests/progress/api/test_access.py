"""Who reaches what in the outcomes API: a device, a signed-in person and a bearer token's
program each see only their own; writes from a browser need the CSRF token; every
personal answer is private; the OpenAPI document states every operation."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from backcare.accounts.tokens import make_token
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.progress.models import MeasureResponse, ReminderFeed, ReviewDecision

from .conftest import answer, days_ago, device, person, post, save_session, signed_in, take

pytestmark = pytest.mark.django_db

READS = ("/api/progress", "/api/review", "/api/reminders", "/api/fhir/bundle")
WRITES: tuple[tuple[str, str, dict[str, Any] | None], ...] = (
    ("POST", "/api/measures/nprs", {"answers": {"pain": 3}}),
    ("POST", "/api/review", {"accept": True}),
    ("POST", "/api/reminders", {"days": ["mon"], "time": "08:00", "tz": "UTC"}),
    ("DELETE", "/api/reminders", None),
)
NEW_PATHS = {
    "/api/measures", "/api/measures/{measure_id}", "/api/progress", "/api/review",
    "/api/reminders", "/api/fhir/bundle", "/api/fhir/Questionnaire/{measure_id}",
}


def write(client: Client, method: str, path: str, body: dict[str, Any] | None,
          **headers: str) -> Any:
    if method == "DELETE":
        return client.delete(path, headers=headers)
    return post(client, path, body, **headers)


def busy(client: Client) -> None:
    """Everything a person can have in the outcomes: measures, a decision, reminders."""
    take(client, "nprs", {"pain": 5})
    for back in (3, 1):
        save_session(client, days_ago(back), pain_before=3, pain_after=6)
    assert post(client, "/api/review", {"accept": True}).status_code == 200
    assert post(client, "/api/reminders", {"days": ["mon"], "time": "08:00",
                                           "tz": "UTC"}).status_code == 201


def test_another_device_sees_none_of_it() -> None:
    phone = device()
    busy(phone)
    stranger = device()
    shown = stranger.get("/api/progress").json()
    assert shown["measures"]["nprs"] == [] and not any(w["sessions"] for w in shown["sessions_per_week"])
    assert stranger.get("/api/reminders").json() is None
    assert stranger.get("/api/review").json() is None
    assert '"Observation"' not in stranger.get("/api/fhir/bundle").content.decode()
    assert post(stranger, "/api/review", {"accept": False}).status_code == 409
    assert ReviewDecision.objects.count() == 1


def test_a_person_sees_theirs_on_every_device_and_their_token_too() -> None:
    ana = person()
    busy(signed_in(ana, "phone"))
    _, secret = make_token(ana)
    program = Client()
    bearer = {"Authorization": f"Bearer {secret}"}
    for client, headers in ((signed_in(ana, "laptop"), {}), (program, bearer)):
        assert [p["score"] for p in client.get("/api/progress", headers=headers)
                .json()["measures"]["nprs"]] == [5]
        assert client.get("/api/reminders", headers=headers).json()["calendar_url"]
        assert client.get("/api/fhir/bundle", headers=headers).status_code == 200
    assert program.delete("/api/reminders", headers=bearer).status_code == 204
    assert ReminderFeed.objects.get().revoked_at is not None
    # Bob sees nothing of Ana's.
    bob = signed_in(person("bob@example.org"))
    assert bob.get("/api/progress").json()["measures"]["nprs"] == []
    assert bob.get("/api/reminders").json() is None


def test_every_personal_answer_is_private() -> None:
    phone = device()
    busy(phone)
    for path in READS:
        response = phone.get(path)
        assert response.status_code == 200, path
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_a_browser_write_needs_the_csrf_token(method: str, path: str,
                                               body: dict[str, Any] | None) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.cookies[DEVICE_COOKIE] = "0b5f8f0e-43a3-4f0c-9c53-33b1a5c0f0d2"
    assert write(browser, method, path, body).status_code == 403


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_a_write_from_another_site_is_refused(method: str, path: str,
                                               body: dict[str, Any] | None) -> None:
    response = write(device(), method, path, body, **{"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert MeasureResponse.objects.count() == 0 and ReminderFeed.objects.count() == 0


def test_a_body_that_is_not_json_is_refused() -> None:
    response = device().post("/api/measures/nprs", "pain=3",
                             content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_the_api_document_states_every_operation() -> None:
    schema = Client().get("/api/openapi.json").json()
    assert set(schema["paths"]) >= NEW_PATHS
    operations = {(path, method): op for path in NEW_PATHS
                  for method, op in schema["paths"][path].items()}
    assert {(p, m) for p, m in operations} >= {
        ("/api/measures", "get"), ("/api/measures/{measure_id}", "post"),
        ("/api/progress", "get"), ("/api/review", "get"), ("/api/review", "post"),
        ("/api/reminders", "get"), ("/api/reminders", "post"), ("/api/reminders", "delete"),
        ("/api/fhir/bundle", "get"), ("/api/fhir/Questionnaire/{measure_id}", "get")}
    for (path, method), op in operations.items():
        assert op.get("summary"), (path, method)
        assert "422" in op["responses"], (path, method)
    assert "404" in operations[("/api/measures/{measure_id}", "post")]["responses"]
    assert "409" in operations[("/api/review", "post")]["responses"]
    fhir = operations[("/api/fhir/bundle", "get")]["responses"]["200"]["content"]
    assert "application/fhir+json" in fhir
    change = schema["components"]["schemas"]["ChangeOut"]["properties"]
    assert {"from", "to", "meaningful", "direction"} <= set(change)


def test_a_person_s_measure_is_refused_without_a_device_or_account_only_by_its_rules() -> None:
    # A program with neither cookie nor token is a new device: it gets one with its answer.
    response = answer(Client(), "nprs", {"pain": 1})
    assert response.status_code == 201 and DEVICE_COOKIE in response.cookies
