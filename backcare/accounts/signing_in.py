"""What signing in and out does besides: the device's data becomes the person's, and the
browser session is remembered so that erasing the account can end it."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.http import HttpRequest

from backcare.accounts.models import SignedInSession
from backcare.practice.claiming import claim_device
from backcare.practice.device import device_id


def claim_on_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_in``: claim this browser's anonymous sessions, marks and programs."""
    if request is not None:
        claim_device(device_id(request), user.pk)


def remember_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_in``: keep this browser session's key (and forget the person's keys of
    sessions that have ended since)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    key = session.session_key
    if not key:
        return
    mine = SignedInSession.objects.filter(user=user)
    live = Session.objects.filter(session_key__in=mine.values("session_key")).values("session_key")
    mine.exclude(session_key__in=live).exclude(session_key=key).delete()
    SignedInSession.objects.update_or_create(session_key=key, defaults={"user": user})


def forget_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_out``: the session is over; its key need not be kept."""
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        SignedInSession.objects.filter(session_key=session.session_key).delete()
