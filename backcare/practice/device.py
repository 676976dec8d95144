"""The anonymous device id: which browser a session log belongs to, and nothing more.

A random UUID in the ``backcare_device`` cookie (httponly, SameSite=Lax, one year). It is
an identifier, not a secret and not a login: it only lets a browser see its own history.
A cookie that is not a well-formed UUID is ignored and replaced.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse

COOKIE = "backcare_device"
MAX_AGE = 365 * 24 * 3600


def clean_device(value: str | None) -> str | None:
    if not value:
        return None
    try:
        parsed = uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        return None
    canonical = str(parsed)
    return canonical if canonical == value else None


def device_id(request: HttpRequest) -> str | None:
    """This browser's device id, or None when it has none (or a malformed one)."""
    return clean_device(request.COOKIES.get(COOKIE))


def set_device_cookie(response: HttpResponse, value: str) -> None:
    response.set_cookie(
        COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def ensure_device(request: HttpRequest, response: HttpResponse) -> str:
    """The device id, made and set on ``response`` when the browser has none yet.

    The new id is also remembered on the request, so a second call while handling the
    same request returns the same id instead of making another.
    """
    existing: str | None = device_id(request) or getattr(request, "_backcare_new_device", None)
    if existing and existing == device_id(request):
        return existing
    value = existing or str(uuid.uuid4())
    request._backcare_new_device = value  # type: ignore[attr-defined]
    set_device_cookie(response, value)
    return value
