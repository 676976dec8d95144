"""``GET /calendar/<key>.ics``: a person's reminders as a calendar feed.

The key is the only thing that opens it (a calendar app sends no cookie), so it is long
and random, and the answer is private: never kept by a shared cache, never indexed. An
unknown or revoked key is a plain 404 that says nothing about any other feed.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from backcare.progress.reminders import feed_by_key, feed_bytes
from backcare.site.personal import make_private, mark_personal

CALENDAR = "text/calendar; charset=utf-8"


@require_safe
def calendar_feed(request: HttpRequest, key: str) -> HttpResponse:
    mark_personal(request)
    feed = feed_by_key(key)
    if feed is None:
        raise Http404("no such calendar")
    response = HttpResponse(feed_bytes(feed, request), content_type=CALENDAR)
    response["Content-Disposition"] = 'inline; filename="backcare-reminders.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    make_private(response)
    return response
