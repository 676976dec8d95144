"""On a phone (360 × 640): the finder opens at its results, /history/ fits the screen and
speaks the person's own time, the emergency numbers can be tapped, the API docs fit."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.practice.models import PracticeSession

from .conftest import guarded_page, serious_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
PHONE = {"width": 360, "height": 640}
#: Mexico City has kept UTC-6 all year since 2022.
MEXICO_CITY = "America/Mexico_City"


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    """A phone-sized page in Mexico City, speaking English; nothing from other origins."""
    with guarded_page(browser, live_server, viewport=PHONE, locale="en-GB",
                      timezone_id=MEXICO_CITY, has_touch=True, is_mobile=True) as page:
        yield page


def in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_the_finder_opens_at_its_results_with_the_count(phone: Any) -> None:
    phone.goto("/exercises/")
    assert not in_view(phone, "#results")  # below the form on a phone
    phone.select_option("#f-position", "seated")
    phone.get_by_role("button", name="Show exercises").click()
    phone.wait_for_url(re.compile(r"position=seated"))
    phone.wait_for_function("window.scrollY > 0")
    heading = phone.locator("#results")
    assert in_view(phone, "#results")
    assert re.fullmatch(r"\d+ exercises? match(es)?", heading.inner_text().strip())
    # The heading is where focus lands, so a screen reader reads the count out.
    assert phone.evaluate("document.activeElement.id") == "results"


def _save(device: str, started: datetime, **values: object) -> None:
    fields: dict[str, object] = {
        "routine": FIVE_MINUTE, "plan": "", "pain_before": 6, "pain_after": 4,
        "feeling": "same", "steps_done": 13, "steps_total": 13, "stopped_for_pain": False}
    fields.update(values)
    PracticeSession.objects.create(id=uuid.uuid4(), device=device, started_at=started,
                                   ended_at=started + timedelta(minutes=5), **fields)


def test_history_fits_a_phone_and_speaks_local_time(phone: Any, live_server: Any) -> None:
    device = str(uuid.uuid4())
    # 14:05 UTC is 08:05 in Mexico City; 02:30 UTC on 1 December is 20:30 on 30 November.
    _save(device, datetime(2025, 11, 30, 14, 5, tzinfo=UTC), feeling="better")
    _save(device, datetime(2025, 12, 1, 2, 30, tzinfo=UTC), pain_before=7, pain_after=None,
          feeling="", steps_done=4, stopped_for_pain=True)
    _save(device, datetime(2025, 12, 3, 15, 0, tzinfo=UTC), pain_before=5, pain_after=3,
          feeling="worse")
    phone.context.add_cookies([{"name": DEVICE_COOKIE, "value": device, "url": live_server.url}])
    phone.goto("/history/")

    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    cells = phone.locator("td.pain, td.feeling")
    assert cells.count() == 6
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], index
        assert cells.nth(index).is_visible()
    feelings = [" ".join(t.split()) for t in phone.locator("td.feeling").all_inner_texts()]
    assert feelings == ["Worse", "Not said", "Better"]
    # Each value has its column's name beside it on the card (the table's head is hidden).
    assert phone.locator("td.feeling").first.evaluate(
        "td => getComputedStyle(td, '::before').content") == '"How it felt"'

    times = phone.locator("time.local-time").all_inner_texts()
    oldest = times[-1]
    assert "08:05" in oldest and "14:05" not in oldest
    assert "30 November" in oldest
    stopped = times[1]  # 02:30 UTC on 1 December: the evening before, in Mexico City
    assert "20:30" in stopped and "30 November" in stopped
    assert phone.locator(".time-zone").inner_text() == MEXICO_CITY
    # The Delete button names the local time too.
    assert "08:05" in phone.locator("tr.session-row").last.locator("button").get_attribute(
        "aria-label")

    # The chart's dates: each day once, in local time (30 November twice becomes once).
    dates = phone.locator(".pain-chart text.day").all_text_contents()
    assert len(dates) == len(set(dates))
    assert dates[0] == "30 November" and dates[-1] == "3 December"

    # The stopped session is marked in words, in the table and on the chart.
    row = phone.locator("tr.session-row.stopped")
    assert row.count() == 1 and "Stopped because it hurt" in row.inner_text()
    assert phone.locator(".pain-chart .point.stopped").count() == 1
    assert "stopped because it hurt" in phone.locator("figcaption").inner_text()
    assert not serious_axe_violations(phone)


def test_emergency_numbers_are_tap_to_call(phone: Any) -> None:
    phone.goto(f"/routines/{FIVE_MINUTE}/")
    links = phone.locator(".urgent-help a[href^='tel:']")
    assert {links.nth(i).get_attribute("href") for i in range(links.count())} == {
        "tel:911", "tel:999", "tel:112"}
    box = links.first.bounding_box()
    assert box and box["height"] >= 24  # room for a finger
    phone.goto(f"/es/routines/{FIVE_MINUTE}/")
    hrefs = phone.locator(".urgent-help a[href^='tel:']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert set(hrefs) == {"tel:911", "tel:112"}


def test_the_api_docs_fit_a_phone(phone: Any) -> None:
    phone.goto("/api/docs")
    phone.wait_for_selector("#swagger-ui .info .title", timeout=15_000)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
