"""``Authorization: Bearer <token>`` on the API: who the token speaks for, or 401.

:func:`sign_in_with` is called by the API's guard (:mod:`backcare.site.api_guard`) before
every operation of a request that carries a bearer token. :class:`BearerChallenge` adds
``WWW-Authenticate: Bearer`` to every 401 the API answers, as HTTP asks of a 401, naming
``error="invalid_token"`` when the token sent was refused.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from ninja.errors import HttpError

from backcare.accounts.tokens import token_for
from backcare.practice.owner import BEARER_USER_ATTRIBUTE
from backcare.vocabulary import gettext

#: The token a request came with (an ``ApiToken``), for ``DELETE /api/auth/token``.
CALLING_KEY_ATTRIBUTE = "backcare_api_token"
#: Set when the request's token was refused, so the 401 says ``error="invalid_token"``.
REFUSED_ATTRIBUTE = "backcare_token_refused"
REALM = 'Bearer realm="backcare"'


def bearer_secret(request: HttpRequest) -> str | None:
    """The token of an ``Authorization: Bearer ...`` header ("" when the header names the
    scheme and nothing else); None when there is no such header (another scheme, such as a
    proxy's ``Basic``, is not ours and is ignored)."""
    header = str(request.META.get("HTTP_AUTHORIZATION", ""))
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()


def sign_in_with(request: HttpRequest, secret: str) -> None:
    """Set the token's person on the request, or raise a 401 that says what to do."""
    token = token_for(secret)
    if token is None:
        setattr(request, REFUSED_ATTRIBUTE, True)
        raise HttpError(401, gettext(
            "This API token is not valid: it is mistyped, revoked, or its account is gone. "
            "Make a new one with POST /api/auth/token."))
    setattr(request, BEARER_USER_ATTRIBUTE, token.user)
    setattr(request, CALLING_KEY_ATTRIBUTE, token)


class BearerChallenge:
    """Middleware: ``WWW-Authenticate: Bearer`` on every 401 under /api/."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (response.status_code == 401 and request.path_info.startswith("/api/")
                and not response.has_header("WWW-Authenticate")):
            refused = getattr(request, REFUSED_ATTRIBUTE, False)
            response["WWW-Authenticate"] = (f'{REALM}, error="invalid_token"' if refused
                                            else REALM)
        return response
