"""Answers from memory before Django: the finished bytes and headers of public answers.

:mod:`backcare.site.response_cache` decides, inside Django, what may be kept and keeps it
(an :class:`~backcare.site.response_cache.Entry`: the bodies by encoding and their ETags).
Each answer still passes through every middleware outside it, and that costs more than the
rest put together once the page itself comes from memory (the CSP header is built, the
language looked up, the request object made). :class:`FrontDoor` wraps the WSGI
application and keeps, for each request that Django answered from such an entry, the
finished status and headers beside the entry's bodies; the next request that is the same
in everything Django could have read is answered with them, without entering Django.

"The same in everything Django could have read": the key is the content hash, the scheme,
the method's target (path and query string) and *every* request header but those that
nothing in backcare reads to shape a page (:data:`NEVER_READ`) or that this door answers
for itself (``Accept-Encoding``: it picks the body; ``If-None-Match``: it answers 304).
``Referer`` counts only by its host, which is all the language choice reads of it. So a
request with another cookie, another ``Accept-Language``, another host or a forwarded
scheme is a different key, and goes to Django, which decides (and may keep it too).

Only answers to GET that Django marked as kept, 200 and with no ``Set-Cookie`` are held;
memory is bounded like the response cache's (``BACKCARE_RESPONSE_CACHE_BYTES``, 0: off),
least recently used first, and a new content hash drops everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from backcare.practice.cleared_player import cleared_key, is_player_path
from backcare.site import response_cache
from backcare.site.response_cache import Entry, Store, choose_encoding

#: Request headers (as WSGI names them) that nothing in backcare reads to shape an answer.
#: (User-Agent only while settings.DISALLOWED_USER_AGENTS is empty: tests/web/test_front_door.py
#: checks it.)
NEVER_READ = frozenset({
    "HTTP_ACCEPT", "HTTP_CACHE_CONTROL", "HTTP_CONNECTION", "HTTP_DNT", "HTTP_KEEP_ALIVE",
    "HTTP_PRAGMA", "HTTP_PRIORITY", "HTTP_TE", "HTTP_UPGRADE_INSECURE_REQUESTS",
    "HTTP_USER_AGENT", "HTTP_SEC_FETCH_DEST", "HTTP_SEC_FETCH_USER",
})
#: Request headers this door answers for itself.
ANSWERED_HERE = frozenset({"HTTP_ACCEPT_ENCODING", "HTTP_IF_NONE_MATCH", "HTTP_REFERER"})
_PER_ENCODING = frozenset({"content-length", "content-encoding", "etag"})
_NOT_ON_304 = frozenset({"content-type", "content-length", "content-encoding",
                         "content-disposition"})

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


@dataclass(frozen=True)
class Finished:
    """A kept answer's bodies (``entry``) and the headers every middleware gave it."""

    entry: Entry
    headers: tuple[tuple[str, str], ...]  # all but the per-encoding ones

    @property
    def size(self) -> int:
        return self.entry.size + sum(len(n) + len(v) for n, v in self.headers)


#: The finished answers, by request key.
FRONT: Store[Finished] = Store(0)


def _referer_host(referer: str) -> str:
    try:
        return urlsplit(referer).netloc
    except ValueError:  # not a URL (http://[::1/x): kept whole, as its own key
        return f"unreadable:{referer}"


def request_key(environ: dict[str, Any], digest: str) -> tuple[str, str, str]:
    """(content hash, "", everything Django could read of this request, as the repr of a
    tuple: no value can run into the next)."""
    parts: list[tuple[str, str]] = [
        (name, str(environ.get(name, ""))) for name in
        ("wsgi.url_scheme", "PATH_INFO", "QUERY_STRING", "SCRIPT_NAME", "SERVER_NAME",
         "SERVER_PORT")]
    for name in sorted(environ):
        if name.startswith("HTTP_") and name not in NEVER_READ and name not in ANSWERED_HERE:
            parts.append((name, str(environ[name])))
    referer = environ.get("HTTP_REFERER")
    if referer is not None:
        parts.append(("REFERER_HOST", _referer_host(str(referer))))
    return (digest, "", repr(tuple(parts)))


class FrontDoor:
    """WSGI middleware: answers from :data:`FRONT` when it can, else asks ``app``."""

    def __init__(self, app: WSGIApp, capacity: int) -> None:
        self.app = app
        if FRONT.capacity != capacity:
            FRONT.capacity = capacity
            FRONT.clear()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if FRONT.capacity <= 0 or method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        digest = response_cache.content_hash()
        if not digest:
            return self.app(environ, start_response)
        # The player page for a device its own cookies clear (practice/cleared_player.py);
        # any other request by everything Django could read of it.
        cleared = (cleared_key(environ, digest)
                   if is_player_path(str(environ.get("PATH_INFO", ""))) else None)
        key = cleared or request_key(environ, digest)
        kept = FRONT.get(key)
        if kept is not None:
            return self.answer(kept, environ, start_response)

        seen: dict[str, Any] = {}

        def noting(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.app(environ, noting)
        headers = seen.get("headers") or []
        if (method != "GET" or not str(seen.get("status", "")).startswith("200 ")
                or any(name.lower() == "set-cookie" for name, _ in headers)):
            return result
        entry = getattr(result, response_cache.KEPT_ATTRIBUTE, None)
        if isinstance(entry, Entry) and cleared is None:
            common = tuple((n, v) for n, v in headers if n.lower() not in _PER_ENCODING)
            FRONT.put(key, Finished(entry, common))
        elif cleared is not None and getattr(result, response_cache.SHARED_WITH_CLEARED, False):
            # Django's own answer goes out; its bytes (an HttpResponse: read again as it is
            # sent) are kept for the next cleared device.
            FRONT.put(cleared, shared_page(result, headers))
        return result

    @staticmethod
    def answer(kept: Finished, environ: dict[str, Any],
               start_response: StartResponse) -> list[bytes]:
        entry = kept.entry
        encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""), entry.bodies)
        etag = entry.etags[encoding]
        if response_cache.matches(environ.get("HTTP_IF_NONE_MATCH", ""), etag):
            headers = [(n, v) for n, v in kept.headers if n.lower() not in _NOT_ON_304]
            start_response("304 Not Modified", [*headers, ("ETag", etag)])
            return []
        body = entry.bodies[encoding]
        headers = [*kept.headers, ("Content-Length", str(len(body))), ("ETag", etag)]
        if encoding != "identity":
            headers.append(("Content-Encoding", encoding))
        start_response("200 OK", headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


def shared_page(result: Iterable[bytes], headers: list[tuple[str, str]]) -> Finished:
    """A cleared device's player page (``practice/cleared_player.py``) as the door keeps it:
    its bytes, compressed once, with an ETag of its own and Django's headers (private,
    no-store, Vary: Cookie: a shared cache never keeps it; only this door hands it out)."""
    body = b"".join(result)
    bodies = response_cache.compressed(body)
    stem = hashlib.sha256(body).hexdigest()[:16]
    etags = {encoding: f'"cleared-{stem}-{encoding}"' for encoding in bodies}
    common = [(n, v) for n, v in headers if n.lower() not in _PER_ENCODING]
    if len(bodies) > 1:
        vary = [v for n, v in common if n.lower() == "vary"]
        common = [(n, v) for n, v in common if n.lower() != "vary"]
        common.append(("Vary", ", ".join([*vary, "Accept-Encoding"])))
    size = sum(len(b) for b in bodies.values()) + 512
    entry = Entry(tuple(common), bodies, etags, "", frozenset(), size)
    return Finished(entry, tuple(common))


def clear() -> None:
    FRONT.clear()
