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
from backcare.practice.owner import Owner
from backcare.practice.unmarked import withdraw


def forget_session(owner: Owner, session_id: uuid.UUID) -> bool:
    """Delete one session of ``owner``; False when it has none with that id."""
    deleted, _ = owner.sessions().filter(id=session_id).delete()
    return deleted > 0


def forget_device(owner: Owner) -> int:
    """Delete every session of ``owner`` (a device's, or a signed-in person's); the number
    of sessions deleted. Their "it hurt" marks go with them, and so do the owner's outcomes:
    measures taken, weekly-review decisions, the weekly goal and reminder feeds."""
    from backcare.progress.models import (  # the progress app builds on this one
        MeasureResponse,
        ReminderFeed,
        ReviewDecision,
        WeeklyGoal,
    )

    deleted = owner.sessions().count()
    owner.sessions().delete()
    for model in (MeasureResponse, ReviewDecision, WeeklyGoal, ReminderFeed):
        owner.rows(model).delete()
    return deleted


def forget_device_cookies(response: HttpResponse) -> None:
    """Clear the device id and the remembered safety screen: the browser starts afresh."""
    response.delete_cookie(DEVICE_COOKIE, samesite="Lax")
    forget_screen(response)
    withdraw(response)
