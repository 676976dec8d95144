"""The SVGs in a real chromium: the held frame renders (not blank), the CSS animation moves
the joints exactly where the Python model says at any moment, and with reduced motion the
figure rests in the held position."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest

from backcare.figures import compile_demo, render_svg, sample

from .conftest import LIBRARY, SLUGS, inked_pixels

pytestmark = pytest.mark.browser

JOINT_POSITIONS = """(prefix) => {
  const svg = document.querySelector('svg');
  const base = svg.getScreenCTM().inverse();
  const out = {};
  for (const g of document.querySelectorAll('g[class]')) {
    const m = base.multiply(g.getScreenCTM());
    out[g.getAttribute('class')] = [m.e, m.f];
  }
  return out;
}"""
SEEK = """(ms) => {
  for (const a of document.getAnimations()) { a.pause(); a.currentTime = ms; }
}"""


def page_with(chromium: Any, svg: str, *, reduced: bool = False) -> Any:
    context = chromium.new_context(viewport={"width": 480, "height": 360},
                                   reduced_motion="reduce" if reduced else "no-preference")
    page = context.new_page()
    page.set_content(f"<!doctype html><body style='margin:0;background:#fff'>{svg}</body>")
    return page


@pytest.fixture(scope="module")
def pages(chromium: Any) -> Iterator[dict[str, Any]]:
    opened: dict[str, Any] = {}
    yield opened
    for page in opened.values():
        page.context.close()


@pytest.mark.parametrize("slug", SLUGS)
def test_held_frame_renders_and_is_not_blank(chromium: Any, slug: str) -> None:
    page = page_with(chromium, render_svg(LIBRARY.exercises[slug]), reduced=True)
    try:
        assert page.evaluate("document.getAnimations().length") == 0
        png = page.locator("svg").screenshot()
        assert inked_pixels(png) > 1500, "the figure should show"
    finally:
        page.context.close()


@pytest.mark.parametrize("slug", SLUGS)
def test_css_animation_matches_the_model(chromium: Any, slug: str) -> None:
    exercise = LIBRARY.exercises[slug]
    figure = compile_demo(exercise)
    track = figure.track
    svg = render_svg(exercise, figure=figure)
    prefix = "".join(c for c in slug if c.isalnum())[:24]
    page = page_with(chromium, svg)
    try:
        assert page.evaluate("document.getAnimations().length") > 0
        origins: dict[str, tuple[float, float]] = {}
        for t in (0.0, track.timing.rest + track.timing.move * 0.37, track.held_time,
                  track.duration * 0.77):
            page.evaluate(SEEK, t * 1000)
            got = page.evaluate(JOINT_POSITIONS, prefix)
            model = sample(track, t)
            root = got.get(f"{prefix}-r")
            for i, edge in enumerate(track.edges):
                key = f"{prefix}-{i}"
                if key not in got:
                    continue
                x, y = got[key]
                if root is not None:  # the anchor moves: compare with the anchor
                    dx, dy = x - root[0], -(y - root[1])
                    ax, ay = model[track.anchor]
                else:  # compare with the same group at time 0
                    origins.setdefault(key, (x, y))
                    dx, dy = x - origins[key][0], -(y - origins[key][1])
                    ax, ay = sample(track, 0.0)[edge.start]
                ex, ey = model[edge.start][0] - ax, model[edge.start][1] - ay
                assert math.hypot(dx - ex, dy - ey) < 0.6, (
                    f"{slug} at {t:.2f}s: joint {edge.start} is off by "
                    f"{math.hypot(dx - ex, dy - ey):.2f} units")
    finally:
        page.context.close()


def test_animation_moves_the_picture(chromium: Any) -> None:
    page = page_with(chromium, render_svg(LIBRARY.exercises["bridge"]))
    try:
        track = compile_demo(LIBRARY.exercises["bridge"]).track
        page.evaluate(SEEK, 0)
        start = page.locator("svg").screenshot()
        page.evaluate(SEEK, track.held_time * 1000)
        held = page.locator("svg").screenshot()
        assert start != held
    finally:
        page.context.close()
