"""What a person follows now is what they did most recently: a clinician's program (its
latest session, or the day it was opened) or a routine of their own."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession
from backcare.practice.owner import Owner
from backcare.programs.models import PatientProgram, Program
from backcare.progress.following import current_target

from .conftest import FIVE_MINUTE, device, open_program

pytestmark = pytest.mark.django_db


def played(client: Client, days_back: float, patient_program: PatientProgram | None = None
           ) -> None:
    started = timezone.now() - timedelta(days=days_back)
    PracticeSession.objects.create(
        id=uuid.uuid4(), device=client.cookies[DEVICE_COOKIE].value,
        routine="" if patient_program else FIVE_MINUTE, plan="",
        patient_program=patient_program, started_at=started,
        ended_at=started + timedelta(minutes=5), pain_before=4, pain_after=3,
        feeling="better", steps_done=13, steps_total=13, stopped_for_pain=False)


def following(client: Client) -> str:
    target = current_target(Owner.of_device(client.cookies[DEVICE_COOKIE].value))
    assert target is not None
    return "program" if target.patient_program is not None else target.routine


def goal_source(client: Client) -> str:
    return str(client.get("/api/progress").json()["goal_source"])


def test_a_routine_played_after_the_program_was_opened_is_followed(
        make_program: Callable[..., Program]) -> None:
    phone = device()
    open_program(phone, make_program(days_per_week=2), days_back=30)
    played(phone, days_back=1)
    assert following(phone) == FIVE_MINUTE
    assert goal_source(phone) == "default"  # not the old program's days a week


def test_a_program_opened_after_the_last_routine_is_followed(
        make_program: Callable[..., Program]) -> None:
    phone = device()
    played(phone, days_back=10)
    open_program(phone, make_program(days_per_week=2), days_back=1)
    assert following(phone) == "program"
    assert goal_source(phone) == "program"


def test_the_latest_session_decides_between_a_program_and_a_routine(
        make_program: Callable[..., Program]) -> None:
    phone = device()
    mine = open_program(phone, make_program(days_per_week=2), days_back=30)
    played(phone, days_back=5)
    played(phone, days_back=2, patient_program=mine)
    assert following(phone) == "program"
    played(phone, days_back=0.5)
    assert following(phone) == FIVE_MINUTE
    assert goal_source(phone) == "default"
