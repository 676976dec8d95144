"""backcare as an installable web app: the service worker, the manifest, the offline page.

- ``/sw.js``: the service worker (``backcare/site/service_worker.js``), served from the root
  so that it controls the whole site. Its first ``BUILD`` line is filled in here with the
  version and the URLs it keeps at install: the player's code, styles and icons (the static
  files :data:`PRECACHE` names) and the offline page in every language. The version is a
  digest of the content hash, the worker's own source and every one of those files' bytes,
  so a deploy that changes any of them is a new worker, which the browser installs by itself.
  ``Cache-Control: no-cache`` (with an ETag): no HTTP cache keeps an old worker.
- ``/manifest.webmanifest``: the Web App Manifest (``application/manifest+json``): one for
  every language. ``start_url`` is ``/``, which sends a person to the language they chose.
- ``/offline/`` (``/es/offline/``, ...): what the worker shows, in the page's language, for a
  page that was never opened on this device while the network is off.

The worker keeps the pages a person opens (routines, plans, the player) and the figures
they use on that device only, and never touches the sessions waiting to be sent (IndexedDB,
practice/static/practice/session_queue.js).
"""

from __future__ import annotations

import hashlib
import json
import threading
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from backcare.site.response_cache import content_hash, matches
from backcare.vocabulary import LANGUAGES

SOURCE = Path(__file__).with_name("service_worker.js")
#: The line of SOURCE that is replaced by the build (version and URLs) as JSON.
BUILD_LINE = "const BUILD = null;  // filled in by backcare/site/installable.py\n"
#: Static files kept at install (paths under STATIC_URL, shell patterns).
PRECACHE = ("practice/*.js", "practice/*.css", "catalogue/site.css", "catalogue/icons/*.png")
ICONS = "catalogue/icons/"
#: site.css's --accent and --bg: the installed app's title bar and splash screen.
THEME_COLOUR = "#0a615c"
BACKGROUND_COLOUR = "#faf9f6"
#: How long a browser may keep the manifest (it names no versioned URL).
MANIFEST_MAX_AGE = 3600

_built: dict[str, tuple[bytes, str]] = {}
_lock = threading.Lock()


def precached_files() -> list[tuple[str, Path]]:
    """(static path, file) of every static file the worker keeps at install, sorted."""
    found: dict[str, Path] = {}
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            name = path.replace("\\", "/")
            if name not in found and any(fnmatch(name, pattern) for pattern in PRECACHE):
                found[name] = Path(storage.path(path))
    return sorted(found.items())


def offline_urls() -> dict[str, str]:
    """The offline page's URL in each language backcare speaks."""
    urls = {}
    for code in LANGUAGES:
        with translation.override(code):
            urls[code] = reverse("offline")
    return urls


def build(digest: str) -> dict[str, Any]:
    """What the worker is told: its version and the URLs it keeps at install."""
    files = precached_files()
    hashing = hashlib.sha256()
    hashing.update(digest.encode())
    hashing.update(SOURCE.read_bytes())
    for name, file in files:
        hashing.update(name.encode() + b"\0" + file.read_bytes() + b"\0")
    offline = offline_urls()
    hashing.update(json.dumps(offline, sort_keys=True).encode())
    return {
        "version": hashing.hexdigest()[:16],
        "static": [static(name) for name, _ in files],
        "offline": offline,
        "languages": [code for code in LANGUAGES if code != settings.LANGUAGE_CODE],
    }


def worker_body() -> tuple[bytes, str]:
    """The worker's bytes and its version: made once per content hash (every time in DEBUG,
    when static files may change under a running server)."""
    digest = content_hash()
    with _lock:
        if digest in _built and not settings.DEBUG:
            return _built[digest]
    made = build(digest)
    source = SOURCE.read_text(encoding="utf-8")
    if BUILD_LINE not in source:
        raise RuntimeError(f"{SOURCE.name} has no BUILD line to fill in")
    line = f"const BUILD = {json.dumps(made, sort_keys=True)};\n"
    body = source.replace(BUILD_LINE, line, 1).encode("utf-8")
    with _lock:
        _built.clear()
        _built[digest] = (body, made["version"])
    return body, made["version"]


def forget_builds() -> None:
    """Make the next request build the worker again (tests; a deploy is a new process)."""
    with _lock:
        _built.clear()


def service_worker(request: HttpRequest) -> HttpResponse:
    body, version = worker_body()
    etag = f'"sw-{version}"'
    response: HttpResponse
    if matches(request.headers.get("If-None-Match", ""), etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def manifest(request: HttpRequest) -> HttpResponse:
    icon = static(ICONS)
    data = {
        "id": "/",
        "name": "backcare",
        "short_name": "backcare",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": f"{icon}icon-192.png", "sizes": "192x192", "type": "image/png",
             "purpose": "any"},
            {"src": f"{icon}icon-512.png", "sizes": "512x512", "type": "image/png",
             "purpose": "any"},
            {"src": f"{icon}icon-maskable-512.png", "sizes": "512x512", "type": "image/png",
             "purpose": "maskable"},
        ],
    }
    response = HttpResponse(json.dumps(data, indent=1), content_type="application/manifest+json")
    response["Cache-Control"] = f"public, max-age={MANIFEST_MAX_AGE}"
    return response


def offline_page(request: HttpRequest) -> HttpResponse:
    return render(request, "practice/offline.html", {})
