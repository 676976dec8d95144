"""Whose data a request is about: a signed-in person's, or an anonymous device's.

Every read and write of the session log and its "it hurt" marks goes through an
:class:`Owner`, so "mine" means one thing on every edge:

- **Signed in** (a browser session, or an API bearer token): the person's rows, made on
  any device. Signing in claims the device's rows into the account
  (:mod:`backcare.practice.claiming`).
- **Anonymous**: the rows this device made and no account has claimed. A device whose
  rows were claimed sees none of them once signed out: they are the person's now.

Nothing here opens the session store unless the request carries a session cookie, so a
public page served to an anonymous visitor stays the same bytes for everyone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest

from backcare.practice.device import device_id
from backcare.practice.models import PainfulExercise, PracticeSession

#: Set on the request by the API's bearer-token check (backcare.accounts.tokens).
BEARER_USER_ATTRIBUTE = "backcare_token_user"


def signed_in_user(request: HttpRequest) -> Any | None:
    """The person signed in on this request (bearer token or session), else None."""
    token_user = getattr(request, BEARER_USER_ATTRIBUTE, None)
    if token_user is not None:
        return token_user
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None  # no session to open: anonymous, without touching the session store
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user


@dataclass(frozen=True)
class Owner:
    """A person (``user_id``) or, when nobody is signed in, a device (``device``)."""

    device: str | None
    user_id: int | None = None

    @classmethod
    def of_device(cls, device: str | None) -> Owner:
        return cls(device=device, user_id=None)

    @property
    def known(self) -> bool:
        """False for a browser with neither an account nor a device id yet: it owns nothing."""
        return self.user_id is not None or self.device is not None

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    def sessions(self) -> QuerySet[PracticeSession]:
        if self.user_id is not None:
            return PracticeSession.objects.filter(user_id=self.user_id)
        if self.device:
            return PracticeSession.objects.filter(device=self.device, user__isnull=True)
        return PracticeSession.objects.none()

    def marks(self) -> QuerySet[PainfulExercise]:
        if self.user_id is not None:
            return PainfulExercise.objects.filter(user_id=self.user_id)
        if self.device:
            return PainfulExercise.objects.filter(device=self.device, user__isnull=True)
        return PainfulExercise.objects.none()

    def rows(self, model: Any) -> QuerySet[Any]:
        """This owner's rows of any model with ``device`` and ``user`` (the outcomes'
        measures, review decisions, goal and reminders), by the same rule as sessions."""
        if self.user_id is not None:
            return model.objects.filter(user_id=self.user_id)  # type: ignore[no-any-return]
        if self.device:
            return model.objects.filter(  # type: ignore[no-any-return]
                device=self.device, user__isnull=True)
        return model.objects.none()  # type: ignore[no-any-return]

    def owns(self, session: PracticeSession) -> bool:
        if self.user_id is not None:
            return session.user_id == self.user_id
        return self.device is not None and session.device == self.device and session.user_id is None


def owner_of(request: HttpRequest) -> Owner:
    """The owner this request acts for: the signed-in person, else this browser's device."""
    user = signed_in_user(request)
    return Owner(device=device_id(request), user_id=user.pk if user is not None else None)


def session_for(request: HttpRequest, session_id: uuid.UUID) -> PracticeSession | None:
    """The one access check for a session: this request's owner's session with that id,
    else None (the caller answers 404: another's session is not this one's to know of)."""
    return owner_of(request).sessions().filter(id=session_id).first()
