"""Remembering, for one device, that the red-flag screen was completed with no warning sign.

A signed cookie holds the screen's version, the device it was passed on and the question
groups it covered (``version:device:any+low-back[+neck]``); it lasts BACKCARE_SCREEN_HOURS
(24 by default) and is ignored as soon as the questions change, or when it turns up on
another device (copied into another browser, it is worth nothing). A pass counts for a
routine only when it covers that routine's questions: a pass from a low-back routine does
not open the upper-back routine, which asks the neck questions too.
Nothing about the answers is stored: only that this device passed the screen at a time.
A "yes" is never remembered — the person is asked again next time, and no plan is
offered meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.conf import settings
from django.core.signing import b62_decode, get_cookie_signer
from django.http import HttpRequest, HttpResponse

from backcare.planning.screen_scope import areas_for_routine
from backcare.plans import SCREEN_VERSION
from backcare.plans.redflag_questions import AREAS
from backcare.practice.device import device_id, ensure_device

COOKIE = "backcare_screen"
SALT = "backcare.planning.screen"
#: What a page's script may know of the pass: the question groups it covers and when it
#: runs out (``any+low-back.1767225600``), readable by JavaScript and set and deleted with
#: the pass. A player page kept for playing offline reads it before it lets a session
#: start, so a copy on the device cannot outlive the screen it was opened after. It opens
#: nothing on the server, which reads only the signed pass.
UNTIL_COOKIE = "backcare_screen_until"


def screen_max_age() -> int:
    return int(settings.BACKCARE_SCREEN_HOURS) * 3600


def _pass_for(device: str, areas: Iterable[str]) -> str:
    covered = set(areas)
    return f"{SCREEN_VERSION}:{device}:{'+'.join(a for a in AREAS if a in covered)}"


def signed_pass(device: str, areas: Iterable[str] = AREAS) -> str:
    """The cookie value a device gets when it passes the screen now (signed, timestamped),
    covering the question groups ``areas`` (every group unless told)."""
    return get_cookie_signer(salt=COOKIE + SALT).sign(_pass_for(device, areas))


def screened_areas(request: HttpRequest) -> frozenset[str]:
    """The question groups this device's current pass covers (none without a valid pass)."""
    return pass_areas(request.COOKIES.get(COOKIE), device_id(request))


def pass_areas(value: str | None, device: str | None) -> frozenset[str]:
    """The question groups the pass ``value`` covers for ``device`` (none unless it is
    signed here, current, of today's questions and this device's)."""
    if device is None or not value:
        return frozenset()
    said = signed_cookie(COOKIE, value, SALT, screen_max_age())
    if said is None:
        return frozenset()
    version, _, rest = said.partition(":")
    owner, _, areas = rest.partition(":")
    if version != SCREEN_VERSION or owner != device:
        return frozenset()
    return frozenset(a for a in areas.split("+") if a in AREAS)


#: Signed cookie values already checked here: (name, salt, max_age, value) -> (what it
#: says, when it runs out). Only values whose signature checked out are kept, each only
#: until its own signing time plus ``max_age``, so a hit answers exactly as checking again
#: would (the same text can only ever check out the same way), for a few microseconds
#: instead of an HMAC. Bounded: cleared when full.
_CHECKED: dict[tuple[str, str, int, str], tuple[str, float]] = {}
_CHECKED_MAX = 10_000


def signed_cookie(name: str, value: str, salt: str, max_age: int) -> str | None:
    """The value a signed cookie ``name`` holds, or None when its signature is bad or it is
    older than ``max_age`` seconds — read as Django reads it from a request (the same salts,
    old and new), for callers that hold the cookie's text without a request (the front
    door's cleared player, ``practice/cleared_player.py``)."""
    key = (name, salt, max_age, value)
    now = time.time()
    hit = _CHECKED.get(key)
    if hit is not None and now < hit[1]:
        return hit[0]
    holder = HttpRequest()
    holder.COOKIES = {name: value}
    said = holder.get_signed_cookie(name, default=None, salt=salt, max_age=max_age)
    if not isinstance(said, str):
        return None
    try:  # "value:timestamp:signature", the timestamp in base 62
        signed_at = b62_decode(value.rsplit(":", 2)[1])
    except (IndexError, ValueError):
        return said
    if len(_CHECKED) >= _CHECKED_MAX:
        _CHECKED.clear()
    _CHECKED[key] = (said, signed_at + max_age)
    return said


def screen_is_current(request: HttpRequest, routine: str | None) -> bool:
    """True when this device passed the screen lately with every question routine
    ``routine`` needs (None: every question there is)."""
    covered = screened_areas(request)
    return bool(covered) and areas_for_routine(routine) <= covered


def remember_screen(request: HttpRequest, response: HttpResponse, areas: Iterable[str]) -> str:
    """Remember the pass for this request's device (made here if it has none yet),
    covering the question groups ``areas`` that were asked; the device's id."""
    device = ensure_device(request, response)
    response.set_signed_cookie(
        COOKIE, _pass_for(device, areas), salt=SALT, max_age=screen_max_age(),
        httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
    )
    response.set_cookie(
        UNTIL_COOKIE, until_value(areas, int(time.time()) + screen_max_age()),
        max_age=screen_max_age(), samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
    )
    return device


def until_value(areas: Iterable[str], until: int) -> str:
    """The readable companion of a pass covering ``areas`` that runs out at ``until``
    (seconds since the epoch)."""
    covered = set(areas)
    return f"{'+'.join(a for a in AREAS if a in covered)}.{until}"


def forget_screen(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE, samesite="Lax")
    response.delete_cookie(UNTIL_COOKIE, samesite="Lax")
