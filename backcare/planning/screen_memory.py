"""Remembering, for one device, that the red-flag screen was completed with no warning sign.

A signed cookie holds the screen's version and the device it was passed on; it lasts
BACKCARE_SCREEN_HOURS (24 by default) and is ignored as soon as the questions change, or
when it turns up on another device (copied into another browser, it is worth nothing).
Nothing about the answers is stored: only that this device passed the screen at a time.
A "yes" is never remembered — the person is asked again next time, and no plan is
offered meanwhile.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signing import get_cookie_signer
from django.http import HttpRequest, HttpResponse

from backcare.plans import SCREEN_VERSION
from backcare.practice.device import device_id, ensure_device

COOKIE = "backcare_screen"
SALT = "backcare.planning.screen"


def screen_max_age() -> int:
    return int(settings.BACKCARE_SCREEN_HOURS) * 3600


def _pass_for(device: str) -> str:
    return f"{SCREEN_VERSION}:{device}"


def signed_pass(device: str) -> str:
    """The cookie value a device gets when it passes the screen now (signed, timestamped)."""
    return get_cookie_signer(salt=COOKIE + SALT).sign(_pass_for(device))


def screen_is_current(request: HttpRequest) -> bool:
    device = device_id(request)
    if device is None:
        return False
    value = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=screen_max_age())
    return value == _pass_for(device)


def remember_screen(request: HttpRequest, response: HttpResponse) -> None:
    """Remember the pass for this request's device (made here if it has none yet)."""
    device = ensure_device(request, response)
    response.set_signed_cookie(
        COOKIE, _pass_for(device), salt=SALT, max_age=screen_max_age(),
        httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
    )


def forget_screen(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE, samesite="Lax")
