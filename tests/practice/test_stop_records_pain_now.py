"""A stop for pain records the pain now: the stop screen saves the session at once, then
sends its answers with the same id — which exercise hurt and "How strong is the pain now?"
— and the server adds each one the session does not have yet, never overwriting."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from backcare.planning.screen_memory import COOKIE, signed_pass
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PainfulExercise, PracticeSession

pytestmark = pytest.mark.django_db
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"


def stop(**changes: Any) -> dict[str, Any]:
    """The session as the stop screen first saves it: stopped, no pain now, no answer."""
    ended = datetime.now(UTC).replace(microsecond=0)
    body = {
        "id": str(uuid.uuid4()), "routine": FIVE, "plan": None,
        "started_at": (ended - timedelta(minutes=2)).isoformat(), "ended_at": ended.isoformat(),
        "pain_before": 3, "pain_after": None, "feeling": "", "steps_done": 4, "steps_total": 13,
        "stopped_for_pain": True, "painful_exercise": None,
    }
    body.update(changes)
    return body


def device() -> Client:
    client = Client()
    client.cookies[DEVICE_COOKIE] = str(uuid.uuid4())
    return client


def post(client: Client, body: dict[str, Any]) -> tuple[int, Any]:
    response = client.post("/api/sessions", body, content_type="application/json")
    return response.status_code, response.json()


def test_the_answer_adds_the_pain_now_and_the_exercise_to_the_stopped_session() -> None:
    phone = device()
    body = stop()
    assert post(phone, body)[0] == 201
    status, saved = post(phone, {**body, "pain_after": 6, "painful_exercise": "cat-cow"})
    assert status == 200
    assert (saved["pain_before"], saved["pain_after"], saved["painful_exercise"]) == (3, 6, "cat-cow")
    row = PracticeSession.objects.get(id=body["id"])
    assert (row.pain_after, row.painful_exercise) == (6, "cat-cow")
    assert PainfulExercise.objects.filter(exercise="cat-cow").count() == 1


def test_not_sure_which_exercise_still_records_the_pain_now() -> None:
    phone = device()
    body = stop()
    post(phone, body)
    status, saved = post(phone, {**body, "pain_after": 7})
    assert status == 200 and saved["pain_after"] == 7 and saved["painful_exercise"] is None
    assert not PainfulExercise.objects.exists()  # nothing named, nothing left out


def test_what_was_saved_is_never_overwritten() -> None:
    phone = device()
    body = stop()
    post(phone, body)
    post(phone, {**body, "pain_after": 6, "painful_exercise": "cat-cow"})
    status, again = post(phone, {**body, "pain_after": 1, "painful_exercise": "pelvic-tilt"})
    assert status == 200 and (again["pain_after"], again["painful_exercise"]) == (6, "cat-cow")
    status, retry = post(phone, body)  # a plain retry of the first save changes nothing
    assert status == 200 and (retry["pain_after"], retry["painful_exercise"]) == (6, "cat-cow")
    row = PracticeSession.objects.get(id=body["id"])
    assert (row.pain_after, row.painful_exercise) == (6, "cat-cow")


def test_a_pain_saved_with_the_stop_is_kept() -> None:
    phone = device()
    body = stop(pain_after=5)
    post(phone, body)
    _, again = post(phone, {**body, "pain_after": 9})
    assert again["pain_after"] == 5


def test_only_a_session_stopped_for_pain_takes_the_pain_afterwards() -> None:
    phone = device()
    body = stop(stopped_for_pain=False, steps_done=13)
    post(phone, body)
    status, again = post(phone, {**body, "pain_after": 8})
    assert status == 200 and again["pain_after"] is None


def test_another_device_cannot_add_the_pain_now() -> None:
    body = stop()
    post(device(), body)
    status, _ = post(device(), {**body, "pain_after": 9})
    assert status == 409
    assert PracticeSession.objects.get(id=body["id"]).pain_after is None


def test_a_pain_now_out_of_the_scale_is_refused_naming_the_field() -> None:
    phone = device()
    body = stop()
    post(phone, body)
    status, answer = post(phone, {**body, "pain_after": 11})
    assert status == 422
    assert [problem["loc"][-1] for problem in answer["detail"]] == ["pain_after"]
    assert PracticeSession.objects.get(id=body["id"]).pain_after is None


def test_the_stop_screen_asks_how_strong_the_pain_is_now() -> None:
    client = Client()
    client.cookies[DEVICE_COOKIE] = ident = str(uuid.uuid4())
    client.cookies[COOKIE] = signed_pass(ident)
    page = client.get(f"/routines/{FIVE}/play/").content.decode()
    form = re.search(r'<form id="hurt-form"[^>]*>(.*?)</form>', page, re.S)
    assert form is not None
    assert "How strong is the pain now?" in form.group(1) and "(optional)" in form.group(1)
    scale = re.findall(r'<input type="radio" name="pain_after" value="(\d+)">', form.group(1))
    assert scale == [str(n) for n in range(11)]  # 0 to 10, none chosen, none required
