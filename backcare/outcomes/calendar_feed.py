"""Reminders as a private calendar feed any phone can subscribe to (iCalendar, RFC 5545).

:func:`check_reminder` checks what the person chose — days of the week, a time, their time
zone — and gives a :class:`ReminderPlan`. :func:`calendar_feed` writes the feed with the
icalendar library: one weekly event (``RRULE:FREQ=WEEKLY;BYDAY=...``) at that time in that
zone (``DTSTART;TZID=...`` with its ``VTIMEZONE``) and one alarm at its start. One event
on each chosen day, one alarm each: never more than one reminder a day.

The event keeps the UID it is given, so a calendar app that fetches the feed again
updates the event it has instead of adding another; ``sequence`` goes up when the plan
changes.

Plain Python: no Django here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from backcare.content.plain_text import quote
from backcare.plans.errors import InputError
from backcare.vocabulary import gettext

if TYPE_CHECKING:
    import icalendar

#: The days, Monday first, as the API names them, with iCalendar's names.
DAYS: dict[str, str] = {
    "mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU",
}
PRODID = "-//backcare//reminders//EN"
#: How often a calendar app should fetch the feed again.
REFRESH = timedelta(hours=12)

_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
#: Names zoneinfo may know that are not a place's time zone.
_NOT_A_ZONE = frozenset({"localtime", "posixrules", "Factory"})


@dataclass(frozen=True)
class ReminderPlan:
    days: tuple[str, ...]         # "mon".."sun", in that order, each once
    at: time
    tz: str                       # an IANA time zone, e.g. "Europe/Madrid"


def check_reminder(days: Sequence[str], time_text: str, tz: str) -> ReminderPlan:
    """The plan, or InputError naming each bad field ("days", "time", "tz")."""
    errors: dict[str, str] = {}
    chosen = _check_days(days, errors)
    at = _check_time(time_text, errors)
    zone = _check_zone(tz, errors)
    if errors or at is None or zone is None:  # each None comes with its error
        raise InputError(errors)
    return ReminderPlan(days=chosen, at=at, tz=zone)


def _check_days(days: object, errors: dict[str, str]) -> tuple[str, ...]:
    allowed = ", ".join(DAYS)
    if isinstance(days, str) or not isinstance(days, Sequence):
        errors["days"] = gettext("must be a list of days, each one of: {choices}").format(
            choices=allowed)
        return ()
    if not days:
        errors["days"] = gettext("choose at least one day, from: {choices}").format(
            choices=allowed)
        return ()
    seen: set[str] = set()
    for day in days:
        if not isinstance(day, str) or day not in DAYS:
            errors["days"] = gettext("{value} is not a day; each must be one of: {choices}").format(
                value=quote(day), choices=allowed)
            return ()
        if day in seen:
            errors["days"] = gettext("{value} is chosen twice; choose each day once").format(
                value=quote(day))
            return ()
        seen.add(day)
    return tuple(d for d in DAYS if d in seen)


def _check_time(time_text: object, errors: dict[str, str]) -> time | None:
    match = _TIME.fullmatch(time_text) if isinstance(time_text, str) else None
    if match is None:
        errors["time"] = gettext(
            "must be a time of day as HH:MM, from 00:00 to 23:59 (for example 07:30)")
        return None
    return time(int(match[1]), int(match[2]))


def _check_zone(tz: object, errors: dict[str, str]) -> str | None:
    if isinstance(tz, str) and tz in _known_zones():
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return tz
    if not isinstance(tz, str) or not tz.strip():
        errors["tz"] = gettext("choose a time zone, such as Europe/Madrid or America/New_York")
    else:
        errors["tz"] = gettext(
            "{value} is not a time zone we know; give one such as Europe/Madrid or "
            "America/New_York").format(value=quote(tz))
    return None


def known_zone(tz: object) -> ZoneInfo | None:
    """The IANA zone named ``tz``, or None when it is not one we accept."""
    errors: dict[str, str] = {}
    name = _check_zone(tz, errors)
    return ZoneInfo(name) if name is not None else None


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones()) - _NOT_A_ZONE


def first_start(plan: ReminderPlan, first_day: date) -> datetime:
    """The first reminder: the first chosen weekday on or after ``first_day``, at the
    plan's time in its zone."""
    weekdays = {list(DAYS).index(d) for d in plan.days}
    day = next(first_day + timedelta(days=i) for i in range(7)
               if (first_day + timedelta(days=i)).weekday() in weekdays)
    return datetime.combine(day, plan.at, tzinfo=ZoneInfo(plan.tz))


def calendar_feed(*, uid: str, plan: ReminderPlan, sequence: int, summary: str,
                  description: str, url: str, minutes: int, first_day: date,
                  stamp: datetime) -> bytes:
    """The feed as iCalendar bytes: one weekly event on the plan's days with one alarm."""
    if minutes < 1:
        raise ValueError("minutes must be at least 1")
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    import icalendar  # here: only a feed needs it (and every page checks zones with this module)

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", summary)
    calendar.add("x-wr-timezone", plan.tz)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", first_start(plan, first_day))
    event.add("duration", timedelta(minutes=minutes))
    event.add("rrule", {"FREQ": "WEEKLY", "BYDAY": [DAYS[d] for d in plan.days]})
    event.add("sequence", sequence)
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")   # a reminder, not a busy slot

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(0))
    alarm.add("description", summary)
    event.add_component(alarm)

    for tzid in sorted(_used_zones(event)):
        calendar.add_component(_vtimezone(tzid, first_day.year))
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def _used_zones(event: icalendar.Event) -> set[str]:
    """The TZIDs the event refers to (none when the zone is written as UTC, "Z")."""
    tzid = event["DTSTART"].params.get("TZID")
    return {str(tzid)} if tzid else set()


@cache
def _vtimezone(tzid: str, from_year: int) -> icalendar.Timezone:
    import icalendar

    """The zone's VTIMEZONE from the start of ``from_year`` to at least ten years on."""
    last = max(date(2038, 1, 1), date(from_year + 10, 1, 1))
    return icalendar.Timezone.from_tzid(tzid, first_date=date(from_year, 1, 1), last_date=last)
