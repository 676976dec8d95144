"""The player's figure tells the truth: still while the person holds still, moving while
they move, and doing the side they are doing (mirrored for the side it is not drawn on),
with a caption that says so."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageOps

from tests.browser.player_helpers import open_player, pass_the_screen, script_phases

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def start(page: Any) -> None:
    page.get_by_role("radio", name="2", exact=True).check()
    page.get_by_role("button", name="Start").click()


def run_to(page: Any, ms: int) -> None:
    elapsed = page.evaluate("window.backcarePlayer.snapshot().elapsed")
    page.clock.run_for(max(1, round(ms - elapsed)))


def figure(page: Any) -> Image.Image:
    page.wait_for_function("() => { const i = document.getElementById('now-demo');"
                           " return i.complete && i.naturalWidth > 0; }")
    return Image.open(io.BytesIO(page.locator("#now-demo").screenshot())).convert("RGB")


def differing_pixels(a: Image.Image, b: Image.Image) -> int:
    assert a.size == b.size
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 40 else 0)
    return diff.histogram()[255]


@pytest.fixture
def playing(page: Any, live_server: Any) -> tuple[Any, list[Any]]:
    page.set_viewport_size({"width": 390, "height": 844})
    pass_the_screen(page, live_server)
    data = open_player(page)
    start(page)
    return page, script_phases(data)


def test_the_figure_holds_still_through_a_30_second_hold(playing: tuple[Any, list[Any]]) -> None:
    page, phases = playing
    hold = next(p for p in phases if p.kind == "hold" and p.end - p.start == 30_000)
    run_to(page, hold.start + 5_000)
    early = figure(page)
    src = page.locator("#now-demo").get_attribute("src")
    assert "pose=held" in src
    page.wait_for_timeout(1_200)  # real time too: a CSS animation would have moved on
    run_to(page, hold.start + 25_000)
    assert page.locator("#now-demo").get_attribute("src") == src
    assert differing_pixels(early, figure(page)) == 0


def test_the_other_side_is_the_mirror_image(playing: tuple[Any, list[Any]]) -> None:
    page, phases = playing
    seen = {}
    for side in ("left", "right"):
        hold = next(p for p in phases if p.kind == "hold" and p.side == side)
        run_to(page, hold.start + 5_000)
        box = page.locator("#figure-box")
        assert box.get_attribute("data-side") == side
        caption = page.locator("#figure-caption").inner_text()
        assert f"Shown on the {side} side." in caption
        assert "Repeat on the" not in caption  # no caption for a side not on screen
        assert page.locator("#now-side").inner_text() == f"{side.capitalize()} side"
        seen[side] = (figure(page), box.get_attribute("data-mirrored"))
    (left, left_mirrored), (right, right_mirrored) = seen["left"], seen["right"]
    assert {left_mirrored, right_mirrored} == {"true", "false"}
    assert differing_pixels(left, right) > 50  # not the same picture...
    assert differing_pixels(ImageOps.mirror(left), right) < 0.01 * right.width * right.height


def test_the_figure_moves_while_getting_ready_and_during_movement(
        playing: tuple[Any, list[Any]]) -> None:
    page, phases = playing
    move = next(p for p in phases if p.kind == "move")
    run_to(page, move.start + 500)
    assert page.locator("#figure-box").get_attribute("data-pose") == "moving"
    src = page.locator("#now-demo").get_attribute("src")
    assert "pose=" not in src
    first = figure(page)
    moved = False
    for _ in range(30):  # the CSS animation runs in real time
        page.wait_for_timeout(150)
        if differing_pixels(first, figure(page)) > 20:
            moved = True
            break
    assert moved, "the figure stood still during a movement rep"
    rest = next(p for p in phases if p.kind == "rest" and p.start > move.start)
    run_to(page, rest.start + 200)
    assert page.locator("#figure-box").get_attribute("data-pose") == "start"
