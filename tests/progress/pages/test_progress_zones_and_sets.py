"""The progress pages count days and weeks where the person is (the ``backcare_tz`` cookie
their browser sets), keep the whole streak of weeks on goal, compare PSFS ratings only
while they name the same activities, show one weekly pain answer a week, and offer the
FHIR download only when something is saved."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from backcare.plans.suitability import day_text
from backcare.prescribing.adherence import monday_of
from backcare.progress.models import MeasureResponse
from tests.page_scripts import only_our_scripts

from .conftest import measure, session, visible

pytestmark = pytest.mark.django_db

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
SCRIPT = 'src="/static/progress/time_zone.js"'


def weeks_with_sessions(html: str) -> list[str]:
    """The "week starting" of each row of the weeks table with a session in it."""
    body = re.search(r'<table class="weeks-table">.*?</table>', html, re.S)
    assert body is not None
    rows = re.findall(r"<tr[^>]*><td>([^<]+?)\s*(?:<span[^>]*>[^<]*</span>)?</td><td>(\d+)</td>",
                      body.group(0))
    return [day.strip() for day, sessions in rows if sessions != "0"]


def sunday_evening_in_los_angeles() -> tuple[datetime, date]:
    today = datetime.now(LOS_ANGELES).date()
    sunday = monday_of(today) - timedelta(days=1, weeks=2)
    return datetime.combine(sunday, time(20), tzinfo=LOS_ANGELES), sunday


def test_a_sunday_evening_session_is_in_that_sunday_s_week_with_the_cookie(
        client: Client, device: str) -> None:
    started, sunday = sunday_evening_in_los_angeles()
    session(device, started)
    html = client.get("/progress/").content.decode()
    assert weeks_with_sessions(html) == [day_text(sunday + timedelta(days=1))]
    client.cookies["backcare_tz"] = "America/Los_Angeles"
    html = client.get("/progress/").content.decode()
    assert weeks_with_sessions(html) == [day_text(sunday - timedelta(days=6))]


def test_the_weekly_pain_question_is_due_by_the_person_s_own_days(client: Client,
                                                                  device: str) -> None:
    # Taken at the latest 20:00 in Los Angeles: already the next day in UTC.
    now = datetime.now(LOS_ANGELES)
    taken = datetime.combine(now.date(), time(20), tzinfo=LOS_ANGELES)
    if taken > now:
        taken -= timedelta(days=1)
    measure(device, "nprs", 5, taken)
    la_day = taken.date()
    for path in ("/progress/", "/progress/measures/nprs/"):
        assert f"next on {day_text(la_day + timedelta(days=8))}" in visible(
            client.get(path).content.decode())
    client.cookies["backcare_tz"] = "America/Los_Angeles"
    for path in ("/progress/", "/progress/measures/nprs/"):
        assert f"next on {day_text(la_day + timedelta(days=7))}" in visible(
            client.get(path).content.decode())


@pytest.mark.parametrize("path", ["/progress/", "/progress/measures/nprs/",
                                  "/progress/measures/psfs/", "/progress/reminders/"])
def test_every_progress_page_loads_the_time_zone_script(client: Client, path: str) -> None:
    html = client.get(path).content.decode()
    assert SCRIPT in html
    assert only_our_scripts(html)  # no inline script: the CSP forbids it


def test_the_streak_is_not_cut_at_the_eight_weeks_drawn(client: Client, device: str) -> None:
    this_monday = monday_of(timezone.localdate())
    for weeks_back in range(1, 11):
        for day in range(3):
            monday = this_monday - timedelta(weeks=weeks_back)
            session(device, datetime.combine(monday + timedelta(days=day), time(9), tzinfo=UTC))
    html = client.get("/progress/").content.decode()
    assert 'data-weeks="10"' in html
    assert "10 weeks in a row on your goal." in visible(html)
    assert html.count('class="bar on-goal') == 7  # eight weeks drawn, this one under way


def psfs(*names: str, rating: int) -> dict[str, dict[str, object]]:
    return {f"activity-{i + 1}": {"activity": name, "rating": rating}
            for i, name in enumerate(names)}


def test_new_activities_start_a_new_comparison_and_the_page_says_so(
        client: Client, device: str) -> None:
    now = timezone.now()
    measure(device, "psfs", 2, now - timedelta(weeks=3), answers=psfs("Socks", rating=2))
    measure(device, "psfs", 3, now - timedelta(weeks=2), answers=psfs("socks", rating=3))
    text = visible(client.get("/progress/").content.decode())
    assert "You named different activities" not in text
    started = now - timedelta(weeks=1)
    measure(device, "psfs", 9, started, answers=psfs("Gardening", "Stairs", rating=9))
    html = client.get("/progress/").content.decode()
    text = visible(html)
    assert (f"You named different activities on {day_text(timezone.localdate(started))}, "
            "so their change is counted from that day.") in text
    section = re.search(r'<section class="measure"[^>]*data-measure="psfs".*?</section>',
                        html, re.S)
    assert section is not None
    assert re.findall(r"<tr[^>]*><td>[^<]+</td><td>([\d.,]+)</td>", section.group(0)) == ["9"]
    assert 'data-meaningful="better"' not in html  # not 2 -> 9 across different activities


def test_saving_different_activities_says_their_change_starts_today(client: Client,
                                                                    device: str) -> None:
    measure(device, "psfs", 3, timezone.now() - timedelta(weeks=1),
            answers=psfs("Putting on socks", rating=3))
    form = {"activity-1-activity": "Carrying shopping", "activity-1-rating": "4"}
    response = client.post("/progress/measures/psfs/", form, follow=True)
    assert response.status_code == 200
    text = visible(response.content.decode())
    assert "You named different activities, so their change is counted from today." in text
    same = {"activity-1-activity": "carrying shopping", "activity-1-rating": "5"}
    text = visible(client.post("/progress/measures/psfs/", same, follow=True).content.decode())
    assert "You named different activities, so" not in text
    assert MeasureResponse.objects.filter(device=device, measure="psfs").count() == 3


def test_one_weekly_pain_answer_a_week_in_the_table(client: Client, device: str) -> None:
    this_monday = monday_of(timezone.localdate())
    last_week = this_monday - timedelta(weeks=1)
    measure(device, "nprs", 8, datetime.combine(last_week - timedelta(weeks=1), time(9),
                                                tzinfo=UTC))
    measure(device, "nprs", 6, datetime.combine(last_week, time(9), tzinfo=UTC))
    measure(device, "nprs", 5, datetime.combine(last_week + timedelta(days=2), time(9),
                                                tzinfo=UTC))
    html = client.get("/progress/").content.decode()
    section = re.search(r'<section class="measure"[^>]*data-measure="nprs".*?</section>',
                        html, re.S)
    assert section is not None
    assert re.findall(r"<tr[^>]*><td>[^<]+</td><td>([\d.,]+)</td>", section.group(0)) == [
        "8", "5"]


def test_a_browser_with_nothing_saved_is_not_offered_an_empty_download() -> None:
    html = Client().get("/progress/").content.decode()
    assert 'href="/api/fhir/bundle"' not in html
    assert "Nothing is saved yet" in visible(html)
