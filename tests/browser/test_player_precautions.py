"""The player shows each exercise's precautions while the person gets ready, and takes
"Hold" or "Move" from the play script rather than deciding it itself."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import unescape
from typing import Any

import pytest

from .player_helpers import PLAY, open_player, pass_the_screen, shown, snapshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CRACK_WITH_DISC = "/routines/dont-crack-your-back/play/?floor=1&conditions=disc"


@pytest.fixture
def player(page: Any, live_server: Any) -> Any:
    pass_the_screen(page, live_server)
    return page


def start(page: Any) -> None:
    page.get_by_role("radio", name="4", exact=True).check()
    page.get_by_role("button", name="Start").click()


def current_phase(page: Any) -> dict[str, Any]:
    state = snapshot(page)
    return state["phases"][state["phase"]]


def take_care(page: Any) -> list[str]:
    """The precautions on screen, or [] when the box is not visible."""
    box = page.locator("#now-precautions")
    if not box.is_visible():
        return []
    return [text.strip() for text in box.locator("li").all_inner_texts()]


def changing_the_timeline(page: Any, change: Callable[[dict[str, Any]], None]) -> None:
    """Serve the player page with its embedded timeline JSON changed by ``change``."""
    def handle(route: Any) -> None:
        response = route.fetch()
        html = response.text()
        found = re.search(r'(<script id="timeline" type="application/json">)(.*?)(</script>)',
                          html, re.S)
        assert found
        data = json.loads(unescape(found.group(2)))
        change(data)
        text = (json.dumps(data).replace("<", "\\u003C").replace(">", "\\u003E")
                .replace("&", "\\u0026"))
        route.fulfill(response=response,
                      body=html[:found.start(2)] + text + html[found.end(2):])

    page.route(lambda url: "/play/" in url, handle)


def test_precautions_show_while_getting_ready_and_go_during_the_exercise(player: Any) -> None:
    page = player
    data = open_player(page)
    first, second = data["steps"][0]["exercise"], None
    assert not page.locator("#now-precautions").is_visible()  # nothing before the start
    start(page)
    assert shown(page)["label"] == data["phases"][0]["text"]
    assert data["phases"][0]["kind"] == "get-ready"
    assert take_care(page) == data["exercises"][first]["precautions"] != []
    assert "Take care" in page.locator("#now-precautions").inner_text()

    page.clock.run_for(data["phases"][0]["seconds"] * 1000 + 500)  # into the first repetition
    assert shown(page)["label"] in ("Hold", "Move")
    assert take_care(page) == []

    for _ in range(30):  # on to the next exercise's get-ready
        page.get_by_role("button", name="Skip").click()
        if page.locator("#player").get_attribute("data-phase") == "ready":
            second = data["steps"][int(page.locator("#player").get_attribute("data-step"))]["exercise"]
            break
    assert second and second != first
    assert take_care(page) == data["exercises"][second]["precautions"] != []


def test_an_exercise_without_precautions_shows_no_box(player: Any) -> None:
    page = player

    def no_precautions_for_the_first(data: dict[str, Any]) -> None:
        data["exercises"][data["steps"][0]["exercise"]]["precautions"] = []

    changing_the_timeline(page, no_precautions_for_the_first)
    open_player(page)
    start(page)
    assert page.locator("#player").get_attribute("data-kind") == "get-ready"
    assert take_care(page) == []
    assert page.locator("#now-precautions li").count() == 0


def test_prone_props_get_ready_says_to_know_your_diagnosis_first(player: Any) -> None:
    page = player
    data = open_player(page, CRACK_WITH_DISC)
    assert "prone-props" in data["exercises"]
    start(page)
    for _ in range(100):
        phase = page.locator("#player").get_attribute("data-phase")
        step = data["steps"][int(page.locator("#player").get_attribute("data-step"))]
        if phase == "ready" and step["exercise"] == "prone-props":
            break
        page.get_by_role("button", name="Skip").click()
    else:
        raise AssertionError("never reached prone props")
    shown_now = take_care(page)
    assert shown_now == data["exercises"]["prone-props"]["precautions"]
    assert any("know your diagnosis" in line for line in shown_now)
    page.clock.run_for(current_phase(page)["seconds"] * 1000 + 500)
    assert take_care(page) == []


@pytest.mark.parametrize(("action", "label"), [("hold", "Hold"), ("move", "Move")])
def test_hold_or_move_comes_from_the_script(player: Any, action: str, label: str) -> None:
    page = player
    other = "move" if action == "hold" else "hold"

    def every_phase(data: dict[str, Any]) -> None:
        for phase in data["phases"]:
            if phase["kind"] in ("hold", "move"):
                phase["kind"], phase["text"] = action, label
        for step in data["steps"]:  # what the player must not decide from
            step["action"] = other

    changing_the_timeline(page, every_phase)
    data = open_player(page, PLAY)
    assert {p["kind"] for p in data["phases"]} & {"hold", "move"} == {action}
    start(page)
    seen = set()
    for _ in range(100):
        if snapshot(page)["state"] == "finished":
            break
        if page.locator("#player").get_attribute("data-kind") in ("hold", "move"):
            seen.add((page.locator("#player").get_attribute("data-kind"), shown(page)["label"]))
        page.get_by_role("button", name="Skip").click()
    assert seen == {(action, label)}
