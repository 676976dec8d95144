"""Responses that belong to one person are never stored by a shared cache.

A view (or API operation) that reads this device's cookies to decide what to answer calls
:func:`mark_personal` (or is wrapped in :func:`personal`); :class:`PersonalResponses` then
adds ``Cache-Control: private, no-store`` and ``Vary: Cookie`` to whatever it answers —
200, 4xx or a redirect alike. A response that sets a cookie is treated the same way even
when nobody marked it, so a forgotten mark can never put one person's cookie in a cache.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers

ATTRIBUTE = "_backcare_personal"
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def mark_personal(request: HttpRequest) -> None:
    setattr(request, ATTRIBUTE, True)


def personal(view: View) -> View:
    """Decorator for a Django view whose answer depends on the person's cookies."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        mark_personal(request)
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


def make_private(response: HttpResponseBase) -> None:
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])


class PersonalResponses:
    """Middleware: private, no-store and Vary: Cookie on every personal response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if getattr(request, ATTRIBUTE, False) or response.cookies:
            make_private(response)
        return response
