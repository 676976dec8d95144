"""A signed note that a device had nothing marked "it hurt last time".

The player page of the safe default is the same for every device that passed the screen
and has nothing marked as hurting, so it is made once (``response_cache.rendered_once``).
To hand it out before Django (``practice/cleared_player.py``, used by the front door) the
second condition must be known without the database. The player page sets this cookie —
the device id, signed, lasting as long as a screen pass — when the device has no marks;
a session that marks an exercise as hurting deletes it in the same answer, and so do
deleting the device and accepting a weekly-review change (which makes this device's pages
its own: the screen and the player page give no note to such a device, and take back one
it still holds). A missing, forged, old or other device's note only means the
database is asked, as always: the note can make a page faster, never less careful.
(A mark written without the browser — ``backcare restore`` of a database — is seen when the
note runs out, within BACKCARE_SCREEN_HOURS.)
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from backcare.planning.screen_memory import screen_max_age, signed_cookie

COOKIE = "backcare_unmarked"
SALT = "backcare.practice.unmarked"


def attested(value: str | None, device: str | None) -> bool:
    """True when ``value`` is this device's signed note, not older than a screen pass."""
    if not value or not device:
        return False
    return signed_cookie(COOKIE, value, SALT, screen_max_age()) == device


def attest(request: HttpRequest, response: HttpResponse, device: str) -> None:
    """Give the device its note, unless it already holds a current one."""
    if attested(request.COOKIES.get(COOKIE), device):
        return
    response.set_signed_cookie(
        COOKIE, device, salt=SALT, max_age=screen_max_age(), httponly=True, samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def withdraw(response: HttpResponse) -> None:
    """Take the note back: something is marked as hurting now (or the device is gone)."""
    response.delete_cookie(COOKIE, samesite="Lax")
