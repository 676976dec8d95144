"""Browsers (Django test clients) with a device cookie or a signed-in person, and the
calls the outcomes API tests make: sessions posted as the player posts them, measures
answered, the clock moved back on what was saved."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from backcare.accounts.models import Clinic, Clinician
from backcare.catalogue.library import get_library
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.prescribing import ProgramDraft, draft_to_data, item_with_defaults, new_code, new_share_key
from backcare.programs.models import PatientProgram, Program, ProgramVersion
from backcare.progress.models import MeasureResponse

JSON = "application/json"
FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
PASSWORD = "a long enough password 42"


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_rate_counts() -> None:
    from django.core.cache import cache

    cache.clear()


def device(name: str | None = None) -> Client:
    """A browser with its own device cookie."""
    client = Client()
    client.cookies[DEVICE_COOKIE] = (str(uuid.uuid5(uuid.NAMESPACE_URL, name)) if name
                                     else str(uuid.uuid4()))
    return client


def person(email: str = "ana@example.org") -> Any:
    return get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)


def signed_in(user: Any, name: str | None = None) -> Client:
    """A browser (with its own device cookie) where ``user`` is signed in."""
    client = device(name)
    client.force_login(user)
    return client


def post(client: Client, path: str, body: Any, **headers: str) -> Any:
    return client.post(path, json.dumps(body), content_type=JSON, headers=headers)


def session_body(ended: datetime | None = None, **changes: Any) -> dict[str, Any]:
    ended = (ended or datetime.now(UTC)).replace(microsecond=0)
    body: dict[str, Any] = {
        "id": str(uuid.uuid4()), "routine": FIVE_MINUTE, "plan": None,
        "started_at": (ended - timedelta(minutes=5)).isoformat(), "ended_at": ended.isoformat(),
        "pain_before": 4, "pain_after": 3, "feeling": "better",
        "steps_done": 13, "steps_total": 13, "stopped_for_pain": False,
    }
    body.update(changes)
    return body


def save_session(client: Client, ended: datetime | None = None, **changes: Any) -> Any:
    response = post(client, "/api/sessions", session_body(ended, **changes))
    assert response.status_code in (200, 201), response.content
    return response.json()


def days_ago(days: float) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def answer(client: Client, measure: str, answers: dict[str, Any], **headers: str) -> Any:
    return post(client, f"/api/measures/{measure}", {"answers": answers}, **headers)


def take(client: Client, measure: str, answers: dict[str, Any], *, days_back: float = 0) -> Any:
    """Answer a measure and move it ``days_back`` days into the past; its JSON."""
    response = answer(client, measure, answers)
    assert response.status_code == 201, response.content
    taken = response.json()
    if days_back:
        MeasureResponse.objects.filter(id=taken["id"]).update(
            taken_at=timezone.now() - timedelta(days=days_back))
    return taken


def start_back(*agree: int, q9: int = 0) -> dict[str, int]:
    """STarT Back answers agreeing with the items numbered in ``agree``."""
    answers = {f"q{i}": int(i in agree) for i in range(1, 9)}
    answers["q9"] = q9
    return answers


def loc_tails(response: Any) -> list[list[Any]]:
    return [problem["loc"][2:] for problem in response.json()["detail"]]


@pytest.fixture
def make_program(db: Any) -> Callable[..., Program]:
    """A clinician's program (pelvic tilt, bridge, cat-cow), as the clinic saves it."""
    def make(days_per_week: int = 3, locked: bool = False) -> Program:
        library = get_library()
        carol = get_user_model().objects.create_user(
            username=f"carol-{new_code()}@example.org", password=PASSWORD)
        clinic, _ = Clinic.objects.get_or_create(name="Clinic North")
        Clinician.objects.create(user=carol, clinic=clinic, display_name="Carol Ames")
        program = Program.objects.create(clinic=clinic, created_by=carol, locked=locked,
                                         share_key=new_share_key(), code=new_code())
        draft = ProgramDraft(title="Morning back care", note="Gently.",
                             days_per_week=days_per_week, conditions=(),
                             items=tuple(item_with_defaults(library, slug)
                                         for slug in ("pelvic-tilt", "bridge", "cat-cow")))
        data = draft_to_data(draft)
        ProgramVersion.objects.create(
            program=program, number=1, title=data["title"], note=data["note"],
            days_per_week=data["days_per_week"], conditions=data["conditions"],
            items=data["items"], clinician_name="Carol Ames", made_by=carol)
        return program
    return make


def open_program(client: Client, program: Program, *, days_back: float = 30) -> PatientProgram:
    """The program opened by this browser's owner (the person, else its device)."""
    user = client.session.get("_auth_user_id") if client.session else None
    return PatientProgram.objects.create(
        program=program, device=client.cookies[DEVICE_COOKIE].value,
        user_id=int(user) if user else None,
        accepted_at=timezone.now() - timedelta(days=days_back))
