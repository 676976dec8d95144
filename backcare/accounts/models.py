"""Who is who: clinics, the clinicians in them, invitations, and API tokens.

A *person* is any account without a :class:`Clinician` row; a *clinician* belongs to one
clinic, and a clinic's admin (``is_admin``) invites other clinicians. Secrets are never
stored: an invitation's and a token's value is shown once and kept as its SHA-256 digest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Clinic(models.Model):
    name = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Clinician(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="clinician")
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="clinicians")
    #: The name patients see on their program and worksheet ("" shows the e-mail's name).
    display_name = models.CharField(max_length=120, blank=True, default="")
    is_admin = models.BooleanField(default=False, help_text="may invite clinicians to the clinic")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("clinic", "display_name")

    def __str__(self) -> str:
        return f"{self.name} ({self.clinic})"

    @property
    def name(self) -> str:
        return self.display_name or self.user.get_username().split("@")[0]


class ClinicInvitation(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the link's secret")
    as_admin = models.BooleanField(default=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.email} to {self.clinic}"


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token")
    label = models.CharField(max_length=80, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"token {self.pk} of {self.user}"


class SignedInSession(models.Model):
    """A browser session a person signed in with (its key in ``django_session``), kept so
    that erasing the account ends every one of them, on every device."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"session of {self.user} since {self.signed_in_at:%Y-%m-%d}"
