"""The ``Permissions-Policy`` header: browser features backcare does not use are turned off.

Camera, microphone, location, payments and USB are denied to every origin, this site
included, so nothing injected into a page could ask for them. Two features stay on for this
site only: fullscreen (the player may fill the screen) and the screen wake lock (the player
keeps the screen on during a routine, see practice/static/practice/player.js).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase

#: feature -> the origins allowed to use it; () is nobody, (self) this site only.
PERMISSIONS = {
    "camera": "()",
    "microphone": "()",
    "geolocation": "()",
    "payment": "()",
    "usb": "()",
    "fullscreen": "(self)",
    "screen-wake-lock": "(self)",
}
PERMISSIONS_POLICY = ", ".join(f"{feature}={allowed}" for feature, allowed in PERMISSIONS.items())


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` to every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
