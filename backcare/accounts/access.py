"""The one check for API operations that need a person: signed in, or 401."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError

from backcare.practice.owner import signed_in_user
from backcare.site.personal import mark_personal
from backcare.vocabulary import gettext


def person_or_401(request: HttpRequest) -> Any:
    """The person this request is signed in as (browser session or bearer token); an
    anonymous request is a 401 that says how to sign in. The answer is personal."""
    mark_personal(request)
    user = signed_in_user(request)
    if user is None:
        raise HttpError(401, gettext(
            "Sign in first: in a browser at /accounts/login/, or send an API token as "
            "'Authorization: Bearer <token>' (POST /api/auth/token makes one)."))
    return user
