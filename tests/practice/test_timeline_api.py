"""GET /api/timeline: the routine's timeline, or the personal plan's after the safety screen."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import parse_qsl

import pytest
from django.core.signing import get_cookie_signer
from django.test import Client

from backcare.content import Library
from backcare.export.timeline_shapes import steps_out
from backcare.planning.screen_memory import COOKIE, SALT, signed_pass
from backcare.plans import make_plan, profile_from_params, safe_default_plan
from backcare.playscript import build_script
from backcare.practice.device import COOKIE as DEVICE_COOKIE

# The plan and worksheet pages read this device's "hurt last time" marks.
pytestmark = pytest.mark.django_db

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"

DEVICE = "0b3f6a52-2c1e-4d6e-9a57-2f0c1d8e4b11"  # this test browser's device id


def get(client: Client, **params: str) -> tuple[int, Any]:
    response = client.get("/api/timeline", params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.status_code, response.json()


@pytest.fixture
def screened() -> Client:
    client = Client()
    client.cookies[DEVICE_COOKIE] = DEVICE
    client.cookies[COOKIE] = signed_pass(DEVICE)
    return client


def test_the_five_minute_routine_is_the_librarys_timeline(library: Library) -> None:
    status, body = get(Client(), routine=FIVE_MINUTE)
    assert status == 200
    timeline = library.timeline(FIVE_MINUTE)
    assert body["routine"] == FIVE_MINUTE
    assert body["title"] == library.routines[FIVE_MINUTE].title
    assert body["total_seconds"] == timeline.total_seconds == build_script(timeline).total_seconds
    assert body["total_seconds"] == sum(phase["seconds"] for phase in body["phases"])
    assert body["phases"] == [phase.as_dict() for phase in build_script(timeline).phases]
    assert body["plan"] is None and body["changes"] == []
    assert body["steps"] == [s.model_dump() for s in steps_out(timeline)]
    # Step by step, the fields a player needs, straight from the one timeline.
    for out, step in zip(body["steps"], timeline.steps, strict=True):
        assert (out["exercise"], out["side"], out["rep"], out["reps"], out["hold_seconds"],
                out["rest_seconds"], out["starts_at"], out["action"]) == (
            step.exercise, step.side, step.rep, step.reps, step.hold_seconds,
            step.rest_seconds, step.starts_at, step.action)
        assert out["action"] == library.exercises[step.exercise].hold_or_move


def test_every_routine_has_a_timeline(library: Library) -> None:
    for slug in library.routines:
        status, body = get(Client(), routine=slug)
        assert status == 200 and body["plan"] is None
        assert body["total_seconds"] == safe_default_plan(library, slug).total_seconds


def test_an_unknown_routine_is_404_json() -> None:
    status, body = get(Client(), routine="no-such-routine")
    assert status == 404 and "no-such-routine" in body["detail"]


def test_a_missing_routine_is_422() -> None:
    response = Client().get("/api/timeline")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "routine"


@pytest.mark.parametrize("params", [
    {"floor": "0", "conditions": "none-known"},
    {"minutes": "3"},
    {"skip": "cat-cow"},
])
def test_a_plan_without_the_safety_screen_is_403(params: dict[str, str]) -> None:
    status, body = get(Client(), routine=FIVE_MINUTE, **params)
    assert status == 403
    assert "/screen/" in body["detail"]


def test_a_forged_outdated_or_borrowed_screen_cookie_is_403() -> None:
    plan = {"routine": FIVE_MINUTE, "floor": "1", "conditions": "none-known"}
    client = Client()
    client.cookies[DEVICE_COOKIE] = DEVICE
    signer = get_cookie_signer(salt=COOKIE + SALT)
    client.cookies[COOKIE] = signer.sign(f"an-old-version:{DEVICE}")
    assert get(client, **plan)[0] == 403
    client.cookies[COOKIE] = "forged"
    assert get(client, **plan)[0] == 403
    # A pass given to another browser, copied into this one, is worth nothing here.
    client.cookies[COOKIE] = signed_pass(str(uuid.uuid4()))
    assert get(client, **plan)[0] == 403
    # Nor is this device's own pass carried by a browser without this device's cookie.
    other = Client()
    other.cookies[COOKIE] = signed_pass(DEVICE)
    assert get(other, **plan)[0] == 403
    other.cookies[DEVICE_COOKIE] = str(uuid.uuid4())
    assert get(other, **plan)[0] == 403
    # The pass and the device it was given to, together: a plan.
    client.cookies[COOKIE] = signed_pass(DEVICE)
    assert get(client, **plan)[0] == 200


def test_with_the_screen_it_is_the_plans_timeline(screened: Client, library: Library) -> None:
    params = {"floor": "0", "conditions": "none-known", "minutes": "3", "skip": "cat-cow"}
    status, body = get(screened, routine=FIVE_MINUTE, **params)
    assert status == 200, body
    plan = make_plan(library, FIVE_MINUTE, profile_from_params(params))
    assert body["steps"] == [s.model_dump() for s in steps_out(plan.timeline)]
    assert body["total_seconds"] == plan.total_seconds <= 180
    assert body["title"] == plan.routine_title
    assert dict(parse_qsl(body["plan"])) == params
    assert [(c["kind"], c["exercise"], c["replacement"], c["reason"]) for c in body["changes"]] == [
        (c.kind, c.exercise, c.replacement, c.reason) for c in plan.changes]
    assert any(c["kind"] == "skipped" and c["exercise"] == "cat-cow" for c in body["changes"])


@pytest.mark.parametrize(("params", "field"), [
    ({"floor": "2", "conditions": "none-known"}, "floor"),
    ({"floor": "1", "diagnosis": "flu"}, "diagnosis"),
    ({"floor": "1", "conditions": "none-known", "minutes": "many"}, "minutes"),
    ({"floor": "1", "conditions": "none-known", "minutes": "500"}, "minutes"),
    ({"floor": "1", "conditions": "none-known", "pain": "11"}, "pain"),
    ({"floor": "1", "conditions": "none-known", "skip": "no-such-exercise"}, "skip"),
    ({"minutes": "5"}, "floor"),
])
def test_bad_plan_params_are_422_naming_the_field(screened: Client, params: dict[str, str],
                                                  field: str) -> None:
    status, body = get(screened, routine=FIVE_MINUTE, **params)
    assert status == 422, body
    assert field in [p["loc"][-1] for p in body["detail"]], body
