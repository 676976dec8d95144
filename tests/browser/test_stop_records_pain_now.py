"""In a real browser: after "Stop — this hurts" the stop screen asks how strong the pain
is now, and the answer reaches the session saved at the stop (a flare can show)."""

from __future__ import annotations

from typing import Any

import pytest

from .player_helpers import STOP, open_player, pass_the_screen, sessions
from .test_player import start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def answer_saved(response: Any) -> bool:
    """The answer reaching the session log. (Waited for instead of asking GET /api/sessions
    meanwhile: the live server's in-memory SQLite refuses a write while another thread
    reads the same table.)"""
    return response.request.method == "POST" and response.url.endswith("/api/sessions")


def stop_in_the_second_exercise(page: Any, live_server: Any, pain: int) -> dict[str, Any]:
    pass_the_screen(page, live_server)
    data = open_player(page)
    start(page, pain=pain)
    page.clock.run_for(30_000)  # through the first exercise, into the second
    page.get_by_role("button", name=STOP).click()
    page.locator("#save-status").get_by_text("Saved.", exact=True).wait_for()
    [saved] = sessions(page)  # saved at once, before any answer
    assert saved["stopped_for_pain"] is True and saved["pain_after"] is None
    return data


def test_the_pain_now_and_the_exercise_are_saved_with_the_stop(page: Any, live_server: Any) -> None:
    data = stop_in_the_second_exercise(page, live_server, pain=2)
    form = page.locator("#hurt-form")
    assert form.get_by_text("How strong is the pain now?").is_visible()
    current = page.locator("#hurt-form input[name=painful_exercise]:checked").get_attribute("value")
    form.get_by_role("radio", name="6", exact=True).check()
    with page.expect_response(answer_saved) as sent:
        form.get_by_role("button", name="Save my answer").click()
    assert sent.value.status == 200
    name = data["exercises"][current]["name"]
    page.locator("#hurt-thanks").get_by_text(name, exact=False).wait_for()
    [saved] = sessions(page)
    assert (saved["pain_before"], saved["pain_after"]) == (2, 6)
    assert saved["painful_exercise"] == current


def test_not_sure_which_one_still_saves_the_pain_now(page: Any, live_server: Any) -> None:
    stop_in_the_second_exercise(page, live_server, pain=3)
    form = page.locator("#hurt-form")
    form.get_by_role("radio", name="Not sure").check()
    form.get_by_role("radio", name="8", exact=True).check()
    with page.expect_response(answer_saved) as sent:
        form.get_by_role("button", name="Save my answer").click()
    assert sent.value.status == 200
    page.locator("#hurt-thanks").get_by_text("Your answer is kept with this session").wait_for()
    [saved] = sessions(page)
    assert saved["painful_exercise"] is None and saved["pain_after"] == 8
