"""Clinic invitations: a one-time link by e-mail, kept only as its digest.

A clinic's admin invites an e-mail address (:func:`invite`); the mail holds
``/account/join/<secret>/``. Whoever opens it must be signed in with that address, confirmed
(:func:`check_join`); joining makes them a clinician of the inviting clinic, once
(:func:`join`). A link works for :data:`VALID_FOR`, and not after it is used.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from backcare.accounts.models import Clinic, Clinician, ClinicInvitation
from backcare.accounts.tokens import LONGEST, digest_of
from backcare.vocabulary import gettext

VALID_FOR = timedelta(days=14)


@dataclass(frozen=True)
class JoinRefused(Exception):
    """Why this person can't join with this link, said plainly."""

    message: str


def invite(request: HttpRequest, clinic: Clinic, email: str, as_admin: bool) -> ClinicInvitation:
    """Store the invitation's digest and mail the link (made from this request's site)."""
    secret = secrets.token_urlsafe(32)
    invitation = ClinicInvitation.objects.create(
        clinic=clinic, email=email.strip(), digest=digest_of(secret), as_admin=as_admin,
        invited_by=request.user if request.user.is_authenticated else None)
    link = request.build_absolute_uri(reverse("accounts:join", args=[secret]))
    context = {"clinic": clinic.name, "link": link, "days": VALID_FOR.days,
               "inviter": getattr(request.user, "email", "")}
    subject = " ".join(render_to_string("accounts/email/invitation_subject.txt", context).split())
    body = render_to_string("accounts/email/invitation_message.txt", context)
    send_mail(subject, body, None, [invitation.email])
    return invitation


def invitation_for(secret: str) -> ClinicInvitation | None:
    """The invitation this link's secret opens, if any (used or expired ones included)."""
    if not secret or len(secret) > LONGEST:
        return None
    return (ClinicInvitation.objects.select_related("clinic")
            .filter(digest=digest_of(secret)).first())


def check_join(invitation: ClinicInvitation, user: Any) -> None:
    """Raise :class:`JoinRefused` unless ``user`` may join with ``invitation`` now."""
    if invitation.accepted_at is not None:
        raise JoinRefused(gettext("This invitation has been used already. Ask your clinic's "
                                  "admin for a new one if you need it."))
    if timezone.now() - invitation.created_at > VALID_FOR:
        raise JoinRefused(gettext("This invitation has expired. Ask your clinic's admin for "
                                  "a new one."))
    if not EmailAddress.objects.filter(user=user, email__iexact=invitation.email,
                                       verified=True).exists():
        raise JoinRefused(gettext("This invitation was sent to another e-mail address. Sign "
                                  "in with the address it was sent to."))
    existing = Clinician.objects.filter(user=user).select_related("clinic").first()
    if existing is not None:
        raise JoinRefused(gettext("You are already a clinician at {clinic}; an account "
                                  "belongs to one clinic.").format(clinic=existing.clinic.name))


def join(invitation: ClinicInvitation, user: Any) -> Clinician:
    """Make ``user`` a clinician of the inviting clinic and use the invitation up."""
    with transaction.atomic():
        fresh = ClinicInvitation.objects.select_for_update().get(pk=invitation.pk)
        check_join(fresh, user)
        try:
            clinician = Clinician.objects.create(user=user, clinic=fresh.clinic,
                                                 is_admin=fresh.as_admin)
        except IntegrityError:
            raise JoinRefused(gettext("You are already a clinician of a clinic.")) from None
        fresh.accepted_at = timezone.now()
        fresh.save(update_fields=["accepted_at"])
    return clinician
