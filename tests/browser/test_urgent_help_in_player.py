"""In a real browser: pressing "Stop — this hurts" shows the urgent-help box."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.plans import QUESTIONS

from .player_helpers import STOP, open_player, pass_the_screen, snapshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_stop_this_hurts_shows_get_help_now(page: Any, live_server: Any) -> None:
    pass_the_screen(page, live_server)
    open_player(page)
    box = page.locator("#stopped .urgent-help")
    assert not box.is_visible()  # hidden until the person stops
    page.get_by_role("radio", name="4", exact=True).check()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(10_000)
    page.get_by_role("button", name=STOP).click()
    assert snapshot(page)["state"] == "stopped"
    assert box.is_visible()
    text = box.inner_text()
    assert "Get help now if" in text and "local emergency number" in text
    for q in QUESTIONS:
        if q.urgent and q.area != "neck":  # the 5-minute routine works the low back
            assert q.sign in text, q.id
