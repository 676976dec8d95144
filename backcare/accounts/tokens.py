"""API tokens: made once, shown once, kept only as a digest, revocable.

A token is ``secrets.token_urlsafe(32)`` (256 random bits). The database keeps its SHA-256
hex digest, so a copy of the database gives nobody a working token; looking one up is a
digest comparison on a unique index. A revoked token stays listed (with when it was
revoked) and never works again.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.utils import timezone

from backcare.accounts.models import ApiToken

#: The longest token value looked at; a real one is 43 characters.
LONGEST = 200
#: ``last_used_at`` is written at most this often per token (a write on every call would
#: queue every API read behind the database's writers).
USE_RECORDED_EVERY = timedelta(minutes=1)


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def make_token(user: Any, label: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``: the row, and the secret to show once (never stored)."""
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, digest=digest_of(secret), label=label[:80])
    return token, secret


def token_for(secret: str) -> ApiToken | None:
    """The live (not revoked) token with this secret, its user loaded; None otherwise.
    A found token's ``last_used_at`` is brought up to date (at most once a minute)."""
    if not secret or len(secret) > LONGEST:
        return None
    token = (ApiToken.objects.select_related("user")
             .filter(digest=digest_of(secret), revoked_at__isnull=True).first())
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= USE_RECORDED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def user_for(secret: str) -> Any | None:
    """The person this token belongs to, or None for an unknown or revoked token."""
    token = token_for(secret)
    return token.user if token is not None else None


def revoke(token: ApiToken) -> bool:
    """Revoke ``token`` now; False when it was already revoked."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return True


def revoke_by_id(user: Any, token_id: int) -> bool:
    """Revoke ``user``'s token with this id; False when they have no live one with it."""
    return bool(ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True)
                .update(revoked_at=timezone.now()))
