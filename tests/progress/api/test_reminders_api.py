"""POST/GET/DELETE /api/reminders and GET /calendar/<key>.ics: a private calendar feed that
parses with icalendar, keeps its event UID, changes when the days change, and dies when
revoked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import icalendar
import pytest
from django.test import Client

from backcare.programs.models import Program
from backcare.progress.models import ReminderFeed

from .conftest import device, open_program, person, post, save_session, signed_in

pytestmark = pytest.mark.django_db

WEEKDAYS = {"days": ["mon", "wed", "fri"], "time": "07:30", "tz": "Europe/Madrid"}


def set_reminders(client: Client, body: dict[str, Any] | None = None) -> Any:
    return post(client, "/api/reminders", body or WEEKDAYS)


def fetch(url: str, client: Client | None = None) -> Any:
    """The feed as a calendar app fetches it: no cookie."""
    return (client or Client()).get(urlsplit(url).path)


def event_of(response: Any) -> Any:
    assert response.status_code == 200, response.content[:300]
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    return event


def test_setting_reminders_gives_a_private_calendar_link() -> None:
    phone = device()
    response = set_reminders(phone)
    assert response.status_code == 201, response.content
    body = response.json()
    assert {k: body[k] for k in ("days", "time", "tz")} == WEEKDAYS
    path = urlsplit(body["calendar_url"]).path
    assert body["calendar_url"].startswith("http") and path.startswith("/calendar/")
    assert path.endswith(".ics") and len(path) > len("/calendar/.ics") + 40
    assert phone.get("/api/reminders").json() == body
    feed = fetch(body["calendar_url"])
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in feed["Cache-Control"] and "no-store" in feed["Cache-Control"]
    event = event_of(feed)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert event["DTSTART"].dt.tzinfo is not None and event["DTSTART"].params["TZID"] == "Europe/Madrid"
    assert event["DTSTART"].dt.strftime("%H:%M") == "07:30"
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"


def test_the_event_keeps_its_uid_when_fetched_again_and_changes_when_the_days_change() -> None:
    phone = device()
    url = set_reminders(phone).json()["calendar_url"]
    first = event_of(fetch(url))
    again = event_of(fetch(url))
    assert str(first["UID"]) == str(again["UID"]) and int(again["SEQUENCE"]) == 0
    same = set_reminders(phone)  # the same choice again: nothing moves
    assert same.status_code == 200 and same.json()["calendar_url"] == url
    assert int(event_of(fetch(url))["SEQUENCE"]) == 0
    changed = set_reminders(phone, {**WEEKDAYS, "days": ["tue", "sat"]})
    assert changed.status_code == 200 and changed.json()["calendar_url"] == url
    moved = event_of(fetch(url))
    assert str(moved["UID"]) == str(first["UID"])
    assert int(moved["SEQUENCE"]) == 1
    assert moved["RRULE"]["BYDAY"] == ["TU", "SA"]
    assert ReminderFeed.objects.count() == 1


def test_the_event_names_what_the_person_follows(make_program: Callable[..., Program]) -> None:
    phone = device()
    url = set_reminders(phone).json()["calendar_url"]
    assert "http" in str(event_of(fetch(url))["URL"])
    save_session(phone)
    event = event_of(fetch(url))
    assert "Back Pain Relief Stretches" in str(event["SUMMARY"])
    assert "/routines/back-pain-relief-stretches-5-minute-real-time-routine/play/" in str(event["URL"])
    assert "minute" in str(event["DESCRIPTION"])
    program = make_program()
    open_program(phone, program, days_back=0)  # opened after the routine's session
    event = event_of(fetch(url))
    assert "Morning back care" in str(event["SUMMARY"])
    assert "Pelvic tilt" in str(event["DESCRIPTION"])
    assert f"/p/{program.share_key}/play/" in str(event["URL"])


def test_the_event_is_in_the_language_it_was_set_up_in() -> None:
    phone = device()
    save_session(phone)
    english = event_of(fetch(set_reminders(phone).json()["calendar_url"]))
    url = post(phone, "/api/reminders?lang=es", WEEKDAYS).json()["calendar_url"]
    spanish = event_of(fetch(url))
    assert str(spanish["DESCRIPTION"]) != str(english["DESCRIPTION"])


def test_revoking_kills_the_link_and_a_new_one_is_new() -> None:
    phone = device()
    url = set_reminders(phone).json()["calendar_url"]
    uid = str(event_of(fetch(url))["UID"])
    assert phone.delete("/api/reminders").status_code == 204
    assert fetch(url).status_code == 404
    assert phone.get("/api/reminders").json() is None
    assert phone.delete("/api/reminders").status_code == 204  # safe to repeat
    response = set_reminders(phone)
    assert response.status_code == 201
    new_url = response.json()["calendar_url"]
    assert new_url != url and fetch(url).status_code == 404
    assert str(event_of(fetch(new_url))["UID"]) != uid


def test_unknown_keys_are_404() -> None:
    for key in ("nope", "x" * 43, "x" * 200):
        assert Client().get(f"/calendar/{key}.ics").status_code == 404


@pytest.mark.parametrize(("body", "field"), [
    ({**WEEKDAYS, "days": []}, "days"),
    ({**WEEKDAYS, "days": ["monday"]}, "days"),
    ({**WEEKDAYS, "days": ["mon", "mon"]}, "days"),
    ({**WEEKDAYS, "time": "7.30"}, "time"),
    ({**WEEKDAYS, "time": "24:00"}, "time"),
    ({**WEEKDAYS, "tz": "Mars/Olympus"}, "tz"),
    ({"days": ["mon"], "time": "07:30"}, "tz"),
])
def test_bad_choices_are_422_naming_the_field(body: dict[str, Any], field: str) -> None:
    response = set_reminders(device(), body)
    assert response.status_code == 422, response.content
    assert field in [problem["loc"][-1] for problem in response.json()["detail"]]
    assert ReminderFeed.objects.count() == 0


def test_reminders_are_the_owner_s_own() -> None:
    phone = device()
    set_reminders(phone)
    stranger = device()
    assert stranger.get("/api/reminders").json() is None
    assert stranger.delete("/api/reminders").status_code == 204
    assert phone.get("/api/reminders").json() is not None  # the stranger revoked nothing
    ana = person()
    url = set_reminders(signed_in(ana, "phone")).json()["calendar_url"]
    laptop = signed_in(ana, "laptop")
    assert laptop.get("/api/reminders").json()["calendar_url"] == url
    assert device("laptop").get("/api/reminders").json() is None
