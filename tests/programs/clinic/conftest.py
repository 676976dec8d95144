"""The clinician's side: users, clinics and programs made directly in the database.

Clinicians and people are made with Django's auth and the accounts models; a client is
signed in with ``force_login``. Sessions of a program are written straight to the
database (PracticeSession with its patient_program), as the player would save them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from backcare.accounts.models import Clinic, Clinician
from backcare.practice.models import PracticeSession
from backcare.programs.models import PatientProgram, Program

#: A program body the API takes: three exercises, the second and third at their own doses.
BODY: dict[str, Any] = {
    "title": "Morning back care",
    "note": "Gently, and stop if it hurts.",
    "days_per_week": 3,
    "conditions": [],
    "items": [
        {"exercise": "pelvic-tilt", "reps": 8, "note": "Slowly"},
        {"exercise": "cat-cow"},
        {"exercise": "bridge"},
    ],
}


def make_user(email: str) -> Any:
    return get_user_model().objects.create_user(username=email, email=email, password="x-long-pass-1")


def make_clinician(email: str, clinic_name: str, name: str = "") -> Any:
    clinic, _ = Clinic.objects.get_or_create(name=clinic_name)
    user = make_user(email)
    Clinician.objects.create(user=user, clinic=clinic, display_name=name)
    return user


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clinician(db: None) -> Any:
    return make_clinician("ana@clinic.example", "Riverside Physio", "Ana Ruiz")


@pytest.fixture
def colleague(db: None, clinician: Any) -> Any:
    return make_clinician("ben@clinic.example", "Riverside Physio", "Ben")


@pytest.fixture
def outsider(db: None) -> Any:
    return make_clinician("cy@elsewhere.example", "Hilltop Clinic", "Cy")


@pytest.fixture
def person(db: None) -> Any:
    return make_user("pat@example.com")


@pytest.fixture
def as_clinician(clinician: Any) -> Client:
    return signed_in(clinician)


@pytest.fixture
def make_program(as_clinician: Client) -> Callable[..., dict[str, Any]]:
    def make(**changes: Any) -> dict[str, Any]:
        response = as_clinician.post("/api/programs", {**BODY, **changes},
                                     content_type="application/json")
        assert response.status_code == 201, response.content
        return dict(response.json())
    return make


def accept(program_id: int, accepted_at: datetime, sharing: bool = True,
           device: str = "") -> PatientProgram:
    return PatientProgram.objects.create(
        program=Program.objects.get(pk=program_id), device=device or uuid.uuid4().hex,
        accepted_at=accepted_at, sharing=sharing,
        stopped_sharing_at=None if sharing else accepted_at + timedelta(days=1))


def session(patient: PatientProgram | None, started_at: datetime, before: int,
            after: int | None, stopped: bool = False, exercise: str = "",
            device: str = "") -> PracticeSession:
    total = 20
    return PracticeSession.objects.create(
        device=device or (patient.device if patient else "d" * 32), patient_program=patient,
        routine="", program_version=1, started_at=started_at,
        ended_at=started_at + timedelta(minutes=10), pain_before=before, pain_after=after,
        steps_done=5 if stopped else total, steps_total=total, stopped_for_pain=stopped,
        painful_exercise=exercise)
