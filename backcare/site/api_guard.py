"""The check every API operation passes before it runs: no forged writes from a browser.

Reads (GET, HEAD, OPTIONS) always pass. A write (POST, PUT, PATCH, DELETE):

1. **From another site: refused (403).** A browser says where a request comes from
   (``Sec-Fetch-Site``, ``Origin``); a write from another site is never a person using
   backcare, so it is refused before anything is read, saved, or any cookie is set.
2. **From a browser: needs the CSRF token (403 without it).** A request that carries a
   cookie, an ``Origin`` or ``Sec-Fetch-*`` header is a browser's, with the person's
   cookies on it, so Django's CSRF check applies: the ``csrftoken`` cookie's value in the
   ``X-CSRFToken`` header, and an ``Origin`` that is this site's.
   A program (curl, a script) sends none of these and has no person's cookies to abuse.
3. **A body only as JSON (415 otherwise).** ``text/plain`` and form bodies are what a
   page on another site can send without asking; the API takes ``application/json``.
4. **A body of a sane size (413).**

A request with ``Authorization: Bearer <token>`` is a program acting for the person the
token belongs to (:mod:`backcare.accounts.tokens`), on reads and writes alike: the token is
looked up first — unknown or revoked is 401 (with ``WWW-Authenticate: Bearer``, added by
:class:`backcare.accounts.bearer.BearerChallenge`) — and the person is set on the request
(``practice.owner.BEARER_USER_ATTRIBUTE``) for :func:`backcare.practice.owner.owner_of`.
Such a request is a program's, never a browser's: no CSRF token is asked for (a page on
another site cannot add an ``Authorization`` header without a CORS preflight, which
backcare never allows). Other schemes (``Basic``, from a proxy in front) are ignored.

It is installed as the API's ``auth`` callback (ninja runs it before each operation and
before the body is parsed); it authenticates nobody, it only decides whether the request
may go on. Its refusals are said in the request's language (:mod:`backcare.vocabulary`).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.utils import check_csrf

from backcare.accounts.bearer import bearer_secret, sign_in_with
from backcare.vocabulary import gettext

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
BROWSER_HEADERS = ("HTTP_COOKIE", "HTTP_ORIGIN", "HTTP_SEC_FETCH_SITE", "HTTP_SEC_FETCH_MODE")
JSON = "application/json"


def _body_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        raise HttpError(400, gettext("The Content-Length header is not a number.")) from None


def is_browser(request: HttpRequest) -> bool:
    """True when the request comes from a browser (it carries cookies or fetch metadata)."""
    return any(request.META.get(name) for name in BROWSER_HEADERS)


def guard_write(request: HttpRequest) -> str:
    """Pass (return who is calling) or raise HttpError with the reason."""
    secret = bearer_secret(request)
    if secret is not None:
        sign_in_with(request, secret)  # 401 for a token that does not work
        if request.method in SAFE_METHODS:
            return "token"
    elif request.method in SAFE_METHODS:
        return "reader"
    if request.META.get("HTTP_SEC_FETCH_SITE", "") in {"cross-site", "same-site"}:
        raise HttpError(403, gettext("Writes from another site are refused."))
    length = _body_length(request)
    limit = int(getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", None) or 2_621_440)
    if length > limit:
        raise HttpError(413, gettext("The request body is {length} bytes; the limit is {limit}.")
                        .format(length=length, limit=limit))
    browser = secret is None and is_browser(request)
    if browser and check_csrf(request) is not None:
        raise HttpError(403, gettext("This write needs the CSRF token: send the csrftoken "
                                     "cookie's value in the X-CSRFToken header, from a page "
                                     "of this site."))
    has_body = length > 0 or "HTTP_TRANSFER_ENCODING" in request.META
    if has_body and request.content_type != JSON:
        if request.content_type:
            raise HttpError(415, gettext("The body must be JSON sent as {json}, not {sent}.")
                            .format(json=JSON, sent=request.content_type[:100]))
        raise HttpError(415, gettext("The body must be JSON sent as {json}, with a "
                                     "Content-Type header.").format(json=JSON))
    if secret is not None:
        return "token"
    return "browser" if browser else "program"
