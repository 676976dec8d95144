"""/progress/reminders/: pick days and a time, get a private calendar link to subscribe to.

The feed itself (``/calendar/<key>.ics``) is :mod:`backcare.progress.reminders`' work; this
page sets it (days, time, time zone), shows the link (``webcal://`` for a phone's calendar,
``https://`` to paste), revokes it or makes a new one. Forms post and redirect back; bad
input answers 400 with the form again, each problem beside its field.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from backcare.plans.errors import InputError
from backcare.practice.owner import owner_of
from backcare.progress import reminders
from backcare.progress.models import ReminderFeed
from backcare.progress.writing import writing_owner
from backcare.progress.zones import in_person_zone
from backcare.site.personal import personal
from backcare.vocabulary import Labels, gettext, gettext_noop

#: The days a reminder can fall on, Monday first, as the feed names them.
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = Labels({
    "mon": gettext_noop("Monday"), "tue": gettext_noop("Tuesday"),
    "wed": gettext_noop("Wednesday"), "thu": gettext_noop("Thursday"),
    "fri": gettext_noop("Friday"), "sat": gettext_noop("Saturday"),
    "sun": gettext_noop("Sunday"),
})
#: What the form shows before any reminder is set.
DEFAULT_TIME = "18:00"
FIELDS = ("days", "time", "tz")


#: The regions of the time zone database's place names ("Europe/Madrid"); the rest are
#: old aliases ("US/Eastern", "GB") that name the same zones again.
REGIONS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
           "Europe", "Indian", "Pacific")


@cache
def time_zones() -> tuple[str, ...]:
    """The time zones to choose from, by place, in order, and UTC."""
    return tuple(sorted(zone for zone in zoneinfo.available_timezones()
                        if zone.split("/", 1)[0] in REGIONS)) + ("UTC",)


def zone_choices(chosen: object) -> tuple[str, ...]:
    """The list, with the zone already chosen in it even when it is an alias."""
    zones = time_zones()
    if isinstance(chosen, str) and chosen and chosen not in zones \
            and chosen in zoneinfo.available_timezones():
        return (chosen, *zones)
    return zones


def feed_days(feed: ReminderFeed) -> list[str]:
    return [d for d in feed.days.split(",") if d in DAYS]


def days_text(days: Sequence[str]) -> str:
    return ", ".join(DAY_NAMES[d] for d in days if d in DAYS)


def summary(feed: ReminderFeed | None) -> str:
    """One line for /progress/: when the reminders come, or that there are none."""
    if feed is None:
        return gettext("No reminders yet.")
    return gettext("Reminders on {days} at {time} ({zone}).").format(
        days=days_text(feed_days(feed)), time=f"{feed.time:%H:%M}", zone=feed.tz)


def form_problem(field: str, days: Sequence[str]) -> str:
    """What to do about a field the feed refused, in the form's own terms."""
    if field == "time":
        return gettext("Give a time of day, such as 07:30.")
    if field == "tz":
        return gettext("Choose your time zone from the list.")
    if not days:
        return gettext("Tick at least one day.")
    return gettext("Tick days from the list, each once.")


@dataclass(frozen=True)
class Links:
    https: str
    webcal: str


def links_for(request: HttpRequest, feed: ReminderFeed) -> Links:
    https = reminders.calendar_url(request, feed)
    return Links(https=https, webcal="webcal://" + https.split("://", 1)[-1])


def _page(request: HttpRequest, *, values: Mapping[str, object],
          errors: Mapping[str, str] | None = None, status: int = 200,
          browser_zone: bool = False) -> HttpResponse:
    """The page; ``browser_zone``: the time zone list starts at the browser's own zone
    (``time_zone.js``), as nothing was chosen yet."""
    owner = owner_of(request)
    feed = reminders.live_feed(owner) if owner.known else None
    days = values.get("days")
    chosen = [str(d) for d in days] if isinstance(days, list) else []
    return render(request, "progress/reminders.html", {
        "feed": feed,
        "links": links_for(request, feed) if feed is not None else None,
        "summary": summary(feed),
        "days": [(code, DAY_NAMES[code], code in chosen) for code in DAYS],
        "values": values,
        "zones": zone_choices(values.get("tz")),
        "browser_zone": browser_zone and feed is None,
        "errors": errors or {},
        "nav": "progress",
    }, status=status)


@never_cache
@personal
@require_http_methods(["GET", "HEAD", "POST"])
@in_person_zone
def reminders_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        owner = owner_of(request)
        feed = reminders.live_feed(owner) if owner.known else None
        values: dict[str, object] = {"days": [], "time": DEFAULT_TIME, "tz": settings.TIME_ZONE}
        if feed is not None:
            values = {"days": feed_days(feed), "time": f"{feed.time:%H:%M}", "tz": feed.tz}
        return _page(request, values=values, browser_zone=feed is None)
    days = request.POST.getlist("days")
    time_text = request.POST.get("time", "").strip()
    tz = request.POST.get("tz", "").strip()
    posted = {"days": days, "time": time_text, "tz": tz}
    response = HttpResponseRedirect(reverse("progress:reminders"))
    try:
        reminders.set_reminders(writing_owner(request, response), days, time_text, tz)
    except InputError as error:
        found = {field: form_problem(field, days) for field in error.errors if field in FIELDS}
        return _page(request, values=posted, errors=found or {"days": form_problem("days", days)},
                     status=400)
    messages.success(request, gettext("Your reminders are saved. Add the link below to your "
                                      "phone's calendar to get them."))
    return response


@never_cache
@personal
@require_POST
@in_person_zone
def revoke(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    if owner.known and reminders.live_feed(owner) is not None:
        reminders.revoke(owner)
        messages.success(request, gettext("The link is revoked: a calendar that used it gets "
                                          "no more reminders from it."))
    else:
        messages.info(request, gettext("There is no link to revoke."))
    return HttpResponseRedirect(reverse("progress:reminders"))


@never_cache
@personal
@require_POST
@in_person_zone
def reissue(request: HttpRequest) -> HttpResponse:
    """"Make a new link": the same reminders at a new address; the old one stops working."""
    owner = owner_of(request)
    if not owner.known or reminders.live_feed(owner) is None:
        messages.info(request, gettext("There is no link to replace yet: choose days and a "
                                       "time first."))
    else:
        try:
            reminders.reissue(owner)
        except LookupError:
            messages.info(request, gettext("There is no link to replace yet: choose days and "
                                           "a time first."))
        else:
            messages.success(request, gettext("Here is your new link. The old one no longer "
                                              "works."))
    return HttpResponseRedirect(reverse("progress:reminders"))
