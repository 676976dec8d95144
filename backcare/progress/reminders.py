"""Reminders as a private calendar feed: the person picks days and a time, backcare gives
a link (``/calendar/<key>.ics``) any phone's calendar can subscribe to.

One live feed per owner. Setting the days, time or zone again keeps the key (the same
link, the same event UID) and bumps ``sequence`` when anything changed, so calendars move
the event instead of adding a second one. Revoking ends the link at once (404 from then
on); setting reminders again afterwards makes a new key. The event says what the person
follows now (:func:`backcare.progress.following.current_target`), each time it is fetched,
so it follows the plan as it changes.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation

from backcare.catalogue.library import get_library
from backcare.outcomes.calendar_feed import ReminderPlan, calendar_feed, check_reminder
from backcare.practice.owner import Owner
from backcare.progress.following import current_target, play_path, target_play
from backcare.progress.models import ReminderFeed
from backcare.site.database import sqlite_write_lock
from backcare.vocabulary import current, gettext, ngettext

#: Keys are this many random bytes, URL-safe (43 characters).
KEY_BYTES = 32
#: Longer than any key made; a longer one is not looked up.
LONGEST_KEY = 64
#: Where the event sends the person when nothing is followed yet.
LIBRARY_PATH = "/"


def live_feed(owner: Owner) -> ReminderFeed | None:
    """This owner's feed that has not been revoked, or None."""
    return owner.rows(ReminderFeed).filter(revoked_at__isnull=True).order_by("-created_at").first()


def plan_of(feed: ReminderFeed) -> ReminderPlan:
    return ReminderPlan(days=tuple(feed.days.split(",")), at=feed.time, tz=feed.tz)


def set_reminders(owner: Owner, days: Sequence[str], time_text: str, tz: str) -> ReminderFeed:
    """Make this owner's feed, or change the live one (same key; ``sequence`` + 1 when the
    days, time or zone changed). InputError names ``days``, ``time`` or ``tz``."""
    plan = check_reminder(days, time_text, tz)
    days_text = ",".join(plan.days)
    with sqlite_write_lock(), transaction.atomic():
        feed = live_feed(owner)
        if feed is not None:
            changed = (feed.days, feed.time.replace(second=0, microsecond=0), feed.tz) != (
                days_text, plan.at.replace(second=0, microsecond=0), plan.tz)
            feed.language = current()
            if changed:
                feed.days, feed.time, feed.tz = days_text, plan.at, plan.tz
                feed.sequence += 1
            feed.save()
            return feed
        return _new_feed(owner, plan)


def _new_feed(owner: Owner, plan: ReminderPlan, sequence: int = 0) -> ReminderFeed:
    try:
        with transaction.atomic():
            return ReminderFeed.objects.create(
                device=owner.device or "", user_id=owner.user_id,
                key=secrets.token_urlsafe(KEY_BYTES), days=",".join(plan.days), time=plan.at,
                tz=plan.tz, sequence=sequence, language=current())
    except IntegrityError:  # the same owner's other request made one first
        again = live_feed(owner)
        if again is None:
            raise
        return again


def revoke(owner: Owner) -> bool:
    """End this owner's live feed (its link answers 404 from now on); False if none."""
    with sqlite_write_lock(), transaction.atomic():
        return owner.rows(ReminderFeed).filter(revoked_at__isnull=True).update(
            revoked_at=timezone.now()) > 0


def reissue(owner: Owner) -> ReminderFeed:
    """A new link for the same reminders (the old one stops working); LookupError if none."""
    with sqlite_write_lock(), transaction.atomic():
        feed = live_feed(owner)
        if feed is None:
            raise LookupError("no reminders to re-issue")
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at", "updated_at"])
        return _new_feed(owner, plan_of(feed))


def feed_by_key(key: str) -> ReminderFeed | None:
    """The live feed with this key, else None (unknown, revoked, or not a key at all)."""
    if not key or len(key) > LONGEST_KEY:
        return None
    return ReminderFeed.objects.filter(key=key, revoked_at__isnull=True).first()


def feed_path(feed: ReminderFeed) -> str:
    return reverse("calendar_feed", args=[feed.key])


def calendar_url(request: HttpRequest, feed: ReminderFeed) -> str:
    """The feed's link, absolute: what the person pastes into a calendar."""
    return request.build_absolute_uri(feed_path(feed))


def feed_owner(feed: ReminderFeed) -> Owner:
    return Owner(device=feed.device or None, user_id=feed.user_id)


def feed_uid(feed: ReminderFeed) -> str:
    """The event's UID: the same for as long as the feed lives."""
    return f"reminder-{feed.pk}@backcare"


def event_words(feed: ReminderFeed) -> tuple[str, str, str, int]:
    """(summary, description, path to play, minutes) for what the owner follows now, in
    the language in force."""
    owner = feed_owner(feed)
    library = get_library()
    target = current_target(owner, library)
    if target is None:
        return (gettext("Time for your back exercises"),
                gettext("Pick a routine on backcare and follow along."), LIBRARY_PATH, 10)
    played = target_play(owner, target, library)
    seconds = played.timeline.total_seconds if played.timeline is not None else 0
    minutes = max(1, math.ceil(seconds / 60))
    names = list(dict.fromkeys(item.exercise.name for item in played.items))
    summary = gettext("Back exercises: {title}").format(title=target.title)
    lines = [ngettext("About {minutes} minute.", "About {minutes} minutes.", minutes)
             .format(minutes=minutes)]
    if names:
        lines.append(gettext("Today: {exercises}.").format(exercises=", ".join(names)))
    lines.append(gettext("Stop if anything makes your pain worse or spreads down a leg."))
    return summary, "\n".join(lines), play_path(target), minutes


def feed_bytes(feed: ReminderFeed, request: HttpRequest) -> bytes:
    """The feed as an iCalendar file, in the language it was set up in."""
    with translation.override(feed.language or None):
        summary, description, path, minutes = event_words(feed)
        url = request.build_absolute_uri(path)
        return calendar_feed(
            uid=feed_uid(feed), plan=plan_of(feed), sequence=feed.sequence, summary=summary,
            description=f"{description}\n{url}", url=url, minutes=minutes,
            first_day=timezone.localtime(feed.created_at).date(), stamp=timezone.now())
