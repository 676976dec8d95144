"""The reminders' calendar feed: what the person chose is checked, the feed parses with
the icalendar library, keeps its event's UID, changes with the days, carries its time
zone, and never reminds twice on one day."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

import icalendar
import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from backcare.outcomes.calendar_feed import DAYS, ReminderPlan, calendar_feed, check_reminder
from backcare.plans.errors import InputError

UID = "reminders-3f9a2c@backcare"
STAMP = datetime(2025, 3, 5, 10, 0, tzinfo=UTC)
FIRST_DAY = date(2025, 3, 5)   # a Wednesday


def _feed(plan: ReminderPlan, *, sequence: int = 0, first_day: date = FIRST_DAY) -> bytes:
    return calendar_feed(uid=UID, plan=plan, sequence=sequence, summary="Time for your back",
                         description="Your routine takes about 12 minutes.",
                         url="https://backcare.example/routines/gentle/play/", minutes=12,
                         first_day=first_day, stamp=STAMP)


def _parse(feed: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(feed)


def _event(feed: bytes) -> icalendar.Event:
    (event,) = _parse(feed).walk("VEVENT")
    return event


# -- check_reminder -------------------------------------------------------------------------

def test_days_come_back_monday_first_and_the_time_as_a_time() -> None:
    plan = check_reminder(["sun", "wed", "mon"], "07:30", "Europe/Madrid")
    assert plan == ReminderPlan(days=("mon", "wed", "sun"), at=time(7, 30), tz="Europe/Madrid")
    assert check_reminder(list(DAYS), "23:59", "UTC").days == tuple(DAYS)


@pytest.mark.parametrize(("days", "shown"), [
    (["mon", "funday"], "'funday'"),
    (["Mon"], "'Mon'"),
    (["mon", "mon"], "twice"),
    ([], "at least one day"),
    ("mon", "list of days"),
    ([3], "3"),
])
def test_bad_days_name_the_field_the_value_and_the_days_allowed(days: list[str],
                                                                shown: str) -> None:
    with pytest.raises(InputError) as caught:
        check_reminder(days, "07:30", "Europe/Madrid")
    assert set(caught.value.errors) == {"days"}
    assert shown in caught.value.errors["days"]
    if shown not in ("twice",):
        assert "mon, tue, wed, thu, fri, sat, sun" in caught.value.errors["days"]


@pytest.mark.parametrize("text", ["24:00", "7:30", "07:60", "0730", "07:30:00", "", " 07:30",
                                  "7pm", "07:30\n"])
def test_a_bad_time_names_the_field(text: str) -> None:
    with pytest.raises(InputError) as caught:
        check_reminder(["mon"], text, "Europe/Madrid")
    assert set(caught.value.errors) == {"time"}
    assert "HH:MM" in caught.value.errors["time"]


@pytest.mark.parametrize("zone", ["", "localtime", "/etc/localtime", "../../etc/passwd",
                                  "Europe/Nowhere", "europe/madrid", "posixrules", "Factory",
                                  "Europe/Madrid/..", "Europe\\Madrid"])
def test_a_bad_time_zone_names_the_field(zone: str) -> None:
    with pytest.raises(InputError) as caught:
        check_reminder(["mon"], "07:30", zone)
    assert set(caught.value.errors) == {"tz"}
    assert "Europe/Madrid" in caught.value.errors["tz"]


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(InputError) as caught:
        check_reminder(["someday"], "25:00", "Mars/Olympus")
    assert set(caught.value.errors) == {"days", "time", "tz"}


# -- calendar_feed --------------------------------------------------------------------------

def test_the_feed_parses_with_one_weekly_event_and_one_alarm() -> None:
    feed = _feed(check_reminder(["mon", "wed", "fri"], "07:30", "Europe/Madrid"), sequence=2)
    calendar = _parse(feed)
    assert str(calendar["PRODID"]) == "-//backcare//reminders//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Time for your back"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in feed
    assert b"X-PUBLISHED-TTL:PT12H" in feed
    (event,) = calendar.walk("VEVENT")
    (alarm,) = calendar.walk("VALARM")
    assert str(event["UID"]) == UID
    assert event.decoded("DTSTAMP") == STAMP
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert event.decoded("DURATION") == timedelta(minutes=12)
    assert int(event["SEQUENCE"]) == 2
    assert str(event["URL"]) == "https://backcare.example/routines/gentle/play/"
    assert str(event["DESCRIPTION"]) == "Your routine takes about 12 minutes."
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)
    assert str(alarm["DESCRIPTION"])


def test_it_starts_on_the_first_chosen_day_at_the_time_in_the_persons_zone() -> None:
    feed = _feed(check_reminder(["mon", "fri"], "07:30", "Europe/Madrid"))
    event = _event(feed)
    assert event["DTSTART"].params["TZID"] == "Europe/Madrid"
    assert b"DTSTART;TZID=Europe/Madrid:20250307T073000" in feed   # Friday after Wed 5th
    start = event.decoded("DTSTART")
    assert start == datetime(2025, 3, 7, 7, 30, tzinfo=ZoneInfo("Europe/Madrid"))
    (zone,) = _parse(feed).walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Madrid"
    # The day itself counts when it is one of the chosen days.
    wednesday = _event(_feed(check_reminder(["wed"], "18:00", "Europe/Madrid")))
    assert wednesday.decoded("DTSTART").date() == FIRST_DAY


def test_the_uid_is_kept_and_the_feed_changes_with_the_days() -> None:
    before = _feed(check_reminder(["mon", "wed"], "07:30", "America/New_York"))
    after = _feed(check_reminder(["tue", "sat"], "07:30", "America/New_York"), sequence=1)
    assert before != after
    assert str(_event(before)["UID"]) == str(_event(after)["UID"]) == UID
    assert _event(after)["RRULE"]["BYDAY"] == ["TU", "SA"]
    again = _feed(check_reminder(["wed", "mon"], "07:30", "America/New_York"))
    assert again == before   # the same plan gives the same bytes


def test_utc_is_written_as_utc() -> None:
    event = _event(_feed(check_reminder(["sun"], "23:59", "UTC")))
    assert event.decoded("DTSTART") == datetime(2025, 3, 9, 23, 59, tzinfo=UTC)


ZONES = sorted(available_timezones() - {"localtime", "posixrules", "Factory"})


@settings(max_examples=150, deadline=None)
@given(days=st.lists(st.sampled_from(list(DAYS)), min_size=1, max_size=7, unique=True),
       hour=st.integers(0, 23), minute=st.integers(0, 59), zone=st.sampled_from(ZONES),
       first_day=st.dates(date(2024, 1, 1), date(2032, 12, 31)))
def test_never_two_reminders_on_one_day(days: list[str], hour: int, minute: int, zone: str,
                                        first_day: date) -> None:
    plan = check_reminder(days, f"{hour:02}:{minute:02}", zone)
    feed = _feed(plan, first_day=first_day)
    calendar = _parse(feed)
    (event,) = calendar.walk("VEVENT")
    assert len(calendar.walk("VALARM")) == 1
    start = event.decoded("DTSTART")
    tzid = event["DTSTART"].params.get("TZID")
    if tzid is None:   # written as UTC
        assert start.utcoffset() == timedelta(0)
    else:
        assert tzid == zone
        assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == [zone]
    assert first_day <= start.date() < first_day + timedelta(days=7)
    rule = rrulestr("RRULE:" + event["RRULE"].to_ical().decode(), dtstart=start)
    local = ZoneInfo(zone)
    occurrences = list(rule.between(start, start + timedelta(weeks=8), inc=True))
    per_day = Counter(o.astimezone(local).date() for o in occurrences)
    assert max(per_day.values()) == 1
    chosen = {list(DAYS).index(d) for d in days}
    assert {o.weekday() for o in occurrences} == chosen
    assert len(occurrences) == 8 * len(days) + (1 if start.weekday() in chosen else 0)
