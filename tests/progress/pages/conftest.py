"""The progress pages, as a browser without JavaScript sees them (Django's test client)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from backcare.practice.device import COOKIE
from backcare.practice.models import PracticeSession
from backcare.practice.owner import Owner
from backcare.progress.models import MeasureResponse

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
DISCLAIMER_EN = "This is general education, not medical advice"
DISCLAIMER_ES = "Esto es información educativa general, no consejo médico"


def visible(html: str) -> str:
    """What the page shows, as text (no head, scripts or SVG)."""
    html = re.sub(r"<(head|script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return text.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&").strip()


@pytest.fixture
def device() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def client(device: str) -> Client:
    browser = Client()
    browser.cookies[COOKIE] = device
    return browser


@pytest.fixture
def owner(device: str) -> Owner:
    return Owner.of_device(device)


def measure(device: str, measure_id: str, score: float, when: datetime, **values: object
            ) -> MeasureResponse:
    """A measure taken at ``when`` (a row as the data layer keeps it)."""
    answers = values.pop("answers", {"pain": int(score)} if measure_id == "nprs" else {})
    return MeasureResponse.objects.create(device=device, measure=measure_id, answers=answers,
                                          score=score, taken_at=when, **values)


def session(device: str, started: datetime, **values: object) -> PracticeSession:
    fields: dict[str, object] = {
        "routine": FIVE_MINUTE, "plan": "", "pain_before": 5, "pain_after": 4,
        "feeling": "better", "steps_done": 13, "steps_total": 13, "stopped_for_pain": False}
    fields.update(values)
    return PracticeSession.objects.create(id=uuid.uuid4(), device=device, started_at=started,
                                          ended_at=started + timedelta(minutes=5), **fields)


def weeks_ago(weeks: int, days: int = 0) -> datetime:
    return timezone.now() - timedelta(weeks=weeks, days=days)


def in_week(weeks_back: int, day: int) -> datetime:
    """10:00 on day ``day`` (0 = Monday) of the calendar week ``weeks_back`` weeks ago."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday(), weeks=weeks_back)
    return timezone.make_aware(datetime.combine(monday + timedelta(days=day),
                                                datetime.min.time().replace(hour=10)))
