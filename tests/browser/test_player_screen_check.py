"""A player page kept on the device (to play offline) can't outlive the red-flag screen:
before a session starts, the page itself checks that this device's pass covers the
routine and has not run out, and otherwise sends the person back to the questions."""

from __future__ import annotations

import time
from typing import Any

import pytest

from backcare.planning.screen_memory import UNTIL_COOKIE, until_value
from tests.browser.player_helpers import PLAY, open_player, pass_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UPPER = "/routines/upper-back-pain-exercises-stretches/play/"


def set_until(page: Any, live_server: Any, areas: tuple[str, ...], until: int) -> None:
    page.context.add_cookies([{"name": UNTIL_COOKIE, "value": until_value(areas, until),
                               "url": live_server.url}])


def cannot_start(page: Any) -> None:
    assert page.locator("#player").get_attribute("data-state") == "screen-needed"
    assert page.get_by_role("heading", name="First, the safety questions again").is_visible()
    assert not page.get_by_role("button", name="Start").is_visible()
    link = page.get_by_role("link", name="Answer the safety questions")
    assert link.get_attribute("href").startswith("/screen/?next=")


def test_a_current_pass_lets_the_session_start(page: Any, live_server: Any) -> None:
    pass_the_screen(page, live_server)
    open_player(page, clock=False)
    assert page.get_by_role("button", name="Start").is_visible()
    assert not page.locator("#screen-again").is_visible()


def test_a_pass_that_has_run_out_on_the_device_stops_the_start(page: Any, live_server: Any) -> None:
    pass_the_screen(page, live_server)  # the server still takes it...
    set_until(page, live_server, ("any", "low-back", "neck"), int(time.time()) - 60)
    open_player(page, PLAY, clock=False)  # ...but the page knows it has run out
    cannot_start(page)


def test_a_pass_for_the_lower_back_does_not_start_the_upper_back_routine(
        page: Any, live_server: Any) -> None:
    pass_the_screen(page, live_server)
    set_until(page, live_server, ("any", "low-back"), int(time.time()) + 3600)
    open_player(page, UPPER, clock=False)
    cannot_start(page)


def test_passing_the_screen_in_the_browser_sets_what_the_page_reads(
        page: Any, live_server: Any) -> None:
    page.goto(f"/screen/?next={PLAY}")
    for radio in page.get_by_label("No", exact=True).all():
        radio.check()
    page.get_by_role("button", name="Check my answers").click()
    page.wait_for_url(f"**{PLAY}")
    page.wait_for_selector("#player[data-ready=true]")
    [cookie] = [c for c in page.context.cookies() if c["name"] == UNTIL_COOKIE]
    areas, until = cookie["value"].split(".")
    assert set(areas.split("+")) >= {"any", "low-back"}
    assert 23 * 3600 < int(until) - time.time() <= 24 * 3600
    assert page.get_by_role("button", name="Start").is_visible()
