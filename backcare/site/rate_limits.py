"""Counting requests per client over a window: too many is a 429 with Retry-After.

Used where guessing or hammering would pay: creating API tokens and looking up share
codes (sign-in failures are counted by django-axes). A client is its IP address
(``REMOTE_ADDR``, or the first ``X-Forwarded-For`` hop behind a trusted HTTPS proxy).
The counts live in Django's cache: per process with the default in-memory cache, so with
several workers the effective limit is the limit times the workers — still a wall against
guessing an 8-character code (25^8 ≈ 1.5e11 codes).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    name: str
    requests: int
    seconds: int


#: POST /api/auth/token: ten a minute from one place.
TOKEN_CREATION = Limit("token", 10, 60)
#: /p/ and GET /api/shared/<code>: thirty lookups a minute from one place.
SHARE_CODE_LOOKUP = Limit("share-code", 30, 60)


def client_address(request: HttpRequest) -> str:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded).split(",")[0].strip()[:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def over_limit(request: HttpRequest, limit: Limit) -> int | None:
    """Count this request; None while within ``limit``, else the seconds until it lifts."""
    window = int(time.time()) // limit.seconds
    key = f"backcare-rate:{limit.name}:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=limit.seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=limit.seconds + 1)
            count = 1
    if count <= limit.requests:
        return None
    return limit.seconds - int(time.time()) % limit.seconds or 1
