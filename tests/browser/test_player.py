"""The follow-along player in a real browser, with the page's clock under the test's control.

Playwright's page.clock fakes performance.now(), Date, timers and animation frames, so
the whole 5-minute routine runs in a few seconds and every boundary lands exactly.
"""

from __future__ import annotations

from typing import Any

import pytest

from backcare.content.wording import format_duration

from .conftest import serious_axe_violations
from .player_helpers import (
    FIVE_MINUTE,
    PLAY,
    RECORD_SPEECH,
    STOP,
    api_timeline,
    open_player,
    pass_the_screen,
    script_phases,
    sessions,
    shown,
    side_text,
    snapshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def player(page: Any, live_server: Any) -> Any:
    pass_the_screen(page, live_server)
    return page


def start(page: Any, pain: int = 4) -> None:
    page.get_by_role("radio", name=str(pain), exact=True).check()
    page.get_by_role("button", name="Start").click()


def skip_to_the_end(page: Any) -> None:
    for _ in range(100):
        if snapshot(page)["state"] == "finished":
            return
        page.get_by_role("button", name="Skip").click()
    raise AssertionError("Skip never reached the end")


def stop_button_in_view(page: Any) -> bool:
    button = page.get_by_role("button", name=STOP)
    box = button.bounding_box()
    viewport = page.viewport_size
    return (button.is_visible() and box is not None and box["y"] >= 0
            and box["y"] + box["height"] <= viewport["height"] and box["height"] >= 48)


def test_the_whole_five_minute_routine_follows_the_script(player: Any) -> None:
    page = player
    page.add_init_script(RECORD_SPEECH)
    data = open_player(page)
    steps = data["steps"]
    api = api_timeline(page, FIVE_MINUTE)
    assert data["phases"] == api["phases"] and data["total_seconds"] == api["total_seconds"]
    phases = script_phases(api)
    total = api["total_seconds"] * 1000
    assert snapshot(page)["total"] == total  # the player adds nothing of its own
    assert phases[-1].kind == "done" and phases[-1].start == total
    assert format_duration(api["total_seconds"]) in page.locator("#setup").inner_text()

    start(page)
    t = 0  # the player's elapsed time, in ms, as this test keeps it
    paused_once = False
    for phase in phases[:-1]:
        page.clock.run_for(phase.start + 250 - t)
        t = phase.start + 250
        now = shown(page)
        assert now["label"] == phase.text, (phase, now)
        assert now["name"] == phase.name, (phase, now)
        assert now["side"] == side_text(phase.side), (phase, now)
        assert now["rep"] == (f"Rep {phase.rep} of {phase.reps}" if phase.reps > 1 else "")
        assert now["countdown"] == str(-(-(phase.end - t) // 1000)), (phase, now)
        assert now["next"].startswith("Next: "), now
        assert page.locator("#player").get_attribute("data-kind") == phase.kind
        assert stop_button_in_view(page), phase
        assert snapshot(page)["elapsed"] == pytest.approx(t, abs=1)

        if phase.kind == "hold" and phase.end - phase.start >= 30_000 and not paused_once:
            # Pause: however long the clock runs, the player's time stands still.
            paused_once = True
            page.get_by_role("button", name="Pause").click()
            page.clock.run_for(20_000)
            assert shown(page)["countdown"] == now["countdown"]
            assert page.locator("#paused-note").is_visible()
            assert stop_button_in_view(page)
            assert snapshot(page)["elapsed"] == pytest.approx(t, abs=1)
            page.locator("#player").focus()
            page.keyboard.press("Space")  # space resumes
            assert page.get_by_role("button", name="Pause").is_visible()
            page.clock.run_for(1000)
            t += 1000
            assert snapshot(page)["elapsed"] == pytest.approx(t, abs=1)
    assert paused_once

    # The end: the script's "done", not a moment early, exactly at its total.
    page.clock.run_for(total - 1 - t)
    assert snapshot(page)["state"] == "playing"
    page.clock.run_for(1)
    state = snapshot(page)
    assert state["state"] == "finished"
    assert state["log"][-1]["at"] == pytest.approx(total, abs=1)
    assert [entry["phase"] for entry in state["log"]] == list(range(len(phases)))
    assert state["stepsDone"] == len(steps)
    assert page.get_by_role("heading", name="Done — well done").is_visible()
    exercises = len({step["exercise"] for step in steps})
    summary = page.locator("#finish-summary").inner_text()
    assert summary == f"You followed the whole of {data['title']}: {exercises} exercises."

    said = page.evaluate("window.__said")
    for phase in phases:  # every phase's words, as the script says them
        assert phase.say in said, (phase, said)
    for words in ("Halfway", "3", "2", "1"):
        assert words in said, (words, said)
    assert said[-1] == phases[-1].say

    page.get_by_role("radio", name="2", exact=True).check()
    page.get_by_role("radio", name="Better").check()
    page.get_by_role("button", name="Save this session").click()
    page.locator("#save-status").get_by_text("Saved.", exact=True).wait_for()
    [saved] = sessions(page)
    assert saved["routine"] == data["routine"] and saved["plan"] is None
    assert (saved["pain_before"], saved["pain_after"], saved["feeling"]) == (4, 2, "better")
    assert (saved["steps_done"], saved["steps_total"]) == (len(steps), len(steps))
    assert saved["stopped_for_pain"] is False


def test_stop_this_hurts_ends_at_once_and_is_recorded(player: Any) -> None:
    page = player
    data = open_player(page)
    assert not page.get_by_role("button", name=STOP).is_visible()  # nothing under way yet
    start(page, pain=5)
    assert page.locator("#player").get_attribute("data-kind") == "get-ready"
    assert stop_button_in_view(page)  # during the get-ready
    phases = script_phases(data)
    second = next(p for p in phases[1:] if p.kind == "get-ready")
    page.clock.run_for(second.start + 1_000)  # the five pelvic tilts are done
    page.get_by_role("button", name="Pause").click()
    assert stop_button_in_view(page)  # while paused
    page.get_by_role("button", name=STOP).click()

    assert page.get_by_role("heading", name="Stop here and rest").is_visible()
    assert not page.locator("#play").is_visible()
    text = page.locator("#stopped").inner_text()
    assert "Stop the exercise now" in text and "contact your doctor or physical therapist" in text
    assert "healthcare provider" in page.locator("#alert").inner_text()
    assert page.locator("#alert").get_attribute("aria-live") == "assertive"
    page.clock.run_for(60_000)  # nothing carries on behind the message
    assert snapshot(page)["state"] == "stopped"
    page.locator("#save-status").get_by_text("Saved.", exact=True).wait_for()
    [saved] = sessions(page)
    assert saved["stopped_for_pain"] is True
    assert saved["pain_before"] == 5 and saved["pain_after"] is None
    assert (saved["steps_done"], saved["steps_total"]) == (5, len(data["steps"]))


def test_a_hidden_tab_comes_back_on_the_right_step(player: Any) -> None:
    page = player
    data = open_player(page)
    phases = script_phases(data)
    start(page)
    first_rep = phases[1]
    page.clock.run_for(first_rep.start + 1_000)  # pelvic tilt, rep 1
    assert shown(page)["rep"] == "Rep 1 of 5"
    page.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", {configurable: true, get: () => "hidden"});
        Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    page.clock.fast_forward(10_500)  # a hidden tab gets few or no frames
    page.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", {configurable: true, get: () => "visible"});
        Object.defineProperty(document, "hidden", {configurable: true, get: () => false});
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    t = first_rep.start + 11_500
    phase = next(p for p in phases if p.start <= t < p.end)
    assert (phase.kind, phase.step, phase.rep) == ("rest", 3, 4)  # the rest before rep 4
    assert shown(page)["rep"] == "Rep 4 of 5"
    assert shown(page)["label"] == phase.text
    assert page.locator("#announce").inner_text().startswith("You are on Pelvic tilt, rep 4 of 5")
    assert snapshot(page)["stepsDone"] == 3  # reps 1-3 ran out while the tab was hidden


def test_keys_and_buttons_skip_back_and_pause(player: Any) -> None:
    page = player
    open_player(page)
    start(page)
    page.clock.run_for(1_000)
    assert shown(page)["label"] == "Get ready: Pelvic tilt"
    page.keyboard.press("ArrowRight")  # out of the get-ready, into rep 1
    assert (shown(page)["label"], shown(page)["rep"]) == ("Move", "Rep 1 of 5")
    page.keyboard.press("ArrowRight")
    assert shown(page)["rep"] == "Rep 2 of 5"
    page.clock.run_for(2_500)
    page.keyboard.press("ArrowLeft")  # well into rep 2: back to its start
    assert shown(page)["rep"] == "Rep 2 of 5" and shown(page)["countdown"] == "3"
    page.get_by_role("button", name="Skip").click()
    assert shown(page)["rep"] == "Rep 3 of 5"
    page.get_by_role("button", name="Back").click()  # just begun: back to the step before
    assert shown(page)["rep"] == "Rep 2 of 5"
    page.locator("#player").focus()
    page.keyboard.press("Space")
    assert snapshot(page)["state"] == "paused"
    before = snapshot(page)["elapsed"]
    page.clock.run_for(5_000)
    assert snapshot(page)["elapsed"] == before
    page.keyboard.press("Space")
    assert snapshot(page)["state"] == "playing"
    skip_to_the_end(page)  # nothing skipped counts as done
    assert page.get_by_role("heading", name="Done — well done").is_visible()
    assert snapshot(page)["stepsDone"] == 0


def test_start_asks_for_todays_pain_first(player: Any) -> None:
    page = player
    open_player(page)
    page.get_by_role("button", name="Start").click()
    assert page.get_by_text("Choose a number first").is_visible()
    assert snapshot(page)["state"] == "setup"
    assert page.evaluate("document.activeElement.name") == "pain_before"
    page.keyboard.press("ArrowRight")  # arrows move through the 0-10 scale
    page.get_by_role("button", name="Start").click()
    assert snapshot(page)["state"] == "playing"
    assert not page.get_by_text("Choose a number first").is_visible()


def test_the_voice_choice_is_remembered(player: Any) -> None:
    page = player
    data = open_player(page, clock=False)
    assert page.get_by_role("radio", name="10 seconds").count() == 0  # no get-ready choice
    setup = page.locator("#setup").inner_text()
    assert f"{format_duration(data['total_seconds'])} in all" in setup
    page.get_by_label("Speak the steps out loud").uncheck()
    page.get_by_role("radio", name="0", exact=True).check()
    page.get_by_role("button", name="Start").click()
    page.wait_for_selector("#player[data-state=playing]")
    page.reload()
    page.wait_for_selector("#player[data-ready=true]")
    assert not page.get_by_label("Speak the steps out loud").is_checked()
    assert page.evaluate("localStorage.getItem('backcare.voice')") == "off"


@pytest.mark.parametrize("wake_lock", ["missing", "refused"])
def test_the_screen_lock_warning_when_the_screen_cannot_be_kept_on(player: Any, wake_lock: str) -> None:
    page = player
    if wake_lock == "missing":
        page.add_init_script("delete Navigator.prototype.wakeLock; delete navigator.wakeLock;")
    else:
        page.add_init_script("""Object.defineProperty(navigator, "wakeLock", {configurable: true,
            value: {request: () => Promise.reject(new DOMException("no", "NotAllowedError"))}});""")
    open_player(page)
    start(page)
    page.get_by_text("Your screen may lock").wait_for()
    assert "tap the screen now and then" in page.locator("#wake-note").inner_text()


def test_the_play_screen_fits_a_small_phone(player: Any) -> None:
    page = player
    page.set_viewport_size({"width": 360, "height": 740})
    open_player(page)
    for label in ["0", "10"]:
        box = page.locator(f"#setup .scale-choice:has(input[value='{label}']) span").bounding_box()
        assert box["height"] >= 48 and box["width"] >= 44
    start(page)
    page.clock.run_for(40_000)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for name in ["Pause", "Skip", "Back", STOP]:
        box = page.get_by_role("button", name=name).bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48, name
    digits = page.locator("#countdown").bounding_box()
    assert digits["height"] >= 100  # readable from across the room
    assert page.locator("#countdown").is_visible() and page.locator("#now-name").is_visible()


@pytest.mark.parametrize("size", [(360, 640), (1280, 800)], ids=["phone", "laptop"])
@pytest.mark.parametrize("moment", ["setup", "playing", "paused", "finished", "stopped"])
def test_no_serious_accessibility_violations(player: Any, moment: str, size: tuple[int, int]) -> None:
    page = player
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_player(page, clock=False)
    if moment != "setup":
        start(page)
        page.wait_for_selector("#player[data-state=playing]")
    if moment == "paused":
        page.get_by_role("button", name="Pause").click()
        page.wait_for_selector("#player[data-state=paused]")
    if moment == "finished":
        skip_to_the_end(page)
        page.get_by_role("heading", name="Done — well done").wait_for()
    if moment == "stopped":
        page.get_by_role("button", name=STOP).click()
    assert page.locator("h1").count() == 1
    assert serious_axe_violations(page) == []


def test_the_page_loads_nothing_from_elsewhere_and_runs_under_the_csp(player: Any) -> None:
    page = player
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(PLAY)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("#player[data-ready=true]")
    start(page)
    page.wait_for_selector("#player[data-state=playing]")
    assert errors == []


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_screen_flash_respects_reduced_motion(player: Any, motion: str) -> None:
    page = player
    page.emulate_media(reduced_motion=motion)
    open_player(page)
    start(page)
    page.clock.run_for(300)
    flash = page.locator("#flash")
    assert "on" in (flash.get_attribute("class") or "")  # the get-ready began with a flash
    style = flash.evaluate("e => [getComputedStyle(e).animationName, getComputedStyle(e).opacity]")
    if motion == "reduce":
        assert style == ["none", "1"]  # a still frame round the screen, no animation
    else:
        assert style[0] == "cue-flash"
    page.clock.run_for(1000)
    assert "on" not in (flash.get_attribute("class") or "")
