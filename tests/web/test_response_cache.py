"""Rendered once, served from memory (backcare.site.response_cache).

What the cache answers is byte for byte what the view would render, in the language the
request is served in, for that exact URL and content; nothing per-person is ever kept; ETags
give 304s; the gzip copy is the same bytes.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import brotli
import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from backcare.catalogue.library import library_or_problems
from backcare.planning.screen_memory import COOKIE as SCREEN_COOKIE
from backcare.planning.screen_memory import signed_pass
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.site import response_cache
from backcare.site.personal import mark_personal
from backcare.site.response_cache import (
    STORE,
    Entry,
    RecordingCookies,
    ResponseCache,
    Store,
    choose_encoding,
)

FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
DEVICE = "0b3f6a52-2c1e-4d6e-9a57-2f0c1d8e4b11"
SECURITY_HEADERS = ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options",
                    "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy")

PUBLIC = [
    "/back-pain/", "/es/back-pain/", "/exercises/", "/es/exercises/", f"/routines/{FIVE}/",
    f"/es/routines/{FIVE}/", "/exercises/bird-dog/", "/es/exercises/bird-dog/",
    "/exercises/?q=bridge", f"/api/routines/{FIVE}", f"/api/routines/{FIVE}?lang=es",
    f"/api/timeline?routine={FIVE}", f"/api/timeline?routine={FIVE}&lang=es", "/api/exercises",
    # the demo images: their own Cache-Control, and a CSP that lets their <style> apply
    "/exercises/bridge/demo.svg", "/es/exercises/bridge/demo.svg",
]


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the views answered (a cache hit never gets there)."""
    seen: list[str] = []
    original = ResponseCache.entry_for

    def counting(self: ResponseCache, request: Any, *args: Any) -> Entry | None:
        seen.append(request.get_full_path())
        return original(self, request, *args)

    monkeypatch.setattr(ResponseCache, "entry_for", counting)
    return seen


def _fresh(settings: Any, url: str) -> HttpResponse:
    before = settings.BACKCARE_RESPONSE_CACHE_BYTES
    settings.BACKCARE_RESPONSE_CACHE_BYTES = 0
    try:
        return Client().get(url)  # type: ignore[return-value]
    finally:
        settings.BACKCARE_RESPONSE_CACHE_BYTES = before
        STORE.capacity = before


# --- the same bytes -----------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC)
def test_a_cached_answer_is_byte_identical_to_a_fresh_render(
        url: str, settings: Any, renders: list[str]) -> None:
    fresh = _fresh(settings, url)
    client = Client()
    first = client.get(url)
    second = client.get(url)
    assert fresh.status_code == first.status_code == second.status_code == 200
    assert renders == [url], "the second answer came from memory"
    assert first.content == second.content == fresh.content
    assert first["ETag"] == second["ETag"]
    for name in (*SECURITY_HEADERS, "Content-Type", "Vary", "Content-Language"):
        if fresh.has_header(name):
            assert second[name].startswith(fresh[name]) or name == "Vary", name
    assert "Accept-Language" in second.get("Vary", "") or url.startswith("/es/")
    assert not second.cookies


@pytest.mark.django_db
def test_every_security_header_is_on_an_answer_from_memory() -> None:
    client = Client()
    client.get("/back-pain/")
    hit = client.get("/back-pain/")
    for name in SECURITY_HEADERS:
        assert hit.has_header(name), name
    assert hit["Cache-Control"] == "public, no-cache"  # English at /: revalidated
    es = client.get("/es/back-pain/")
    assert es["Cache-Control"].startswith("public, max-age=")


