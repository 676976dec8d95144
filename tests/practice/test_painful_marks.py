""""It hurt last time": a stop for pain that names an exercise leaves it out of this
device's plans until the person includes it again."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.forgetting import forget_device, forget_session
from backcare.practice.models import PainfulExercise, PracticeSession
from backcare.practice.owner import Owner
from backcare.practice.painful_marks import hurt_last_time, include_again, remember_hurt

pytestmark = pytest.mark.django_db
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
INCLUDE = "/api/painful-exercises/cat-cow/include"
NOW = datetime.now(UTC).replace(microsecond=0)


def stopped(device: str, exercise: str, days_ago: int = 0, *, stop: bool = True) -> PracticeSession:
    ended = NOW - timedelta(days=days_ago)
    row = PracticeSession.objects.create(
        id=uuid.uuid4(), device=device, routine=FIVE, started_at=ended - timedelta(minutes=2),
        ended_at=ended, pain_before=4, pain_after=7, steps_done=3, steps_total=13,
        stopped_for_pain=stop, painful_exercise=exercise)
    remember_hurt(row)
    return row


def test_a_stop_naming_an_exercise_marks_it_until_included_again() -> None:
    device = str(uuid.uuid4())
    stopped(device, "cat-cow", days_ago=2)
    stopped(device, "pelvic-tilt", days_ago=1)
    stopped(device, "", days_ago=0)  # "not sure": nothing marked
    assert [m.exercise for m in hurt_last_time(Owner.of_device(device))] == ["cat-cow", "pelvic-tilt"]
    assert hurt_last_time(Owner.of_device(str(uuid.uuid4()))) == ()
    assert hurt_last_time(Owner.of_device(None)) == ()
    assert include_again(Owner.of_device(device), "cat-cow")
    assert not include_again(Owner.of_device(device), "cat-cow")  # already back
    assert [m.exercise for m in hurt_last_time(Owner.of_device(device))] == ["pelvic-tilt"]
    stopped(device, "cat-cow")  # hurt again: left out again, dated today
    marks = {m.exercise: m.hurt_at for m in hurt_last_time(Owner.of_device(device))}
    assert marks == {"pelvic-tilt": NOW - timedelta(days=1), "cat-cow": NOW}
    assert PainfulExercise.objects.filter(device=device).count() == 2  # one row per exercise


def test_naming_an_exercise_needs_a_stop_for_pain() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        stopped(str(uuid.uuid4()), "cat-cow", stop=False)


def test_deleting_the_session_or_the_device_takes_its_marks() -> None:
    device = str(uuid.uuid4())
    first = stopped(device, "cat-cow")
    stopped(device, "bridge")
    assert forget_session(Owner.of_device(device), first.id)
    assert [m.exercise for m in hurt_last_time(Owner.of_device(device))] == ["bridge"]
    forget_device(Owner.of_device(device))
    assert not PainfulExercise.objects.filter(device=device).exists()


def test_the_api_lists_and_includes_again() -> None:
    device = str(uuid.uuid4())
    stopped(device, "cat-cow")
    client = Client()
    client.cookies[DEVICE_COOKIE] = device
    listed = client.get("/api/painful-exercises")
    assert listed.status_code == 200
    assert [m["exercise"] for m in listed.json()] == ["cat-cow"]
    assert "no-store" in listed["Cache-Control"]
    other = Client()
    other.cookies[DEVICE_COOKIE] = str(uuid.uuid4())
    assert other.post(INCLUDE, content_type="application/json").status_code == 404
    assert client.post(INCLUDE, content_type="application/json").json() == {
        "exercise": "cat-cow", "included": True}
    assert client.post(INCLUDE, content_type="application/json").status_code == 404
    assert client.get("/api/painful-exercises").json() == []
