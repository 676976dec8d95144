"""Shared helpers for the follow-along player's browser tests."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from backcare.planning.screen_memory import COOKIE, signed_pass
from backcare.practice.device import COOKIE as DEVICE_COOKIE

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
PLAY = f"/routines/{FIVE_MINUTE}/play/"
STOP = "Stop — this hurts"

# Records what the player says, so tests can check the spoken cues.
RECORD_SPEECH = """
window.__said = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (u) => { window.__said.push(u.text); };
  window.speechSynthesis.cancel = () => {};
}
"""


def pass_the_screen(page: Any, live_server: Any) -> None:
    """Set the red-flag screen's cookie, as completing the screen would: a pass for this
    browser's device (made here when it has none yet)."""
    device = next((c["value"] for c in page.context.cookies(live_server.url)
                   if c["name"] == DEVICE_COOKIE), None) or str(uuid.uuid4())
    page.context.add_cookies([
        {"name": DEVICE_COOKIE, "value": device, "url": live_server.url},
        {"name": COOKIE, "value": signed_pass(device), "url": live_server.url},
    ])


def open_player(page: Any, url: str = PLAY, *, clock: bool = True) -> dict[str, Any]:
    """Load the player (with the page clock installed and stopped); return its timeline JSON.

    The fake clock starts two hours in the past so the sessions it makes are not dated in
    the future by the time the routine ends.
    """
    if clock:
        page.clock.install(time=datetime.now(UTC) - timedelta(hours=2))
    page.goto(url)
    page.wait_for_selector("#player[data-ready=true]")
    if clock:
        fake_now = page.evaluate("Date.now()") / 1000
        page.clock.pause_at(datetime.fromtimestamp(fake_now + 1, UTC))
    return json.loads(page.locator("#timeline").text_content())


def snapshot(page: Any) -> dict[str, Any]:
    return page.evaluate("window.backcarePlayer.snapshot()")


@dataclass(frozen=True)
class Phase:
    kind: str        # ready | hold | rest
    step: int
    start: int       # ms from the start, paused time left out
    end: int


def expected_phases(steps: list[dict[str, Any]], ready_seconds: int) -> list[Phase]:
    """The schedule as the brief defines it: get-ready before each exercise, then the
    timeline's holds and rests exactly (written independently of the player's code)."""
    phases: list[Phase] = []
    t = 0
    for i, step in enumerate(steps):
        if i == 0 or steps[i - 1]["exercise"] != step["exercise"]:
            phases.append(Phase("ready", i, t, t + ready_seconds * 1000))
            t += ready_seconds * 1000
        phases.append(Phase("hold", i, t, t + step["hold_seconds"] * 1000))
        t += step["hold_seconds"] * 1000
        if step["rest_seconds"]:
            phases.append(Phase("rest", i, t, t + step["rest_seconds"] * 1000))
            t += step["rest_seconds"] * 1000
    return phases


def side_text(side: str | None) -> str:
    return {"left": "Left side", "right": "Right side"}.get(side or "", "")


def expected_label(data: dict[str, Any], phase: Phase) -> str:
    steps = data["steps"]
    step = steps[phase.step]
    if phase.kind == "ready":
        return "Get ready"
    if phase.kind == "hold":
        if step.get("action"):  # the timeline says: "hold" or "move"
            return "Hold" if step["action"] == "hold" else "Move"
        kind = data["exercises"][step["exercise"]]["kind"]
        return "Hold" if kind in ("stretch", "isometric") else "Move"
    upcoming = steps[phase.step + 1]
    if upcoming["exercise"] != step["exercise"]:
        return f"Next: {upcoming['name']}"
    if upcoming["side"] != step["side"]:
        return "Switch sides"
    if upcoming["set"] != step["set"]:
        return f"Rest — then set {upcoming['set']} of {upcoming['sets']}"
    return "Rest"


def shown(page: Any) -> dict[str, str]:
    """What the play screen shows, as text."""
    def text(selector: str) -> str:
        element = page.locator(selector)
        return element.inner_text().strip() if element.is_visible() else ""

    return {
        "label": text("#phase-label"), "countdown": text("#countdown"), "name": text("#now-name"),
        "side": text("#now-side"), "rep": text("#now-rep"), "next": text("#next"),
        "time_left": text("#time-left"),
    }


def sessions(page: Any) -> list[dict[str, Any]]:
    """This browser's saved sessions, from the session log API."""
    response = page.request.get("/api/sessions")
    assert response.ok, response.status
    return response.json()
