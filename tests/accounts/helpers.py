"""Making people, signing them in and saving sessions, the way the site does it."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from backcare.accounts.models import Clinic, Clinician
from backcare.catalogue.library import get_library
from backcare.practice.device import COOKIE as DEVICE_COOKIE

PASSWORD = "correct horse battery staple"
FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
JSON = "application/json"


def make_person(email: str = "ana@example.org", password: str = PASSWORD, *,
                verified: bool = True, clinic: str | None = None, admin: bool = False) -> Any:
    """An account as sign-up and e-mail confirmation leave it (optionally a clinician)."""
    user = get_user_model().objects.create_user(username=email.split("@")[0] + uuid.uuid4().hex[:6],
                                                email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    if clinic is not None:
        Clinician.objects.create(user=user, clinic=Clinic.objects.get_or_create(name=clinic)[0],
                                 is_admin=admin)
    return user


def device_client(device: str | None = None) -> Client:
    """A browser with its own device cookie."""
    client = Client()
    client.cookies[DEVICE_COOKIE] = device or str(uuid.uuid4())
    return client


def sign_in(client: Client, email: str = "ana@example.org", password: str = PASSWORD) -> Any:
    """Sign in through the sign-in page, as a person would; the response."""
    return client.post("/accounts/login/", {"login": email, "password": password})


def exercises_of_five_minute() -> list[str]:
    steps = get_library().timeline(FIVE_MINUTE).steps
    return list(dict.fromkeys(step.exercise for step in steps))


def session_payload(ended: datetime | None = None, **changes: Any) -> dict[str, Any]:
    ended = (ended or datetime.now(UTC)).replace(microsecond=0)
    body: dict[str, Any] = {
        "id": str(uuid.uuid4()), "routine": FIVE_MINUTE, "plan": None,
        "started_at": (ended - timedelta(minutes=5)).isoformat(), "ended_at": ended.isoformat(),
        "pain_before": 6, "pain_after": 4, "feeling": "better",
        "steps_done": 13, "steps_total": 13, "stopped_for_pain": False,
    }
    body.update(changes)
    return body


def hurt_payload(exercise: str, ended: datetime | None = None) -> dict[str, Any]:
    return session_payload(ended, stopped_for_pain=True, painful_exercise=exercise,
                           steps_done=3, pain_after=7)


def save(client: Client, body: dict[str, Any], **headers: str) -> Any:
    response = client.post("/api/sessions", json.dumps(body), content_type=JSON, headers=headers)
    assert response.status_code in (200, 201), response.content
    return response.json()
