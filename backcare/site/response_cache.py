"""Rendered once, served from memory: finished public responses kept in this process.

The library is immutable for the life of a process, so a public page (or API read) is a pure
function of the content, the language it is served in and the full URL. :class:`ResponseCache`
keeps each such answer, with a gzip copy and a brotli one (``brotli``, a dependency; left
out if it cannot be imported), and serves it again without running the view.

Where it sits (``settings.MIDDLEWARE``): inside SecurityMiddleware, Permissions-Policy, CSP,
LocaleMiddleware and LanguageChoice, so every answer from memory still passes through them
and gets every security header, and a first visit that LanguageChoice sends to another
language never reaches the cache; outside CommonMiddleware, CSRF, X-Frame-Options (stored
with the answer) and PersonalResponses, so what it stores is what they finished.

Keyed on the content hash (``Library.content_hash``), the language actually served
(Django's active language there: the URL's for pages, ``?lang=``/``Accept-Language`` for the
API) and the absolute URL with its query string. Kept only when it is a GET answered 200,
not streamed, with no ``Set-Cookie``, no ``Vary: Cookie``, no ``private``/``no-store``/
``no-cache``, no ETag of its own (the worksheets keep theirs), not marked personal
(``backcare.site.personal``), no CSRF token used or in the body, and when the view read no
cookie that the request carried. Every cookie the rendering looked for (and found absent)
is remembered with the answer, which is then served only to requests that lack those
cookies too: a browser with a device cookie asking ``/api/timeline`` is answered by the
view, never from memory. (The CSRF cookie does not count: using the token marks the answer
as uncacheable by itself.)

Served answers carry ``ETag`` (content hash, language, a digest of the bytes and the
encoding), ``Vary: Accept-Encoding`` and ``Cache-Control``: ``public, max-age=...`` where
the URL alone names the language (``/es/...``, the API), ``public, no-cache`` on English
pages at ``/...``, whose language a shared cache could not tell apart (a returning visitor's
language cookie or a first visit's ``Accept-Language`` would send them elsewhere), so such a
cache revalidates each time and LanguageChoice still decides. ``If-None-Match`` with the
current ETag is answered 304. Memory is bounded: least recently used entries go first once
``BACKCARE_RESPONSE_CACHE_BYTES`` (0: off) are held.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, Protocol, TypeVar

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.cache import has_vary_header, patch_vary_headers

from backcare.site.personal import ATTRIBUTE as PERSONAL
from backcare.site.recording_cookies import RecordingCookies

#: Paths this cache leaves alone: static files (WhiteNoise answers them before it).
BYPASS = ("/static/",)
#: Paths whose language LanguageChoice may negotiate (besides /<code>/... pages).
NOT_NEGOTIATED = ("/api/", "/static/", "/language/")
#: The response attributes django-csp's decorators set for its middleware to read.
CSP_ATTRIBUTES = ("_csp_",)
#: Set on every answer given from an entry, naming it, for the WSGI front door
#: (backcare/site/front_door.py) to keep with the headers the outer middleware add.
KEPT_ATTRIBUTE = "_backcare_kept_entry"
#: Bodies smaller than this are not worth compressing.
MIN_COMPRESS = 256
#: Headers recomputed for each answer from memory.
_RECOMPUTED = frozenset({"content-length", "content-encoding", "etag", "cache-control"})
_NOT_ON_304 = frozenset({"content-type", "content-length", "content-encoding",
                         "content-disposition"})


def _brotli() -> ModuleType | None:
    try:
        return importlib.import_module("brotli")
    except ImportError:  # optional: not a dependency of backcare
        return None


BROTLI = _brotli()


@dataclass(frozen=True)
class Entry:
    """One finished answer: its headers, its bodies by encoding and their ETags."""

    headers: tuple[tuple[str, str], ...]
    bodies: dict[str, bytes]
    etags: dict[str, str]
    cache_control: str
    needs_absent: frozenset[str]  # cookies the rendering looked for and did not find
    size: int
    # What the view told CSPMiddleware (outside this cache) through the response, e.g. the
    # demo images' own style-src: given to every answer from memory, so its header is the same.
    csp: tuple[tuple[str, Any], ...] = ()

    def serves(self, request: HttpRequest) -> bool:
        return not any(name in request.COOKIES for name in self.needs_absent)


@dataclass(frozen=True)
class Body:
    """A page body that is the same for everyone allowed to see it (see :func:`rendered_once`)."""

    content: bytes
    content_type: str

    @property
    def size(self) -> int:
        return len(self.content) + 256


Key = tuple[str, str, str]
class Weighed(Protocol):
    """What a :class:`Store` holds: anything that knows its size in bytes."""

    @property
    def size(self) -> int: ...


Kept = TypeVar("Kept", bound=Weighed)


class Store(Generic[Kept]):
    """A least-recently-used map of entries, held under ``capacity`` bytes, thread-safe."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[Key, Kept] = OrderedDict()
        self._bytes = 0
        self._hash = ""
        self._lock = threading.Lock()

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Key) -> Kept | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: Key, entry: Kept) -> None:
        if entry.size > self.capacity // 8:
            return  # one answer never takes more than an eighth of the room
        with self._lock:
            if key[0] != self._hash:  # the content changed: nothing older is ever served
                self._entries.clear()
                self._bytes = 0
                self._hash = key[0]
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._entries[key] = entry
            self._bytes += entry.size
            while self._bytes > self.capacity and self._entries:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= evicted.size

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self._hash = ""


