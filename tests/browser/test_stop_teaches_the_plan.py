""""Stop — this hurts" teaches the plan: the person says which exercise hurt, the next
plans on this device leave it out with the reason, and including it again brings it back."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.practice.models import PainfulExercise

from .player_helpers import PLAY, open_player, pass_the_screen, sessions
from .test_player import start
from .waiting import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
PLAN = f"/routines/{FIVE}/plan/?floor=1&conditions=none-known"


def test_the_exercise_that_hurt_is_left_out_until_included_again(page: Any, live_server: Any) -> None:
    pass_the_screen(page, live_server)
    data = open_player(page, PLAY)
    order = list(dict.fromkeys(step["exercise"] for step in data["steps"]))
    start(page, pain=3)
    page.clock.run_for(30_000)  # through the first exercise, into the second
    current = page.locator("#now-name").inner_text().strip()
    second = order[1]
    assert current == data["exercises"][second]["name"]
    page.get_by_role("button", name="Stop — this hurts").click()

    form = page.locator("#hurt-form")
    form.wait_for()
    assert form.get_by_text("Which exercise hurt?").is_visible()
    assert form.get_by_role("radio", name=current).is_checked()  # the one on screen
    assert form.get_by_role("radio", name="Not sure").is_visible()
    assert page.locator("#stopped").get_by_text("Get help now if", exact=False).is_visible()
    page.locator("#save-status").get_by_text("Saved.", exact=True).wait_for()
    form.get_by_role("button", name="Save my answer").click()
    page.locator("#hurt-thanks").get_by_text(current, exact=False).wait_for()

    # The answer reaches the server through the device's queue (IndexedDB): wait for it.
    wait_until(page, "() => fetch('/api/painful-exercises').then(r => r.json())"
                     f".then(list => list.some(m => m.exercise === '{second}'))")
    [saved] = sessions(page)
    assert saved["stopped_for_pain"] is True and saved["painful_exercise"] == second
    assert PainfulExercise.objects.get(exercise=second).included_again_at is None

    # The next plan leaves it out, and says why.
    page.goto(PLAN)
    left_out = page.locator("ul.changes li", has_text=current)
    assert "Left out because it hurt on" in left_out.inner_text()
    timeline = page.request.get(f"/api/timeline?routine={FIVE}").json()
    assert second not in {s["exercise"] for s in timeline["steps"]}
    assert {"exercise": second, "reason": "hurt-last-time"}.items() <= next(
        item for item in timeline["left_out"] if item["exercise"] == second).items()

    # Including it again brings it back.
    page.get_by_role("button", name=f"Include {current} again").click()
    page.wait_for_load_state()
    assert "Left out because it hurt" not in page.locator("main").inner_text()
    timeline = page.request.get(f"/api/timeline?routine={FIVE}").json()
    assert second in {s["exercise"] for s in timeline["steps"]}
