"""django-axes, fitted to sign-in by e-mail: one name per person, one answer when locked.

- :func:`username_of` (``AXES_USERNAME_CALLABLE``) is the address a sign-in attempt names,
  lower-cased, whichever way it came: allauth's form passes ``email``, its POST holds
  ``login``, and ``POST /api/auth/token`` passes ``username``. So failures on the page and
  on the API count together, per address and place (``AXES_LOCKOUT_PARAMETERS``).
- :func:`lockout_response` (``AXES_LOCKOUT_CALLABLE``): a locked-out sign-in is answered
  429 with ``Retry-After`` — JSON ``{"detail": ...}`` on the API, our page elsewhere.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from backcare.vocabulary import gettext, ngettext

#: The status of a locked-out sign-in, on the pages and on the API.
LOCKED_STATUS = 429
_NAME_FIELDS = ("email", "login", "username")


def username_of(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The e-mail address an attempt is filed under. axes itself names a person who signed
    in by their account's username: that is turned into their e-mail address, so a
    success clears the failures counted under it (``AXES_RESET_ON_SUCCESS``)."""
    for source in (credentials or {}, getattr(request, "POST", None) or {}):
        for field in _NAME_FIELDS:
            value = source.get(field)
            if value:
                name = str(value).strip().lower()[:255]
                return name if "@" in name else _email_of_username(name)
    return None


def _email_of_username(name: str) -> str:
    from django.contrib.auth import get_user_model

    email = (get_user_model().objects.filter(username__iexact=name)
             .values_list("email", flat=True).first())
    return str(email).lower() if email else name


def cool_off_seconds(request: HttpRequest | None = None) -> int:
    cool_off = get_cool_off(request) or timedelta(hours=1)
    return max(1, int(cool_off.total_seconds()))


def locked_out_message(request: HttpRequest | None = None) -> str:
    minutes = max(1, round(cool_off_seconds(request) / 60))
    return ngettext(
        "Too many failed sign-ins for this address from here. Try again in {count} minute, "
        "or reset your password.",
        "Too many failed sign-ins for this address from here. Try again in {count} minutes, "
        "or reset your password.", minutes).format(count=minutes)


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict[str, Any] | None = None) -> HttpResponse:
    seconds = cool_off_seconds(request)
    response: HttpResponse
    if request.path_info.startswith("/api/"):
        response = JsonResponse({"detail": locked_out_message(request)}, status=LOCKED_STATUS)
    else:
        response = render(request, "accounts/locked_out.html",
                          {"message": locked_out_message(request),
                           "title": gettext("Sign-in paused")},
                          status=LOCKED_STATUS)
    response["Retry-After"] = str(seconds)
    return response