#: The process's one store (middleware instances share it; tests clear it).
STORE: Store[Entry] = Store(0)
#: Bodies of pages behind a per-person gate but the same for all who pass it (the player).
BODIES: Store[Body] = Store(0)


def clear() -> None:
    """Forget every kept answer, here and at the WSGI front door."""
    from backcare.site.front_door import FRONT  # it builds on this module

    STORE.clear()
    BODIES.clear()
    FRONT.clear()


#: Set on a page :func:`rendered_once` made with ``shared_with_cleared``: the front door may
#: hand these bytes to any device it has cleared itself (``practice/cleared_player.py``).
SHARED_WITH_CLEARED = "_backcare_shared_with_cleared"


def rendered_once(request: HttpRequest, render: Callable[[], HttpResponse], *,
                  shared_with_cleared: bool = False) -> HttpResponse:
    """The page ``render`` makes for this URL in this language, made once per content hash.

    For a view that has already decided the person may see the page and that nothing of
    theirs changes it (the player page: screen passed, nothing marked as hurting), whose
    answer still cannot be shared as a whole because it sets cookies. Only a 200's body is
    kept, with its content type, in memory next to the public answers and within the same
    room (``BACKCARE_RESPONSE_CACHE_BYTES``); the view adds its cookies to each answer.
    """
    digest = content_hash()
    if BODIES.capacity <= 0 or not digest:
        return render()
    try:
        key: Key = (digest, translation.get_language() or "", request.build_absolute_uri())
    except DisallowedHost:
        return render()
    kept = BODIES.get(key)
    if kept is not None:
        response = HttpResponse(kept.content, content_type=kept.content_type)
        setattr(response, SHARED_WITH_CLEARED, shared_with_cleared)
        return response
    response = render()
    if (response.status_code == 200 and not response.cookies and not response.streaming
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and getattr(request, "_csp_nonce", None) is None):
        BODIES.put(key, Body(bytes(response.content), response["Content-Type"]))
        setattr(response, SHARED_WITH_CLEARED, shared_with_cleared)
    return response


def signed_in_request(request: HttpRequest) -> bool:
    """True for a request that may act for a person (a sign-in session cookie, or an API
    bearer token): its answers are never taken from, or kept in, the shared store."""
    return (settings.SESSION_COOKIE_NAME in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META)


def content_hash() -> str:
    """The loaded library's content hash ("" when there is none: nothing is cached)."""
    from backcare.catalogue.library import library_or_problems

    library, _ = library_or_problems()
    return library.content_hash if library is not None else ""


