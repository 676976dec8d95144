"""The player page for a device already cleared: the front door's one per-person answer.

The safe default's player page is the same bytes for every device that passed the screen
for its routine and has nothing marked as hurting (``views_player.play_routine`` makes it
once, ``rendered_once(..., shared_with_cleared=True)``). Django decides that with a signed
cookie and a database query; the front door (``site/front_door.py``) can decide it from
the cookies alone when the device also holds its signed note that nothing hurt
(``practice/unmarked.py``), and then hands out the page without entering Django.

:func:`cleared_key` is that decision. It answers a key only for ``GET /routines/<slug>/
play/`` (or ``/<lang>/routines/...``) with no query (a plan is always the device's own),
and only when every cookie the page depends on checks out for this device: its id, a CSRF
token of the right form (so nothing would be set), a current screen pass covering the
routine's questions, and the note — and no sign-in session (a person's marks follow them
across devices, so Django decides for them). Those cookies are left out of the key — that is what
lets devices share the page — and every other header and cookie stays in it, exactly as
the front door keys any request. Whatever fails goes to Django, which decides as always.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http.cookie import parse_cookie

from backcare.catalogue.library import library_or_problems
from backcare.planning.screen_memory import COOKIE as SCREEN_COOKIE
from backcare.planning.screen_memory import pass_areas
from backcare.planning.screen_scope import areas_for_routine
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.device import clean_device
from backcare.practice.unmarked import COOKIE as UNMARKED_COOKIE
from backcare.practice.unmarked import attested
from backcare.vocabulary import DEFAULT_LANGUAGE, LANGUAGES

PLAYER_PATH = re.compile(r"^/(?:(?P<language>[a-z]{2})/)?routines/(?P<slug>[a-z0-9-]+)/play/$")
CSRF_TOKEN = re.compile(r"^[a-zA-Z0-9]{32}(?:[a-zA-Z0-9]{32})?$")  # Django's two forms


def is_player_path(path: str) -> bool:
    return PLAYER_PATH.match(path) is not None


@lru_cache(maxsize=4096)
def _questions(slug: str, digest: str) -> frozenset[str] | None:
    """The question groups a pass must cover for routine ``slug`` of the library with
    content hash ``digest`` (None: no such routine)."""
    library, _ = library_or_problems()
    if library is None or library.content_hash != digest or slug not in library.routines:
        return None
    return frozenset(areas_for_routine(slug))


def cleared_key(environ: dict[str, Any], digest: str) -> tuple[str, str, str] | None:
    """The front door's key for this request's player page when the request's own cookies
    clear it for the page everyone cleared gets; None otherwise (Django decides)."""
    from backcare.site.front_door import request_key

    found = PLAYER_PATH.match(str(environ.get("PATH_INFO", "")))
    if found is None or environ.get("QUERY_STRING") or environ.get("SCRIPT_NAME"):
        return None
    language = found["language"]
    if language is not None and (language not in LANGUAGES or language == DEFAULT_LANGUAGE):
        return None
    needed = _questions(found["slug"], digest)
    if needed is None:
        return None
    cookies = parse_cookie(str(environ.get("HTTP_COOKIE", "")))
    if settings.SESSION_COOKIE_NAME in cookies:
        return None  # signed in: what hurt is the person's, on any device (Django decides)
    device = clean_device(cookies.get(DEVICE_COOKIE))
    if (device is None
            or not CSRF_TOKEN.match(cookies.get(settings.CSRF_COOKIE_NAME, ""))
            or not attested(cookies.get(UNMARKED_COOKIE), device)
            or not needed <= pass_areas(cookies.get(SCREEN_COOKIE), device)):
        return None
    checked = {DEVICE_COOKIE, settings.CSRF_COOKIE_NAME, UNMARKED_COOKIE, SCREEN_COOKIE}
    others = sorted((name, value) for name, value in cookies.items() if name not in checked)
    shared = dict(environ)
    shared["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value in others)
    _, _, rest = request_key(shared, digest)
    return (digest, "cleared player", rest)
