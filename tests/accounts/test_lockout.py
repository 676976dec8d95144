"""Repeated failed sign-ins lock the address (from that place) for a while: on the sign-in
page and on POST /api/auth/token alike, counted together, with a clear answer."""

from __future__ import annotations

import json

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from .helpers import JSON, PASSWORD, make_person, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def ask_token(password: str = PASSWORD, email: str = "ana@example.org") -> object:
    return Client().post("/api/auth/token", json.dumps({"email": email, "password": password}),
                         content_type=JSON)


def test_the_sign_in_page_locks_after_the_failure_limit() -> None:
    make_person()
    limit = settings.AXES_FAILURE_LIMIT
    browser = Client()
    for _ in range(limit - 1):
        assert sign_in(browser, password="wrong password").status_code == 200
    locked = sign_in(browser, password="wrong password")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.text
    assert int(locked["Retry-After"]) == 3600
    assert 'aria-label="Safety notice"' in locked.text  # our page
    # Now even the right password waits.
    assert sign_in(browser).status_code == 429
    assert browser.get("/account/").status_code == 302
    # Another address from the same place is not locked.
    make_person("ben@example.org")
    assert sign_in(Client(), "ben@example.org").status_code == 302


def test_failures_are_filed_under_the_address_whatever_its_case() -> None:
    make_person()
    sign_in(Client(), "ANA@example.org", "wrong password")
    ask_token("wrong password", email="Ana@Example.org")
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "ana@example.org"
    assert attempt.failures_since_start == 2


def test_the_api_and_the_page_count_together_and_the_api_says_429() -> None:
    make_person()
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        sign_in(Client(), password="wrong password")
    response = ask_token("wrong password")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert "Too many failed sign-ins" in response.json()["detail"]
    assert int(response["Retry-After"]) == 3600
    assert ask_token().status_code == 429  # the right password waits too


def test_a_success_clears_the_failures() -> None:
    make_person()
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        sign_in(Client(), password="wrong password")
    assert sign_in(Client()).status_code == 302
    assert AccessAttempt.objects.count() == 0
    for _ in range(limit - 1):
        assert ask_token("wrong password").status_code == 401
    assert ask_token().status_code == 201
    assert AccessAttempt.objects.count() == 0