def _accepted(header: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            field, _, value = param.strip().partition("=")
            if field.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if name.strip():
            weights[name.strip().lower()] = weight
    return weights


def choose_encoding(header: str, available: dict[str, bytes]) -> str:
    """The best encoding of ``available`` the client accepts: br, gzip, else identity."""
    weights = _accepted(header)
    for encoding in ("br", "gzip"):
        weight = weights.get(encoding, weights.get("*", 0.0))
        if encoding in available and weight > 0:
            return encoding
    return "identity"


def matches(if_none_match: str, etag: str) -> bool:
    tags = [tag.strip() for tag in if_none_match.split(",")]
    bare = etag.removeprefix("W/")
    return any(tag == "*" or tag.removeprefix("W/") == bare for tag in tags)


def _negotiated(path: str) -> bool:
    """An English page at /... whose language LanguageChoice may negotiate."""
    if path.startswith(NOT_NEGOTIATED):
        return False
    first = path.lstrip("/").split("/", 1)[0]
    return first not in dict(settings.LANGUAGES) or first == settings.LANGUAGE_CODE


def compressed(body: bytes) -> dict[str, bytes]:
    bodies = {"identity": body}
    if len(body) < MIN_COMPRESS:
        return bodies
    gzipped = gzip.compress(body, compresslevel=9, mtime=0)
    if len(gzipped) < len(body) * 0.9:
        bodies["gzip"] = gzipped
    if BROTLI is not None:
        squeezed: bytes = BROTLI.compress(body)
        if len(squeezed) < len(body) * 0.9:
            bodies["br"] = squeezed
    return bodies


class ResponseCache:
    """Middleware: answers public GET/HEAD requests from memory (see the module's text)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        capacity = int(getattr(settings, "BACKCARE_RESPONSE_CACHE_BYTES", 64 * 1024 * 1024))
        if STORE.capacity != capacity:
            STORE.capacity = capacity
            STORE.clear()
        if BODIES.capacity != capacity:
            BODIES.capacity = capacity
            BODIES.clear()
        self.max_age = int(getattr(settings, "BACKCARE_RESPONSE_CACHE_MAX_AGE", 300))

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if (STORE.capacity <= 0 or request.method not in ("GET", "HEAD")
                or request.path_info.startswith(BYPASS) or signed_in_request(request)):
            return self.get_response(request)
        digest = content_hash()
        if not digest:
            return self.get_response(request)
        try:
            url = request.build_absolute_uri()
        except DisallowedHost:
            return self.get_response(request)  # the usual 400, from the usual place
        key: Key = (digest, translation.get_language() or "", url)
        entry = STORE.get(key)
        if entry is not None and entry.serves(request):
            return self.answer(entry, request)

        cookies = RecordingCookies(request.COOKIES)
        request.COOKIES = cookies
        response = self.get_response(request)
        if request.method != "GET" or not isinstance(response, HttpResponse):
            return response
        entry = self.entry_for(request, response, cookies, key)
        if entry is None:
            return response
        STORE.put(key, entry)
        return self.answer(entry, request)

    def entry_for(self, request: HttpRequest, response: HttpResponse,
                  cookies: RecordingCookies, key: Key) -> Entry | None:
        """The entry to keep for this answer, or None when it must not be kept."""
        if (response.status_code != 200 or response.streaming or response.cookies
                or getattr(request, PERSONAL, False)
                or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                or has_vary_header(response, "Cookie")
                or response.has_header("ETag") or response.has_header("Content-Encoding")
                or cookies.everything):
            return None
        control = response.get("Cache-Control", "").lower()
        if any(word in control for word in ("private", "no-store", "no-cache")):
            return None
        # The session middleware looks for its cookie on every request; requests that carry
        # it never reach this store (signed_in_request), and an answer that used a session
        # says Vary: Cookie (refused above).
        looked_for = cookies.consulted - {settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME}
        if any(name in cookies for name in looked_for):  # a cookie it read shaped the answer
            return None
        body = bytes(response.content)
        if b"csrfmiddlewaretoken" in body or getattr(request, "_csp_nonce", None) is not None:
            return None  # a token or a CSP nonce is this answer's own
        headers = tuple((name, value) for name, value in response.items()
                        if name.lower() not in _RECOMPUTED)
        bodies = compressed(body)
        stem = f"{key[0][:12]}-{key[1] or 'x'}-{hashlib.sha256(body).hexdigest()[:12]}"
        etags = {encoding: f'"{stem}-{encoding}"' for encoding in bodies}
        if looked_for:
            # Kept here only for requests without those cookies (Entry.serves); a shared
            # cache cannot tell, and would give this answer to a device whose own differs
            # (/api/timeline leaves out what hurt on it): so only the browser may keep it.
            cache_control = "private, no-cache"
        elif "public" in control and "max-age" in control:
            cache_control = response["Cache-Control"]  # the view's own (the demo images)
        elif _negotiated(request.path_info):
            cache_control = "public, no-cache"
        else:
            cache_control = f"public, max-age={self.max_age}"
        size = sum(len(b) for b in bodies.values()) + sum(
            len(n) + len(v) for n, v in headers) + len(key[2]) + 256
        csp = tuple((name, value) for name, value in vars(response).items()
                    if name.startswith(CSP_ATTRIBUTES))
        return Entry(headers, bodies, etags, cache_control, frozenset(looked_for), size, csp)

    def answer(self, entry: Entry, request: HttpRequest) -> HttpResponse:
        encoding = choose_encoding(request.headers.get("Accept-Encoding", ""), entry.bodies)
        etag = entry.etags[encoding]
        if matches(request.headers.get("If-None-Match", ""), etag):
            response: HttpResponse = HttpResponseNotModified()
            for name, value in entry.headers:
                if name.lower() not in _NOT_ON_304:
                    response[name] = value
        else:
            body = entry.bodies[encoding]
            response = HttpResponse(body if request.method == "GET" else b"")
            for name, value in entry.headers:
                response[name] = value
            response["Content-Length"] = str(len(body))
            if encoding != "identity":
                response["Content-Encoding"] = encoding
            setattr(response, KEPT_ATTRIBUTE, entry)
        for name, value in entry.csp:
            setattr(response, name, value)
        response["ETag"] = etag
        response["Cache-Control"] = entry.cache_control
        if len(entry.bodies) > 1:
            patch_vary_headers(response, ("Accept-Encoding",))
        return response
