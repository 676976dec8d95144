"""The playing screen fits the screen: on a small phone, a big phone either way up and a
laptop, everything a person on the floor needs is in view at once, nothing overlapping,
without scrolling — and the set-up puts Start in the first screen."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.browser.player_helpers import PLAY, STOP, open_player, pass_the_screen, script_phases

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(360, 640), (390, 844), (844, 390), (1280, 800)]
#: What must be in view during a hold, by what a person would call it.
PARTS = {
    "countdown": "#countdown", "name": "#now-name", "side": "#now-side", "cue": "#now-cue",
    "figure": "#now-demo", "next": "#next", "Pause": "#pause", "Back": "#back",
    "Skip": "#skip", "Stop": "#stop",
}


def start(page: Any, pain: int = 3) -> None:
    page.get_by_role("radio", name=str(pain), exact=True).check()
    page.locator("#start").click()  # "Start" or "Empezar"


def run_to(page: Any, ms: int) -> None:
    elapsed = page.evaluate("window.backcarePlayer.snapshot().elapsed")
    page.clock.run_for(max(1, round(ms - elapsed)))


def boxes(page: Any) -> dict[str, dict[str, float]]:
    found = {}
    for part, selector in PARTS.items():
        element = page.locator(selector)
        assert element.is_visible(), f"{part} is not shown"
        found[part] = element.bounding_box()
    return found


def overlap(a: dict[str, float], b: dict[str, float]) -> float:
    width = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    height = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return max(0.0, width) * max(0.0, height)


#: A floor routine, and one whose first exercise done on each side has a long name and a
#: long cue (the Upper trapezius stretch), which wrap on a small screen.
#: And the same in Spanish, whose words run longer.
ROUTINES = [PLAY, "/routines/upper-back-pain-exercises-stretches/play/",
            "/es/routines/upper-back-pain-exercises-stretches/play/"]


@pytest.mark.parametrize("url", ROUTINES, ids=["five-minute", "upper-back", "upper-back-es"])
@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_during_a_hold_everything_is_in_view_and_nothing_overlaps(
        page: Any, live_server: Any, width: int, height: int, url: str) -> None:
    page.set_viewport_size({"width": width, "height": height})
    pass_the_screen(page, live_server)
    data = open_player(page, url)
    start(page)
    hold = next(p for p in script_phases(data) if p.kind == "hold" and p.side == "left")
    run_to(page, hold.start + 5_000)
    assert page.locator("#player").get_attribute("data-kind") == "hold"

    found = boxes(page)
    for part, box in found.items():
        assert box["x"] >= -0.5 and box["y"] >= -0.5, (part, box)
        assert box["x"] + box["width"] <= width + 0.5, (part, box)
        assert box["y"] + box["height"] <= height + 0.5, (part, box)
    parts = list(found)
    for i, one in enumerate(parts):
        for other in parts[i + 1:]:
            assert overlap(found[one], found[other]) < 1, (one, other, found[one], found[other])
    assert page.evaluate("document.scrollingElement.scrollTop") == 0

    # Readable from two metres: the name and the side at least 32 px; the figure at least
    # 40 % of the screen's smaller side; the side shown is the side being done.
    size = {part: page.locator(PARTS[part]).evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
            for part in ("name", "side")}
    assert size["name"] >= 32 and size["side"] >= size["name"] - 0.5, size
    assert max(found["figure"]["height"], found["figure"]["width"]) >= 0.4 * min(width, height)
    left = json.loads(page.locator("#player-words").text_content())["side_left"]
    assert page.locator("#now-side").inner_text() == left
    assert page.locator("#figure-box").get_attribute("data-side") == "left"
    # The site's header and the page title step aside while playing.
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("h1").is_visible()


@pytest.mark.parametrize("language", ["", "/es"])
@pytest.mark.parametrize(("width", "height"), [(360, 640), (390, 844)])
def test_start_is_in_the_first_screen_on_a_phone(
        page: Any, live_server: Any, width: int, height: int, language: str) -> None:
    page.set_viewport_size({"width": width, "height": height})
    pass_the_screen(page, live_server)
    open_player(page, language + PLAY, clock=False)
    box = page.locator("#start").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, box
    assert page.evaluate("document.scrollingElement.scrollTop") == 0


def test_the_stop_bar_is_there_only_while_a_session_is_under_way(
        page: Any, live_server: Any) -> None:
    pass_the_screen(page, live_server)
    open_player(page)
    stop = page.get_by_role("button", name=STOP)
    assert not stop.is_visible()  # nothing to stop yet
    start(page)
    page.clock.run_for(2_000)
    assert stop.is_visible()
    page.get_by_role("button", name="Pause").click()
    assert stop.is_visible()  # paused is still under way
    page.get_by_role("button", name="Resume").click()
    for _ in range(100):
        if page.locator("#player").get_attribute("data-state") == "finished":
            break
        page.get_by_role("button", name="Skip").click()
    assert page.locator("#player").get_attribute("data-state") == "finished"
    assert not stop.is_visible()  # over


def test_a_plans_set_up_fits_the_plan(page: Any, live_server: Any) -> None:
    """A chair-only plan carries its pain, names each change's exercise behind a
    disclosure, and says nothing about a mat."""
    page.set_viewport_size({"width": 390, "height": 844})
    pass_the_screen(page, live_server)
    open_player(page, "/routines/10-best-lower-back-exercises/play/?floor=0&minutes=5&pain=6",
                clock=False)
    assert page.get_by_role("radio", name="6", exact=True).is_checked()
    setup = page.locator("#setup").inner_text()
    assert "mat" not in setup.lower()
    assert "chair" in page.locator("#setting-up").inner_text()
    changes = page.locator("#plan-changes")
    assert changes.evaluate("e => e.tagName") == "DETAILS" and not changes.evaluate("e => e.open")
    items = changes.locator("li strong").all_text_contents()
    assert "Pelvic tilt" in items and "Seated pelvic tilt" in items
    assert all(item.strip() for item in items)
    changes.locator("summary").click()
    assert changes.locator("li").first.is_visible()


def test_a_floor_routines_set_up_mentions_the_mat(page: Any, live_server: Any) -> None:
    pass_the_screen(page, live_server)
    open_player(page, clock=False)
    assert "mat" in page.locator("#setting-up").inner_text()
