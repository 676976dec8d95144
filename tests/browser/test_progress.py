"""Issue #15 in a real browser: take the STarT Back and the weekly pain question on their
pages, log sessions over several weeks (posted to /api/sessions from the page, dated in
past weeks, as a player that saved them then would), answer the pain question again a
later week, and see /progress/ mark the meaningful change and the weeks on goal.

The second pain answer is a later week's: the first one's ``taken_at`` is moved three
weeks back in the database (the page refuses a second answer within a week).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backcare.progress.models import MeasureResponse

from .conftest import guarded_page, serious_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
#: The STarT Back answers: agree to 1, 3 and 5, "slightly" bothersome: low.
START_BACK = {"q1": "1", "q2": "0", "q3": "1", "q4": "0", "q5": "1", "q6": "0", "q7": "0",
              "q8": "0", "q9": "1"}

POST_SESSION = """async (body) => {
  const token = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
  const response = await fetch("/api/sessions", {
    method: "POST", credentials: "same-origin",
    headers: {"Content-Type": "application/json",
              "X-CSRFToken": decodeURIComponent(token.split("=")[1])},
    body: JSON.stringify(body)});
  return response.status;
}"""


def monday(weeks_back: int) -> datetime:
    today = datetime.now(UTC).date()
    day = today - timedelta(days=today.weekday(), weeks=weeks_back)
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def session_body(started: datetime) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "routine": FIVE_MINUTE, "plan": None,
            "started_at": started.isoformat(),
            "ended_at": (started + timedelta(minutes=5)).isoformat(),
            "pain_before": 5, "pain_after": 4, "feeling": "better", "steps_done": 13,
            "steps_total": 13, "stopped_for_pain": False}


def answer_pain(page: Any, pain: int) -> None:
    page.goto("/progress/")
    page.get_by_role("link", name="Rate your pain over the last week").click()
    page.wait_for_url("**/progress/measures/nprs/")
    page.locator(f'input[name="pain"][value="{pain}"]').check()
    page.get_by_role("button", name="Save my answers").click()
    page.wait_for_url("**/progress/")
    assert "your answers to Pain over the last week are saved" in page.locator(
        ".messages").inner_text()


def test_measures_and_weeks_show_the_meaningful_change(browser: Any, live_server: Any) -> None:
    errors: list[str] = []
    with guarded_page(browser, live_server, viewport={"width": 1024, "height": 1400}) as page:
        page.on("pageerror", lambda error: errors.append(str(error)))

        # STarT Back, on its page: first a missing answer, shown beside its question.
        page.goto("/progress/")
        page.get_by_role("link", name="Answer the questions: How your back is affecting you").click()
        page.wait_for_url("**/progress/measures/start-back/")
        for item, value in START_BACK.items():
            if item != "q9":
                page.locator(f'input[name="{item}"][value="{value}"]').check()
        page.get_by_role("button", name="Save my answers").click()
        assert page.locator("#q9-error").is_visible()
        assert page.locator('input[name="q1"][value="1"]').is_checked()  # answers kept
        page.locator('input[name="q9"][value="1"]').check()
        page.get_by_role("button", name="Save my answers").click()
        page.wait_for_url("**/progress/")
        result = page.locator(".start-back-result").inner_text()
        assert result and "risk" not in result.lower()
        assert "© Keele University 01/08/07" in page.locator("section.start-back").inner_text()

        # The weekly pain question: 6 now.
        answer_pain(page, 6)
        assert page.get_by_role("link", name="Rate your pain over the last week").count() == 0

        # Sessions over three past weeks, three a week (the default goal), posted as a
        # player that saved them then would.
        for week in (1, 2, 3):
            for day in (0, 2, 4):
                status = page.evaluate(POST_SESSION,
                                       session_body(monday(week) + timedelta(days=day)))
                assert status == 201, status

        # The first pain answer was three weeks ago; this week's is 3.
        first = MeasureResponse.objects.get(measure="nprs")
        first.taken_at = monday(3) + timedelta(hours=3)
        first.save(update_fields=["taken_at"])
        answer_pain(page, 3)

        change = page.locator('section[data-measure="nprs"] .change')
        assert change.get_attribute("data-meaningful") == "better"
        assert "large enough to matter" in change.inner_text()
        assert page.locator("#nprs-chart .point.meaningful").count() == 1
        assert page.locator("#nprs-chart > title").text_content()
        weeks = page.locator(".weeks-on-goal")
        assert weeks.get_attribute("data-weeks") == "3"
        assert "3 weeks in a row on your goal" in weeks.inner_text()
        assert page.locator("#weeks-chart .bar.on-goal").count() == 3

        # The review card and the page are accessible as they stand.
        assert serious_axe_violations(page) == []
        page.goto("/progress/measures/psfs/")
        assert serious_axe_violations(page) == []
    assert errors == []


def test_reminders_take_the_browsers_time_zone_and_give_a_calendar(
        browser: Any, live_server: Any) -> None:
    with guarded_page(browser, live_server, timezone_id="Europe/Madrid") as page:
        page.goto("/progress/reminders/")
        assert page.locator("#reminder-tz").input_value() == "Europe/Madrid"
        for day in ("mon", "wed", "fri"):
            page.locator(f"#day-{day}").check()
        page.locator("#reminder-time").fill("07:30")
        page.get_by_role("button", name="Save my reminders").click()
        page.wait_for_url("**/progress/reminders/")
        assert "Reminders on Monday, Wednesday, Friday at 07:30 (Europe/Madrid)." in \
            page.locator("section.calendar-link").inner_text()
        webcal = page.get_by_role("link", name="Add to my calendar").get_attribute("href")
        https = page.locator("#calendar-https").input_value()
        assert webcal.startswith("webcal://") and https.startswith("http")
        assert webcal.split("://")[1] == https.split("://")[1]
        feed = page.request.get(https)
        assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
        assert "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR" in feed.text()
        page.get_by_role("button", name="Revoke this link").click()
        page.wait_for_url("**/progress/reminders/")
        assert page.get_by_role("link", name="Add to my calendar").count() == 0
        assert page.request.get(https).status == 404
