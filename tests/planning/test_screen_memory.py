"""The screen is remembered on the device for BACKCARE_SCREEN_HOURS, then asked again."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from backcare.planning import screen_memory

from .conftest import CRACK

# The plan and worksheet pages read this device's "hurt last time" marks.
pytestmark = pytest.mark.django_db

PLAN_URL = f"/routines/{CRACK}/plan/?floor=1&conditions=none-known"


def test_after_all_no_the_plan_opens_without_asking(screened: Client) -> None:
    response = screened.get(PLAN_URL)
    assert response.status_code == 200
    assert screened.get(f"/routines/{CRACK}/fit/").status_code == 200


def _later(monkeypatch: pytest.MonkeyPatch, hours: float) -> None:
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + hours * 3600)


def test_inside_the_window_it_is_still_remembered(screened: Client, monkeypatch) -> None:
    _later(monkeypatch, 23.9)
    assert screened.get(PLAN_URL).status_code == 200


def test_after_the_window_it_asks_again(screened: Client, monkeypatch) -> None:
    _later(monkeypatch, 24.1)
    response = screened.get(PLAN_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/screen/?next=")


def test_the_window_follows_the_setting(client: Client, settings, monkeypatch) -> None:
    settings.BACKCARE_SCREEN_HOURS = 2
    response = client.post("/screen/", dict.fromkeys(_ids(), "no"))
    assert response.cookies["backcare_screen"]["max-age"] == 2 * 3600
    _later(monkeypatch, 2.1)
    assert client.get(PLAN_URL).status_code == 302


def test_new_questions_make_an_old_screen_stale(screened: Client, monkeypatch) -> None:
    monkeypatch.setattr(screen_memory, "SCREEN_VERSION", "another-version")
    assert screened.get(PLAN_URL).status_code == 302


def test_a_forged_cookie_is_not_trusted(client: Client) -> None:
    from backcare.plans import SCREEN_VERSION

    client.cookies["backcare_screen"] = SCREEN_VERSION  # unsigned
    assert client.get(PLAN_URL).status_code == 302


def _ids() -> list[str]:
    from backcare.plans import QUESTIONS

    return [q.id for q in QUESTIONS]
