"""Deleting an account: the person and everything that refers to them, at once, for good.

:func:`erase` runs in one transaction. Deleting the user row takes with it (through the
database's foreign keys) every session, "it hurt" mark, patient-program, API token, e-mail
address, sign-in factor (TOTP, recovery codes), clinician row and admin log entry of
theirs; what only *names* them by their e-mail is deleted by that e-mail: the failed and
successful sign-in records kept for the lockout (django-axes) and clinic invitations sent
to them. Every browser session they were signed in with ends (its row in
``django_session`` goes). Programs a clinician made stay with their clinic, for the
patients who follow them, no longer linked to the account.

The answer says how many of each were erased, in :data:`KINDS` order.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest

from backcare.accounts.models import ClinicInvitation, SignedInSession
from backcare.programs.models import Program
from backcare.site.database import sqlite_write_lock

#: What an erase counts, in the order the page lists it. "programs_made_kept" is not
#: erased: the count of programs that stay with the clinic.
KINDS = ("account", "sessions", "painful_marks", "programs", "api_tokens",
         "email_addresses", "sign_in_factors", "signed_in_browsers", "sign_in_records",
         "invitations", "clinician", "other_records", "programs_made_kept")

#: The model (app_label.ModelName) each cascaded count comes from.
_CASCADED = {
    "practice.PracticeSession": "sessions",
    "practice.PainfulExercise": "painful_marks",
    "programs.PatientProgram": "programs",
    "accounts.ApiToken": "api_tokens",
    "account.EmailAddress": "email_addresses",
    "mfa.Authenticator": "sign_in_factors",
    "accounts.Clinician": "clinician",
    "accounts.SignedInSession": None,  # counted as the browser sessions they name
}


def _names(user: Any) -> set[str]:
    """Every name the sign-in records may file this person under, lower-case."""
    names = {str(e).lower() for e in
             EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    for value in (user.email, user.get_username()):
        if value:
            names.add(str(value).lower())
    return names


def _any_of(field: str, names: set[str]) -> Q:
    query = Q(pk__in=[])
    for name in names:
        query |= Q(**{f"{field}__iexact": name})
    return query


def what_would_go(user: Any) -> dict[str, int]:
    """The counts :func:`erase` would answer, without erasing anything (for the page that
    asks first)."""
    counts = {
        "account": 1,
        "sessions": user.practice_sessions.count(),
        "painful_marks": user.painful_marks.count(),
        "programs": user.patient_programs.count(),
        "api_tokens": user.api_tokens.count(),
        "email_addresses": EmailAddress.objects.filter(user=user).count(),
        "sign_in_factors": Authenticator.objects.filter(user=user).count(),
        "clinician": int(hasattr(user, "clinician")),
        "programs_made_kept": Program.objects.filter(created_by=user).count(),
    }
    return {kind: counts.get(kind, 0) for kind in KINDS if counts.get(kind, 0)}


def erase(user: Any) -> dict[str, int]:
    """Delete ``user`` and every row that refers to them; how many of each kind went."""
    counts: Counter[str] = Counter()
    names = _names(user)
    user_label = user._meta.label
    with sqlite_write_lock(), transaction.atomic():
        counts["programs_made_kept"] = Program.objects.filter(created_by=user).count()
        keys = list(SignedInSession.objects.filter(user=user).values_list("session_key", flat=True))
        counts["signed_in_browsers"], _ = Session.objects.filter(session_key__in=keys).delete()
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            deleted, _ = model.objects.filter(_any_of("username", names)).delete()
            counts["sign_in_records"] += deleted
        counts["invitations"], _ = ClinicInvitation.objects.filter(
            _any_of("email", names)).delete()
        _, per_model = user.delete()
        for label, number in per_model.items():
            kind = "account" if label == user_label else _CASCADED.get(label, "other_records")
            if kind is not None:
                counts[kind] += number
    return {kind: counts[kind] for kind in KINDS if counts[kind]}


def end_session(request: HttpRequest) -> None:
    """After :func:`erase`: this browser is nobody's now (its session row is already gone;
    the cookie is cleared). No sign-out signal is sent: nothing may record the person
    again."""
    session = getattr(request, "session", None)
    if session is not None:
        session.flush()
    if hasattr(request, "user"):
        request.user = AnonymousUser()
