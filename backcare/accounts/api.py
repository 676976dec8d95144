"""Accounts on the API (mounted at /api/): tokens, and a person's data as theirs.

- ``POST /api/auth/token`` ``{email, password}`` -> 201 ``{token}``: the token is shown this
  once (backcare keeps only its digest). Wrong e-mail or password is 401; an address not
  yet confirmed is 403; too many requests from one place (ten a minute) or an address
  locked after repeated failures (django-axes, the same count as the sign-in page) is 429
  with ``Retry-After``.
- ``DELETE /api/auth/token`` revokes the token the request is sent with.
- ``GET /api/me/export``: everything backcare holds about the signed-in person, as a JSON
  file to download (:mod:`backcare.accounts.export`).
- ``DELETE /api/me``: erases the person and everything of theirs at once
  (:mod:`backcare.accounts.erasing`) and says how many of each were erased.

Signed in means a browser session or ``Authorization: Bearer <token>``; anonymous is 401.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from backcare.accounts.access import person_or_401
from backcare.accounts.bearer import CALLING_KEY_ATTRIBUTE
from backcare.accounts.erasing import end_session, erase
from backcare.accounts.export import PersonExport, export_filename, export_text
from backcare.accounts.lockout import cool_off_seconds, locked_out_message
from backcare.accounts.tokens import make_token, revoke
from backcare.site.api_errors import WRITES, Message
from backcare.site.personal import mark_personal
from backcare.site.rate_limits import TOKEN_CREATION, over_limit
from backcare.vocabulary import gettext

router = Router(tags=["accounts"])

SIGN_IN: dict[int, Any] = {401: Message}
_RETRY_AFTER = {"Retry-After": {"description": "seconds until it may be tried again",
                                "schema": {"type": "integer", "minimum": 1}}}


class TokenRequest(Schema):
    email: str = Field(max_length=254, description="the account's e-mail address")
    password: str = Field(max_length=4096)
    label: str = Field("", max_length=80,
                       description="a name to tell this token from others, such as 'my script'")


class NewToken(Schema):
    token: str = Field(description="send it as 'Authorization: Bearer <token>'; shown only "
                                   "this once: backcare keeps only its digest")
    label: str
    created_at: datetime


class ErasedAccount(Schema):
    erased: dict[str, int] = Field(description="how many of each kind were erased: account, "
                                               "sessions, painful_marks, programs, api_tokens, "
                                               "email_addresses, ...; programs_made_kept "
                                               "counts programs that stay with the clinic")


def _too_many(seconds: int, message: str) -> HttpResponse:
    response = HttpResponse(json.dumps({"detail": message}), status=429,
                            content_type="application/json")
    response["Retry-After"] = str(seconds)
    return response


@router.post(
    "/auth/token",
    response={201: NewToken, 401: Message, 429: Message, **WRITES},
    openapi_extra={"responses": {429: {"headers": _RETRY_AFTER}}},
    summary="Make an API token from your e-mail address and password",
)
def create_token(request: HttpRequest, payload: TokenRequest) -> Any:
    """201 with the token, shown only this once. 401 when the e-mail address or the password
    is wrong; 403 when the address is not confirmed yet (open the link in the e-mail first).
    429 with `Retry-After` after ten requests a minute from one place, and while the
    address is locked after repeated failed sign-ins (on the sign-in page or here)."""
    mark_personal(request)
    wait = over_limit(request, TOKEN_CREATION)
    if wait is not None:
        return _too_many(wait, gettext("Too many token requests from here. Wait {seconds} "
                                       "seconds, then try again.").format(seconds=wait))
    email = payload.email.strip()
    user = authenticate(request=request, username=email, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        return _too_many(cool_off_seconds(request), locked_out_message(request))
    if user is None:
        raise HttpError(401, gettext("That e-mail address and password do not match an "
                                     "account."))
    if not EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
        raise HttpError(403, gettext("Confirm your e-mail address first: open the link in the "
                                     "e-mail backcare sent you, then ask again."))
    AxesProxyHandler.user_logged_in(sender=create_token, request=request, user=user)
    token, secret = make_token(user, payload.label.strip())
    return Status(201, NewToken(token=secret, label=token.label, created_at=token.created_at))


@router.delete("/auth/token", response={204: None, **SIGN_IN, **WRITES},
               summary="Revoke the API token this request is sent with")
def revoke_token(request: HttpRequest) -> Status[None]:
    """204 once the token in `Authorization: Bearer <token>` no longer works. 401 without a
    token (or with one that no longer works)."""
    mark_personal(request)
    token = getattr(request, CALLING_KEY_ATTRIBUTE, None)
    if token is None:
        raise HttpError(401, gettext("Send the token to revoke as 'Authorization: Bearer "
                                     "<token>'."))
    revoke(token)
    return Status(204, None)


@router.get("/me/export", response={200: PersonExport, **SIGN_IN},
            openapi_extra={"responses": {200: {"headers": {"Content-Disposition": {
                "description": "attachment, with a file name",
                "schema": {"type": "string"}}}}}},
            summary="Download everything backcare holds about you, as JSON")
def export_me(request: HttpRequest) -> HttpResponse:
    """Your account, every session (as GET /api/sessions gives them), every "it hurt" mark,
    the clinician programs you opened, your API tokens (never their values) and, for a
    clinician, the programs you made. 401 when nobody is signed in."""
    user = person_or_401(request)
    body = export_text(user)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename()}"'
    return response


@router.delete("/me", response={200: ErasedAccount, **SIGN_IN, **WRITES},
               summary="Delete your account and everything of yours, now")
def delete_me(request: HttpRequest) -> ErasedAccount:
    """Erases at once, for good: the account, its sessions, marks, programs opened, tokens,
    e-mail addresses and sign-in factors, and signs out every browser signed in to it.
    Programs a clinician made stay with the clinic. 401 when nobody is signed in."""
    user = person_or_401(request)
    counts = erase(user)
    end_session(request)
    return ErasedAccount(erased=counts)
