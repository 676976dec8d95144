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
from django.core.signing import get_cookie_signer
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
    device = device_id(request)
    if device is None:
        return frozenset()
    value = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=screen_max_age())
    if not isinstance(value, str):
        return frozenset()
    version, _, rest = value.partition(":")
    owner, _, areas = rest.partition(":")
    if version != SCREEN_VERSION or owner != device:
        return frozenset()
    return frozenset(a for a in areas.split("+") if a in AREAS)


def screen_is_current(request: HttpRequest, routine: str | None) -> bool:
    """True when this device passed the screen lately with every question routine
    ``routine`` needs (None: every question there is)."""
    covered = screened_areas(request)
    return bool(covered) and areas_for_routine(routine) <= covered


def remember_screen(request: HttpRequest, response: HttpResponse, areas: Iterable[str]) -> None:
    """Remember the pass for this request's device (made here if it has none yet),
    covering the question groups ``areas`` that were asked."""
    device = ensure_device(request, response)
    response.set_signed_cookie(
        COOKIE, _pass_for(device, areas), salt=SALT, max_age=screen_max_age(),
        httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
    )
    response.set_cookie(
        UNTIL_COOKIE, until_value(areas, int(time.time()) + screen_max_age()),
        max_age=screen_max_age(), samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
    )


def until_value(areas: Iterable[str], until: int) -> str:
    """The readable companion of a pass covering ``areas`` that runs out at ``until``
    (seconds since the epoch)."""
    covered = set(areas)
    return f"{'+'.join(a for a in AREAS if a in covered)}.{until}"


def forget_screen(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE, samesite="Lax")
    response.delete_cookie(UNTIL_COOKIE, samesite="Lax")
