"""Deleting what a device has saved: one session, or everything, at the person's word.

The API (``DELETE /api/sessions/<id>``, ``DELETE /api/device``) and the history page's
forms both come here, so "delete" means the same on every edge. Deleting is immediate
and final: there is no soft delete and no copy kept.
"""

from __future__ import annotations

import uuid

from django.http import HttpResponse

from backcare.planning.screen_memory import forget_screen
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession
from backcare.practice.unmarked import withdraw


def forget_session(device: str | None, session_id: uuid.UUID) -> bool:
    """Delete one session of ``device``; False when it has none with that id."""
    if device is None:
        return False
    deleted, _ = PracticeSession.objects.filter(device=device, id=session_id).delete()
    return deleted > 0


def forget_device(device: str | None) -> int:
    """Delete every session of ``device``; the number deleted."""
    if device is None:
        return 0
    deleted, _ = PracticeSession.objects.filter(device=device).delete()
    return deleted


def forget_device_cookies(response: HttpResponse) -> None:
    """Clear the device id and the remembered safety screen: the browser starts afresh."""
    response.delete_cookie(DEVICE_COOKIE, samesite="Lax")
    forget_screen(response)
    withdraw(response)
