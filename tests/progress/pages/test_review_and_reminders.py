"""This week's review card (accept / not now) and the reminders page (set, revoke, renew)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from backcare.progress.models import ReminderFeed, ReviewDecision

from .conftest import DISCLAIMER_ES, in_week, measure, session, visible, weeks_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_track(device: str) -> str:
    """Two weeks and more on goal, no flare and pain improving: ready for a step up."""
    for week in (1, 2, 3):
        for day in (0, 2, 4):
            session(device, in_week(week, day), pain_before=4, pain_after=3)
    measure(device, "nprs", 6, weeks_ago(3))
    measure(device, "nprs", 4, weeks_ago(1))
    return device


def review_section(html: str) -> str:
    return re.search(r'<section class="review-card".*?</section>', html, re.S).group(0)


def test_the_card_shows_the_change_and_why(client: Client, on_track: str) -> None:
    card = review_section(client.get("/progress/").content.decode())
    assert 'data-change="step-up"' in card
    text = visible(card)
    assert "Why:" in text
    assert 'name="accept" value="yes"' in card and 'name="accept" value="no"' in card


def shown_key(client: Client) -> str:
    card = review_section(client.get("/progress/").content.decode())
    found = re.search(r'<input type="hidden" name="key" value="([^"]+)">', card)
    assert found, "the review form sends the suggestion's key"
    return found.group(1)


def test_the_form_sends_the_key_of_the_suggestion_shown(client: Client, on_track: str) -> None:
    key = shown_key(client)
    assert key.startswith("step-up:")
    response = client.post("/progress/review/", {"accept": "yes", "key": key})
    assert response.status_code == 302
    assert ReviewDecision.objects.get(device=on_track).key == key


def test_accepting_a_suggestion_that_changed_since_keeps_nothing(client: Client,
                                                                 on_track: str) -> None:
    key = shown_key(client)
    # Meanwhile two sessions made the pain flare: the suggestion is now a rep fewer.
    now = timezone.now()
    for hours in (3, 1):
        session(on_track, now - timedelta(hours=hours), pain_before=2, pain_after=5)
    response = client.post("/progress/review/", {"accept": "yes", "key": key})
    assert response.status_code == 302
    assert not ReviewDecision.objects.exists()
    page = client.get("/progress/").content.decode()
    assert "This week's suggestion changed since you opened the page" in visible(page)
    assert 'data-change="fewer-reps"' in review_section(page)
    assert shown_key(client) == "fewer-reps:*"


def test_the_week_answered_is_the_person_s(client: Client, device: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # 20:00 UTC on a Sunday: already Monday at UTC+14.
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    sunday = datetime.combine(yesterday - timedelta(days=(yesterday.weekday() + 1) % 7),
                              time(20), tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: sunday)
    for hours in (30, 6):
        session(device, sunday - timedelta(hours=hours), pain_before=2, pain_after=5)
    client.cookies["backcare_tz"] = "Pacific/Kiritimati"
    assert client.post("/progress/review/", {"accept": "no"}).status_code == 302
    assert ReviewDecision.objects.get(device=device).week == sunday.date() + timedelta(days=1)


def test_accepting_keeps_the_change_and_lists_it(client: Client, on_track: str) -> None:
    response = client.post("/progress/review/", {"accept": "yes"})
    assert response.status_code == 302 and response["Location"].startswith("/progress/")
    decision = ReviewDecision.objects.get(device=on_track)
    assert decision.accepted and decision.change == "step-up"
    page = client.get("/progress/").content.decode()
    card = review_section(page)
    assert "Changes you accepted" in visible(card)
    assert 'name="accept"' not in card  # answered for this week
    assert "Done: the change is in your exercises" in visible(page)


def test_not_now_is_remembered(client: Client, on_track: str) -> None:
    response = client.post("/progress/review/", {"accept": "no"})
    assert response.status_code == 302
    assert not ReviewDecision.objects.get(device=on_track).accepted
    page = client.get("/progress/").content.decode()
    assert "we will not suggest this again for four weeks" in visible(page)
    assert "Changes you accepted" not in page


@pytest.mark.parametrize("value", ["", "maybe", "true"])
def test_a_bad_answer_is_a_400_beside_the_card(client: Client, on_track: str, value: str) -> None:
    response = client.post("/progress/review/", {"accept": value})
    assert response.status_code == 400
    assert 'id="review-error"' in review_section(response.content.decode())
    assert not ReviewDecision.objects.exists()


def test_nothing_to_decide_goes_back_with_a_note(client: Client) -> None:
    response = client.post("/progress/review/", {"accept": "yes"})
    assert response.status_code == 302
    assert "There is nothing left to decide this week." in visible(
        client.get("/progress/").content.decode())


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_reminders_page_renders_with_the_disclaimer(client: Client, prefix: str) -> None:
    response = client.get(f"{prefix}/progress/reminders/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert prefix != "/es" or DISCLAIMER_ES in html
    assert html.count('type="checkbox"') == 7
    assert '<option selected>UTC</option>' in html
    assert "<option>Europe/Madrid</option>" in html


def test_setting_reminders_gives_a_private_calendar_link(client: Client, device: str) -> None:
    response = client.post("/progress/reminders/", {"days": ["mon", "thu"], "time": "07:30",
                                                    "tz": "Europe/Madrid"})
    assert response.status_code == 302 and response["Location"] == "/progress/reminders/"
    feed = ReminderFeed.objects.get(device=device)
    html = client.get("/progress/reminders/").content.decode()
    assert f'href="webcal://testserver/calendar/{feed.key}.ics"' in html
    assert f'value="http://testserver/calendar/{feed.key}.ics"' in html
    assert "Reminders on Monday, Thursday at 07:30 (Europe/Madrid)." in visible(html)
    assert 'id="day-mon" name="days" value="mon" checked' in html
    assert "Reminders on Monday, Thursday" in visible(client.get("/progress/").content.decode())


@pytest.mark.parametrize(("form", "field"), [
    ({"time": "07:30", "tz": "Europe/Madrid"}, "days"),
    ({"days": ["funday"], "time": "07:30", "tz": "Europe/Madrid"}, "days"),
    ({"days": ["mon"], "time": "25:00", "tz": "Europe/Madrid"}, "time"),
    ({"days": ["mon"], "time": "", "tz": "Europe/Madrid"}, "time"),
    ({"days": ["mon"], "time": "07:30", "tz": "Mars/Olympus"}, "tz"),
])
def test_bad_reminders_are_a_400_naming_the_field(client: Client, form: dict[str, object],
                                                  field: str) -> None:
    response = client.post("/progress/reminders/", form)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="{field}-error"' in html
    assert not ReminderFeed.objects.exists()


def test_revoking_and_renewing_the_link(client: Client, device: str) -> None:
    client.post("/progress/reminders/", {"days": ["sat"], "time": "09:00", "tz": "UTC"})
    first = ReminderFeed.objects.get(device=device).key
    assert client.post("/progress/reminders/new-link/").status_code == 302
    second = ReminderFeed.objects.get(device=device, revoked_at__isnull=True).key
    assert second != first
    html = client.get("/progress/reminders/").content.decode()
    assert second in html and first not in html
    assert client.post("/progress/reminders/revoke/").status_code == 302
    assert not ReminderFeed.objects.filter(device=device, revoked_at__isnull=True).exists()
    html = client.get("/progress/reminders/").content.decode()
    assert "webcal://" not in html and "The link is revoked" in visible(html)
    assert client.get(f"/calendar/{second}.ics").status_code == 404


def test_revoking_with_no_link_is_harmless(client: Client) -> None:
    assert client.post("/progress/reminders/revoke/").status_code == 302
    assert client.post("/progress/reminders/new-link/").status_code == 302
    assert "There is no link" in visible(client.get("/progress/reminders/").content.decode())
