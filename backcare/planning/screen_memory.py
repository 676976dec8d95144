"""Remembering, for one device, that the red-flag screen was completed with no warning sign.

A signed cookie holds the screen's version; it lasts BACKCARE_SCREEN_HOURS (24 by default)
and is ignored as soon as the questions change. Nothing about the answers is stored: only
that this device passed the screen at a time. A "yes" is never remembered — the person is
asked again next time, and no plan is offered meanwhile.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from backcare.plans import SCREEN_VERSION

COOKIE = "backcare_screen"
SALT = "backcare.planning.screen"


def screen_max_age() -> int:
    return int(settings.BACKCARE_SCREEN_HOURS) * 3600


def screen_is_current(request: HttpRequest) -> bool:
    value = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=screen_max_age())
    return value == SCREEN_VERSION


def remember_screen(response: HttpResponse) -> None:
    response.set_signed_cookie(
        COOKIE, SCREEN_VERSION, salt=SALT, max_age=screen_max_age(),
        httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
    )


def forget_screen(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE, samesite="Lax")
