"""Shared helpers for the follow-along player's browser tests."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from backcare.planning.screen_memory import COOKIE, UNTIL_COOKIE, signed_pass, until_value
from backcare.plans.redflag_questions import AREAS
from backcare.practice.device import COOKIE as DEVICE_COOKIE

FIVE_MINUTE = "back-pain-relief-stretches-5-minute-real-time-routine"
PLAY = f"/routines/{FIVE_MINUTE}/play/"
STOP = "Stop — this hurts"

# Records what the player says (and in which language), so tests can check the spoken cues.
RECORD_SPEECH = """
window.__said = [];
window.__saidLang = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (u) => { window.__said.push(u.text); window.__saidLang.push(u.lang); };
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
        {"name": UNTIL_COOKIE, "value": until_value(AREAS, int(time.time()) + 24 * 3600),
         "url": live_server.url},
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


def api_timeline(page: Any, routine: str, query: str = "", lang: str = "") -> dict[str, Any]:
    """GET /api/timeline for this routine (and plan parameters) with this browser's cookies."""
    url = f"/api/timeline?routine={routine}" + (f"&{query}" if query else "")
    if lang:
        url += f"&lang={lang}"
    response = page.request.get(url)
    assert response.ok, (url, response.status, response.text())
    return response.json()


def snapshot(page: Any) -> dict[str, Any]:
    return page.evaluate("window.backcarePlayer.snapshot()")


@dataclass(frozen=True)
class Phase:
    """One phase of the play script, as the server sent it, with its times in ms."""

    kind: str        # get-ready | hold | move | rest | switch-sides | done
    step: int
    start: int       # ms from the start, paused time left out
    end: int
    text: str
    say: str
    name: str
    side: str | None
    rep: int
    reps: int

    @classmethod
    def of(cls, phase: dict[str, Any]) -> Phase:
        start = phase["starts_at"] * 1000
        return cls(phase["kind"], phase["step"], start, start + phase["seconds"] * 1000,
                   phase["text"], phase["say"], phase["name"], phase["side"], phase["rep"],
                   phase["reps"])


def script_phases(data: dict[str, Any]) -> list[Phase]:
    """The play script's phases (the page's or the API's): nothing computed here."""
    return [Phase.of(phase) for phase in data["phases"]]


def side_text(side: str | None) -> str:
    return {"left": "Left side", "right": "Right side"}.get(side or "", "")


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
