"""The player page is the same HTML for everyone who passed the screen, so it is rendered
once (``response_cache.rendered_once``): no CSRF token in the HTML (the session log reads it
from its cookie when it saves), and never a page shaped by another device's "it hurt"."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from backcare.planning.screen_memory import COOKIE as SCREEN_COOKIE
from backcare.planning.screen_memory import signed_pass
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession
from backcare.practice.painful_marks import remember_hurt
from backcare.site.response_cache import BODIES

pytestmark = pytest.mark.django_db
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
PLAY = f"/routines/{FIVE}/play/"
SESSIONS_JS = (Path(__file__).resolve().parents[2]
               / "backcare/practice/static/practice/sessions.js")


def _screened(device: str | None = None) -> Client:
    device = device or str(uuid.uuid4())
    client = Client()
    client.cookies[DEVICE_COOKIE] = device
    client.cookies[SCREEN_COOKIE] = signed_pass(device)
    return client


def _hurt(device: str, exercise: str) -> None:
    ended = datetime.now(UTC).replace(microsecond=0)
    row = PracticeSession.objects.create(
        id=uuid.uuid4(), device=device, routine=FIVE, started_at=ended - timedelta(minutes=2),
        ended_at=ended, pain_before=4, pain_after=7, steps_done=3, steps_total=13,
        stopped_for_pain=True, painful_exercise=exercise)
    remember_hurt(row)


def _exercise_names(html: str) -> set[str]:
    match = re.search(r'<script id="timeline" type="application/json">(.*?)</script>', html, re.S)
    assert match
    return {step["exercise"] for step in json.loads(match.group(1))["steps"]}


@pytest.mark.parametrize("url", [PLAY, f"/es{PLAY}"])
def test_two_people_get_the_same_page_rendered_once(url: str) -> None:
    first = _screened().get(url)
    assert first.status_code == 200 and first.templates, "the first one is rendered"
    assert len(BODIES) == 1
    second = _screened().get(url)
    assert second.status_code == 200
    assert not second.templates, "the second comes from memory"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # still the person's own answer: cookies set, never kept by a shared cache
    assert "no-store" in second["Cache-Control"]
    assert settings.CSRF_COOKIE_NAME in second.cookies


def test_the_page_holds_no_csrf_token_and_the_cookie_is_readable_by_the_player() -> None:
    response = _screened().get(PLAY)
    token = response.cookies[settings.CSRF_COOKIE_NAME].value
    html = response.content.decode()
    assert token and token not in html
    assert "csrfmiddlewaretoken" not in html and "data-csrf" not in html
    assert not settings.CSRF_COOKIE_HTTPONLY, "sessions.js reads the token from the cookie"
    js = SESSIONS_JS.read_text(encoding="utf-8")
    assert f'const CSRF_COOKIE = "{settings.CSRF_COOKIE_NAME}";' in js


def test_a_device_with_a_hurt_mark_never_gets_the_kept_page() -> None:
    everyone = _screened().get(PLAY)
    assert "cat-cow" in _exercise_names(everyone.content.decode())
    device = str(uuid.uuid4())
    _hurt(device, "cat-cow")
    own = _screened(device).get(PLAY)
    assert own.status_code == 200 and own.templates, "rendered for this device"
    assert "cat-cow" not in _exercise_names(own.content.decode())
    assert len(BODIES) == 1, "the device's own page is not kept"
    # and everyone else still gets the page with it
    assert _screened().get(PLAY).content == everyone.content


def test_a_plan_is_rendered_for_its_person_and_the_screen_is_still_asked_first() -> None:
    plan = f"{PLAY}?floor=0&conditions=none-known&minutes=3&pain=4"
    client = _screened()
    for _ in range(2):
        assert client.get(plan).templates
    assert len(BODIES) == 0
    assert Client().get(PLAY).status_code == 302  # no screen: never the kept page