@pytest.mark.django_db
def test_head_from_memory_has_the_headers_and_no_body() -> None:
    client = Client()
    body = client.get("/exercises/").content
    head = client.head("/exercises/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(body))


# --- the key: language, URL, content ------------------------------------------------------

@pytest.mark.django_db
def test_the_languages_never_mix(renders: list[str]) -> None:
    client = Client()
    english = client.get("/back-pain/")
    spanish = client.get("/es/back-pain/")
    assert english.content != spanish.content
    assert english["ETag"] != spanish["ETag"]
    assert client.get("/es/back-pain/").content == spanish.content
    assert client.get("/back-pain/").content == english.content

    api_en = client.get(f"/api/routines/{FIVE}")
    api_es = client.get(f"/api/routines/{FIVE}", HTTP_ACCEPT_LANGUAGE="es")
    assert api_es["Content-Language"] == "es"
    assert api_es.content != api_en.content
    assert client.get(f"/api/routines/{FIVE}?lang=es").json() == api_es.json()


@pytest.mark.django_db
@pytest.mark.parametrize("prefers", ["accept-language", "cookie"])
def test_a_first_visit_that_would_be_redirected_is_never_served_english(prefers: str) -> None:
    client = Client()
    assert client.get("/back-pain/").status_code == 200  # English, now in memory
    if prefers == "cookie":
        visitor = Client()
        visitor.cookies["backcare_lang"] = "es"  # chosen earlier with the switcher
    else:
        visitor = Client(headers={"Accept-Language": "es"})
    redirected = visitor.get("/back-pain/")
    assert redirected.status_code == 302
    assert redirected["Location"] == "/es/back-pain/"
    # the same visitor moving about the site (a Referer from here) reads the English page
    inside = visitor.get("/back-pain/", HTTP_REFERER="http://testserver/es/back-pain/")
    assert inside.status_code == 200
    assert inside.content == client.get("/back-pain/").content


@pytest.mark.django_db
def test_the_query_string_is_part_of_the_key(renders: list[str]) -> None:
    client = Client()
    everything = client.get("/exercises/")
    some = client.get("/exercises/?q=bridge")
    assert everything.content != some.content
    assert client.get("/exercises/?q=bridge").content == some.content
    other = "back-pain-relief-exercises-stretches"
    one = client.get(f"/api/timeline?routine={FIVE}").json()
    two = client.get(f"/api/timeline?routine={other}").json()
    assert one != two
    assert renders == ["/exercises/", "/exercises/?q=bridge", f"/api/timeline?routine={FIVE}",
                       f"/api/timeline?routine={other}"]


@pytest.mark.django_db
def test_changed_content_never_serves_the_old_page(settings: Any, content_copy: Path) -> None:
    settings.BACKCARE_CONTENT_DIR = content_copy
    library_or_problems.cache_clear()
    client = Client()
    before = client.get("/back-pain/")
    assert b"Gentle routines for general back pain" in before.content
    condition = content_copy / "conditions" / "back-pain.yaml"
    condition.write_text(condition.read_text().replace(
        "Gentle routines for general back pain", "Kind routines for general back pain"))
    library_or_problems.cache_clear()  # a new process: the content is read again
    after = client.get("/back-pain/")
    assert b"Kind routines for general back pain" in after.content
    assert after["ETag"] != before["ETag"]
    assert client.get("/back-pain/", HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200
    library_or_problems.cache_clear()


def test_a_new_content_hash_drops_what_was_kept() -> None:
    store = Store(10_000)
    entry = Entry((), {"identity": b"x"}, {"identity": '"e"'}, "public", frozenset(), 100)
    store.put(("old", "en", "http://testserver/"), entry)
    store.put(("new", "en", "http://testserver/"), entry)
    assert store.get(("old", "en", "http://testserver/")) is None
    assert len(store) == 1


def test_memory_is_bounded_least_recently_used_first() -> None:
    store = Store(1000)
    entry = Entry((), {"identity": b""}, {"identity": '"e"'}, "public", frozenset(), 100)
    for n in range(10):
        store.put(("h", "en", f"/{n}"), entry)
    store.get(("h", "en", "/0"))  # used again: kept
    store.put(("h", "en", "/10"), entry)
    assert store.bytes <= 1000
    assert store.get(("h", "en", "/0")) is not None
    assert store.get(("h", "en", "/1")) is None
    big = Entry((), {"identity": b""}, {"identity": '"e"'}, "public", frozenset(), 200)
    store.put(("h", "en", "/big"), big)  # more than an eighth of the room: never kept
    assert store.get(("h", "en", "/big")) is None


# --- conditional requests and encodings ---------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/back-pain/", "/es/exercises/", f"/api/routines/{FIVE}"])
def test_if_none_match_with_the_current_etag_is_304_and_an_old_one_200(url: str) -> None:
    client = Client()
    first = client.get(url)
    etag = first["ETag"]
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert not_modified["Cache-Control"] == first["Cache-Control"]
    for name in SECURITY_HEADERS:
        assert not_modified.has_header(name), name
    assert client.get(url, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    old = client.get(url, HTTP_IF_NONE_MATCH='"0123456789ab-en-0123456789ab-identity"')
    assert old.status_code == 200
    assert old.content == first.content


@pytest.mark.django_db
def test_the_first_request_with_a_current_etag_is_304_too() -> None:
    etag = Client().get("/exercises/")["ETag"]
    response_cache.clear()  # a fresh process: nothing in memory yet
    assert Client().get("/exercises/", HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/back-pain/", "/es/back-pain/", f"/api/timeline?routine={FIVE}"])
def test_the_gzip_and_brotli_copies_are_the_same_bytes(url: str) -> None:
    client = Client()
    plain = client.get(url)
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    squeezed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert plain.get("Content-Encoding") is None
    assert zipped["Content-Encoding"] == "gzip"
    assert squeezed["Content-Encoding"] == "br"
    assert gzip.decompress(zipped.content) == plain.content
    assert brotli.decompress(squeezed.content) == plain.content
    for packed in (zipped, squeezed):
        assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
        assert "Accept-Encoding" in packed["Vary"]
    assert "Accept-Encoding" in plain["Vary"]
    assert len({plain["ETag"], zipped["ETag"], squeezed["ETag"]}) == 3
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip;q=0").get("Content-Encoding") is None


def test_the_encoding_follows_accept_encoding() -> None:
    both = {"identity": b"a", "gzip": b"b"}
    assert choose_encoding("", both) == "identity"
    assert choose_encoding("gzip", both) == "gzip"
    assert choose_encoding("GZIP;q=0.5, identity", both) == "gzip"
    assert choose_encoding("gzip;q=0", both) == "identity"
    assert choose_encoding("*", both) == "gzip"
    assert choose_encoding("br", both) == "identity"
    assert choose_encoding("gzip", {"identity": b"a"}) == "identity"


# --- nothing per-person -------------------------------------------------------------------

def _never_kept(response: Any) -> None:
    assert not response.has_header("ETag") or "private" in response["Cache-Control"]
    assert len(STORE) == 0


@pytest.mark.django_db
def test_the_history_page_is_never_cached() -> None:
    client = Client()
    client.cookies[DEVICE_COOKIE] = DEVICE
    for _ in range(2):
        response = client.get("/history/")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        _never_kept(response)


@pytest.mark.django_db
def test_the_screen_is_never_cached() -> None:
    client = Client()
    for _ in range(2):
        response = client.get("/screen/")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        _never_kept(response)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    f"/routines/{FIVE}/play/",
    f"/routines/{FIVE}/plan/?floor=0&conditions=none-known&minutes=3&pain=4",
    f"/es/routines/{FIVE}/play/",
])
def test_the_player_and_plan_pages_are_per_person(url: str) -> None:
    """The player reads this device's screen pass and "hurt last time" marks: its HTML is
    the device's own, so it is never kept (with or without the screen passed)."""
    unscreened = Client()
    assert unscreened.get(url).status_code == 302
    screened = Client()
    screened.cookies[DEVICE_COOKIE] = DEVICE
    screened.cookies[SCREEN_COOKIE] = signed_pass(DEVICE)
    for _ in range(2):
        response = screened.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        _never_kept(response)


@pytest.mark.django_db
def test_a_device_cookie_is_never_answered_from_the_public_copy() -> None:
    url = f"/api/timeline?routine={FIVE}"
    public = Client().get(url)
    # kept here for requests without a device cookie, but no shared cache may keep it: it
    # could not tell a device whose own timeline leaves out what hurt on it
    assert public["Cache-Control"] == "private, no-cache"
    assert len(STORE) == 1
    device = Client()
    device.cookies[DEVICE_COOKIE] = DEVICE
    own = device.get(url)
    assert "private" in own["Cache-Control"]
    assert not own.has_header("ETag")
    # an unrelated cookie does not stop the public copy
    other = Client()
    other.cookies["csrftoken"] = "x" * 32
    assert other.get(url)["ETag"] == public["ETag"]


@pytest.mark.parametrize("case", ["personal", "cookie", "vary", "csrf", "read-a-cookie",
                                  "private", "status", "etag"])
def test_what_is_never_kept(case: str) -> None:
    request = RequestFactory().get("/somewhere/")
    request.COOKIES = {"backcare_device": DEVICE}
    cookies = RecordingCookies(request.COOKIES)
    response = HttpResponse(b"<p>hello</p>")
    if case == "personal":
        mark_personal(request)
    elif case == "cookie":
        response.set_cookie("backcare_device", DEVICE)
    elif case == "vary":
        response["Vary"] = "Accept-Language, Cookie"
    elif case == "csrf":
        response.content = b'<input type="hidden" name="csrfmiddlewaretoken" value="abc">'
    elif case == "read-a-cookie":
        cookies.get("backcare_device")
    elif case == "private":
        response["Cache-Control"] = "private"
    elif case == "status":
        response.status_code = 404
    elif case == "etag":
        response["ETag"] = '"own"'
    middleware = ResponseCache(lambda r: response)
    assert middleware.entry_for(request, response, cookies, ("h", "en", "u")) is None


def test_a_plain_public_answer_is_kept_with_the_cookies_it_looked_for() -> None:
    request = RequestFactory().get("/somewhere/")
    cookies = RecordingCookies({})
    assert cookies.get("backcare_device") is None
    middleware = ResponseCache(lambda r: HttpResponse())
    entry = middleware.entry_for(request, HttpResponse(b"<p>hello</p>"), cookies,
                                 ("h", "en", "u"))
    assert entry is not None
    assert entry.needs_absent == {"backcare_device"}
    with_device = RequestFactory().get("/somewhere/")
    with_device.COOKIES = {"backcare_device": DEVICE}
    assert not entry.serves(with_device)
    assert entry.serves(request)
