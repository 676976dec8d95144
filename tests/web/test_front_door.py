"""The WSGI front door (backcare.site.front_door): what Django answered from memory is
answered again before Django, byte for byte with the same headers, and only to a request
that is the same in everything Django could have read."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable
from typing import Any

import brotli
import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from backcare.planning.screen_memory import COOKIE as SCREEN_COOKIE
from backcare.planning.screen_memory import signed_pass
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.site import response_cache
from backcare.site.front_door import FRONT, FrontDoor

pytestmark = pytest.mark.django_db  # each request starts and ends Django's request cycle
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
DEVICE = "0b3f6a52-2c1e-4d6e-9a57-2f0c1d8e4b11"


class Answered(list[bytes]):
    """A finished answer's body, with the attributes the front door reads of Django's."""


class Counted:
    """Django's WSGI application, counting the requests that reach it."""

    def __init__(self) -> None:
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        """Django's handler ends each request by closing "old" connections, which on
        PostgreSQL closes the test's own, inside its transaction: held back here, as Django's
        test client holds it back around its requests."""
        self.calls += 1
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            result = self.django(environ, start_response)
            body = b"".join(result)
            close = getattr(result, "close", None)
            if close is not None:
                close()
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
        answered = Answered([body])
        for name in (response_cache.KEPT_ATTRIBUTE, response_cache.SHARED_WITH_CLEARED):
            if hasattr(result, name):  # what the front door reads of Django's answer
                setattr(answered, name, getattr(result, name))
        return answered


@pytest.fixture
def site() -> tuple[FrontDoor, Counted]:
    inner = Counted()
    return FrontDoor(inner, 64 * 1024 * 1024), inner


def get(app: FrontDoor, path: str, method: str = "GET",
        **headers: str) -> tuple[str, dict[str, str], bytes]:
    path, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
               "SERVER_NAME": "testserver", "SERVER_PORT": "80", "HTTP_HOST": "testserver",
               "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http", "SCRIPT_NAME": "",
               **{f"HTTP_{name.upper()}": value for name, value in headers.items()}}
    seen: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]],
                       exc_info: Any = None) -> None:
        seen["status"], seen["headers"] = status, response_headers

    result = app(environ, start_response)
    body = b"".join(result)
    close = getattr(result, "close", None)
    if close is not None:
        close()
    headers = dict(seen["headers"])
    others = [name for name, _ in seen["headers"] if name.lower() != "set-cookie"]
    assert len(set(others)) == len(others), "no header twice (Set-Cookie aside)"
    return seen["status"], headers, body


@pytest.mark.parametrize("path", ["/back-pain/", "/es/back-pain/", f"/routines/{FIVE}/",
                                  f"/api/timeline?routine={FIVE}", "/exercises/bridge/demo.svg"])
def test_the_second_answer_skips_django_and_is_the_same_bytes_and_headers(
        site: tuple[FrontDoor, Counted], path: str) -> None:
    app, inner = site
    first = get(app, path)
    assert first[0] == "200 OK" and inner.calls == 1
    assert len(FRONT) == 1
    second = get(app, path)
    assert inner.calls == 1, "answered at the door"
    assert second == first
    for name in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy",
                 "X-Content-Type-Options", "Referrer-Policy", "Cache-Control", "ETag"):
        assert name in second[1], name


@pytest.mark.parametrize("headers", [
    {"COOKIE": f"{DEVICE_COOKIE}={DEVICE}"},
    {"ACCEPT_LANGUAGE": "es-ES,es;q=0.9"},
    {"HOST": "127.0.0.1"},
    {"REFERER": "https://elsewhere.example/page"},
    {"SEC_FETCH_SITE": "cross-site"},
])
def test_a_request_that_differs_in_what_django_reads_goes_to_django(
        site: tuple[FrontDoor, Counted], headers: dict[str, str]) -> None:
    app, inner = site
    get(app, "/back-pain/")
    get(app, "/back-pain/", **headers)
    assert inner.calls == 2
    # what nothing reads does not matter
    get(app, "/back-pain/", USER_AGENT="Mozilla/5.0 (X11)", ACCEPT="text/html",
        REFERER="http://testserver/exercises/")
    get(app, "/back-pain/", USER_AGENT="curl/8", REFERER="http://testserver/")
    assert inner.calls == 3


def test_a_first_visit_that_asks_for_spanish_is_never_given_the_kept_english_page(
        site: tuple[FrontDoor, Counted]) -> None:
    app, _ = site
    assert get(app, "/back-pain/")[0] == "200 OK"
    status, headers, _ = get(app, "/back-pain/", ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert status.startswith("302") and headers["Location"] == "/es/back-pain/"


def test_if_none_match_is_answered_304_at_the_door(site: tuple[FrontDoor, Counted]) -> None:
    app, inner = site
    _, headers, _ = get(app, "/exercises/")
    status, again, body = get(app, "/exercises/", IF_NONE_MATCH=headers["ETag"])
    assert status == "304 Not Modified" and body == b"" and inner.calls == 1
    assert again["ETag"] == headers["ETag"] and "Content-Length" not in again
    assert get(app, "/exercises/", IF_NONE_MATCH='"old"')[0] == "200 OK"


def test_the_encoding_is_chosen_at_the_door(site: tuple[FrontDoor, Counted]) -> None:
    app, inner = site
    _, _, plain = get(app, "/back-pain/")
    _, zipped_headers, zipped = get(app, "/back-pain/", ACCEPT_ENCODING="gzip")
    _, br_headers, squeezed = get(app, "/back-pain/", ACCEPT_ENCODING="gzip, br")
    assert inner.calls == 1
    assert zipped_headers["Content-Encoding"] == "gzip" and gzip.decompress(zipped) == plain
    assert br_headers["Content-Encoding"] == "br" and brotli.decompress(squeezed) == plain
    assert int(br_headers["Content-Length"]) == len(squeezed)


def test_head_at_the_door_has_the_headers_and_no_body(site: tuple[FrontDoor, Counted]) -> None:
    app, inner = site
    _, headers, body = get(app, "/exercises/")
    status, head, nothing = get(app, "/exercises/", method="HEAD")
    assert status == "200 OK" and nothing == b"" and inner.calls == 1
    assert head == headers


@pytest.mark.parametrize("path", ["/back-pain/", "/api/exercises", "/static/catalogue/site.css"])
def test_a_referer_that_is_not_a_url_is_no_error(site: tuple[FrontDoor, Counted],
                                                 path: str) -> None:
    app, _ = site
    for _ in range(2):
        status, _, _ = get(app, path, REFERER="http://[::1/x")
        assert status == "200 OK"


def test_what_the_door_never_reads_is_never_read_by_django() -> None:
    from django.conf import settings

    assert not settings.DISALLOWED_USER_AGENTS, "CommonMiddleware would read User-Agent"


def test_per_person_answers_are_never_kept(site: tuple[FrontDoor, Counted]) -> None:
    app, inner = site
    cookies = f"{DEVICE_COOKIE}={DEVICE}; {SCREEN_COOKIE}={signed_pass(DEVICE)}"
    for path in (f"/routines/{FIVE}/play/", "/history/", "/screen/", "/api/sessions"):
        for _ in range(2):
            get(app, path, COOKIE=cookies)
    assert inner.calls == 8
    assert len(FRONT) == 0


def test_nothing_is_kept_when_the_cache_is_off() -> None:
    inner = Counted()
    app = FrontDoor(inner, 0)
    get(app, "/back-pain/")
    get(app, "/back-pain/")
    assert inner.calls == 2 and len(FRONT) == 0
