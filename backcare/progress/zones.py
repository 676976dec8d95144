"""The person's own time zone, for everything that counts days and weeks of outcomes.

Weeks run Monday to Sunday and "once a week" means a calendar week *where the person
is*: a Sunday-evening session in Los Angeles belongs to that Sunday's week, not to the
Monday it already is in UTC. The zone is, in order: the ``backcare_tz`` cookie the
progress pages' script sets from the browser (``static/progress/time_zone.js``), the zone
of the person's reminders feed, else the site's (``TIME_ZONE``). A cookie that names no
zone we know is ignored.

:func:`in_person_zone` wraps a view or an API operation so that Django's current time
zone is the person's while it runs; everything in this app reads days and weeks through
``django.utils.timezone`` (``localdate``, ``localtime``, ``get_current_timezone``).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils import timezone

from backcare.outcomes.calendar_feed import known_zone
from backcare.practice.owner import owner_of
from backcare.progress.models import ReminderFeed

COOKIE = "backcare_tz"

View = TypeVar("View", bound=Callable[..., Any])


def person_zone(request: HttpRequest) -> ZoneInfo | None:
    """The zone this request's person is in, else None (the site's zone applies)."""
    from_cookie = known_zone(request.COOKIES.get(COOKIE, ""))
    if from_cookie is not None:
        return from_cookie
    owner = owner_of(request)
    if not owner.known:
        return None
    feed = owner.rows(ReminderFeed).filter(revoked_at__isnull=True).only("tz").first()
    return known_zone(feed.tz) if feed is not None else None


def in_person_zone(view: View) -> View:
    """Run ``view`` (its first argument the request) in the person's time zone.

    The wrapper carries ``view``'s signature with its annotations already resolved in
    ``view``'s module: django-ninja reads the parameters (``payload: RemindersIn``,
    ``response: HttpResponse``) from the signature, and would otherwise look the names
    of a ``from __future__ import annotations`` module up in this one's globals."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        zone = person_zone(request)
        if zone is None:
            return view(request, *args, **kwargs)
        with timezone.override(zone):
            return view(request, *args, **kwargs)

    wrapped.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]
