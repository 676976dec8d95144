"""The anonymous device id cookie."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from django.test import RequestFactory

from backcare.practice.device import COOKIE, MAX_AGE, device_id, ensure_device


def test_a_new_device_gets_a_random_id_cookie() -> None:
    request = RequestFactory().get("/")
    response = HttpResponse()
    value = ensure_device(request, response)
    assert str(uuid.UUID(value)) == value
    cookie = response.cookies[COOKIE]
    assert cookie.value == value
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == MAX_AGE == 365 * 24 * 3600
    # A second call while handling the same request keeps the same id.
    assert ensure_device(request, response) == value
    assert device_id(request) is None  # the request itself came without one


def test_a_known_device_keeps_its_id_and_no_cookie_is_set() -> None:
    known = str(uuid.uuid4())
    request = RequestFactory().get("/", HTTP_COOKIE=f"{COOKIE}={known}")
    response = HttpResponse()
    assert device_id(request) == known
    assert ensure_device(request, response) == known
    assert COOKIE not in response.cookies


def test_a_malformed_cookie_is_ignored_and_replaced() -> None:
    for bad in ("not-a-uuid", "'; DROP TABLE", uuid.uuid4().hex, str(uuid.uuid4()).upper()):
        request = RequestFactory().get("/")
        request.COOKIES[COOKIE] = bad
        assert device_id(request) is None
        response = HttpResponse()
        value = ensure_device(request, response)
        assert value != bad and response.cookies[COOKIE].value == value
