"""In a real browser: every progress page tells the server the browser's time zone (the
``backcare_tz`` cookie, from time_zone.js), and /progress/ then counts a Sunday-evening
session in Los Angeles in that Sunday's week."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from backcare.plans.suitability import day_text
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.prescribing.adherence import monday_of

from .conftest import session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOS_ANGELES = "America/Los_Angeles"
YEAR = 365 * 24 * 60 * 60


@contextmanager
def page_in(browser: Any, live_server: Any, zone: str, device: str | None = None
            ) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, timezone_id=zone)
    if device:
        context.add_cookies([{"name": DEVICE_COOKIE, "value": device, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def zone_cookie(page: Any) -> dict[str, Any] | None:
    return next((c for c in page.context.cookies() if c["name"] == "backcare_tz"), None)


def wait_for_zone_cookie(page: Any) -> dict[str, Any]:
    page.wait_for_function("() => document.cookie.includes('backcare_tz=')")
    found = zone_cookie(page)
    assert found is not None
    return found


@pytest.mark.parametrize("path", ["/progress/", "/progress/measures/psfs/",
                                  "/progress/reminders/"])
def test_each_progress_page_sets_the_zone_cookie(browser: Any, live_server: Any,
                                                 path: str) -> None:
    with page_in(browser, live_server, LOS_ANGELES) as page:
        started = datetime.now().timestamp()
        page.goto(path)
        cookie = wait_for_zone_cookie(page)
        assert cookie["value"] == LOS_ANGELES
        assert cookie["path"] == "/" and cookie["sameSite"] == "Lax"
        assert abs(cookie["expires"] - started - YEAR) < 120


def test_the_cookie_changes_only_when_the_zone_does(browser: Any, live_server: Any) -> None:
    in_a_month = int(datetime.now().timestamp()) + 30 * 24 * 60 * 60
    with page_in(browser, live_server, "Europe/Madrid") as page:
        page.context.add_cookies([{"name": "backcare_tz", "value": "Europe/Madrid",
                                   "url": live_server.url, "expires": in_a_month}])
        page.goto("/progress/")
        page.wait_for_load_state("networkidle")
        assert int(zone_cookie(page)["expires"]) == in_a_month  # not written again
        page.context.add_cookies([{"name": "backcare_tz", "value": "Asia/Tokyo",
                                   "url": live_server.url}])
        page.goto("/progress/")
        page.wait_for_function("() => document.cookie.includes('backcare_tz=Europe/Madrid')")


def test_a_sunday_evening_in_los_angeles_counts_in_that_week(browser: Any,
                                                             live_server: Any) -> None:
    device = str(uuid.uuid4())
    today = datetime.now(ZoneInfo(LOS_ANGELES)).date()
    sunday = monday_of(today) - timedelta(days=1, weeks=2)
    session(device, datetime.combine(sunday, time(20), tzinfo=ZoneInfo(LOS_ANGELES)))
    with page_in(browser, live_server, LOS_ANGELES, device) as page:
        page.goto("/progress/")
        wait_for_zone_cookie(page)
        page.reload()
        row = page.locator("table.weeks-table tbody tr").filter(
            has=page.locator("td:nth-child(2)", has_text="1"))
        assert row.count() == 1
        assert row.locator("td").first.inner_text().startswith(
            day_text(sunday - timedelta(days=6)))
