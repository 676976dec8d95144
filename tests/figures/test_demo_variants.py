"""What #13 asked of the figures: still and caption-free forms of every demo.svg (one size,
so a player can swap them), a 400 naming a bad value, a second view, and the figures a
physical therapist found misleading or unclear now showing the movement."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from pydantic import ValidationError

from backcare.content.demo_schema import Demo
from backcare.figures import compile_demo, figure_problems, render_svg, sample, sample_times
from backcare.figures.checks import demo_problems
from backcare.figures.layout import layout, notes
from backcare.figures.shapes import DOOR_POST
from backcare.figures.still import still_frame

from .conftest import LIBRARY, SLUGS

NS = "{http://www.w3.org/2000/svg}"


def _size(svg: bytes | str) -> tuple[str | None, str | None, str | None]:
    root = ET.fromstring(svg)
    return root.get("viewBox"), root.get("width"), root.get("height")


@pytest.mark.django_db
def test_every_form_of_a_demo_has_one_size(client: Client) -> None:
    for slug in SLUGS:
        url = f"/exercises/{slug}/demo.svg"
        moving, held, start = (client.get(url + q) for q in
                               ("?text=0", "?pose=held&text=0", "?pose=start&text=0"))
        assert {r.status_code for r in (moving, held, start)} == {200}
        assert _size(moving.content) == _size(held.content) == _size(start.content), slug
        with_text = _size(client.get(url + "?pose=held").content)
        assert with_text == _size(client.get(url).content)
        assert with_text[1] == _size(held.content)[1], "the same width with or without words"


@pytest.mark.django_db
def test_still_forms_do_not_move_and_text_0_has_no_words(client: Client) -> None:
    url = "/exercises/bird-dog/demo.svg"
    for query in ("?pose=held", "?pose=start", "?pose=start&text=0"):
        text = client.get(url + query).content.decode()
        assert "@keyframes" not in text and "animation:" not in text.replace(
            "animation:none", "")
    assert "<text" not in client.get(url + "?text=0").content.decode()
    assert "<text" not in client.get(url + "?pose=held&text=0").content.decode()
    assert "Left side shown" in client.get(url + "?pose=held").content.decode()
    # start and held are different pictures
    assert client.get(url + "?pose=start").content != client.get(url + "?pose=held").content


@pytest.mark.django_db
def test_the_default_picture_is_unchanged(client: Client) -> None:
    for slug in ("bridge", "cat-cow"):
        body = client.get(f"/exercises/{slug}/demo.svg").content.decode()
        assert body == render_svg(LIBRARY.exercises[slug])
        assert "@keyframes" in body and "<text" in body or not notes(LIBRARY.exercises[slug])


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "words"), [
    ("pose=middle", ["pose", "'middle'", "held, start"]),
    ("pose=", ["pose", "''", "held, start"]),
    ("text=no", ["text", "'no'", "0, 1"]),
    ("pose=held&text=2", ["text", "'2'", "0, 1"]),
])
def test_unknown_values_are_a_400_that_says_what_is_allowed(
        client: Client, query: str, words: list[str]) -> None:
    response = client.get(f"/exercises/bridge/demo.svg?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    message = response.content.decode()
    assert all(w in message for w in words), message


@pytest.mark.django_db
def test_the_gallery_is_a_grid_with_its_own_stylesheet(client: Client) -> None:
    html = client.get("/exercises/demos/").content.decode()
    assert 'href="/static/catalogue/demos.css"' in html
    assert 'class="cards demo-cards demo-grid"' in html


@pytest.mark.parametrize("slug", SLUGS)
def test_captions_say_each_thing_once(slug: str) -> None:
    exercise = LIBRARY.exercises[slug]
    said = notes(exercise)
    assert len(said) == len(set(said))
    assert sum(1 for line in said if "seen from" in line.lower()) <= 1, said


def test_thread_the_needle_says_where_it_is_seen_from_once() -> None:
    assert notes(LIBRARY.exercises["thread-the-needle"]) == [
        "The small picture shows the same moment from the front.",
        "Right side shown. Repeat on the left."]


def _elbow_turns(slug: str) -> list[float]:
    """Forearm against upper arm (degrees, + = bending the way an elbow bends) of every
    arm that holds the body up, at every moment of the loop."""
    figure = compile_demo(LIBRARY.exercises[slug])
    turns = []
    for t in sample_times(figure.track, 25):
        pos = sample(figure.track, t)
        for s in "ab":
            if f"hand_{s}" not in figure.targets:
                continue
            sh, el, ha = pos[f"shoulder_{s}"], pos[f"elbow_{s}"], pos[f"hand_{s}"]
            a1 = math.atan2(el[1] - sh[1], el[0] - sh[0])
            a2 = math.atan2(ha[1] - el[1], ha[0] - el[0])
            turns.append(math.degrees(math.atan2(math.sin(a2 - a1), math.cos(a2 - a1))))
    return turns


@pytest.mark.parametrize("slug", ["cat-cow", "bird-dog"])
def test_on_hands_and_knees_the_elbows_stay_straight_or_bend_the_right_way(slug: str) -> None:
    turns = _elbow_turns(slug)
    assert turns and min(turns) >= -2.0, "an elbow bends backward"
    assert max(turns) <= 15.0, "the arms holding the body up stay nearly straight"


def test_doorway_stretch_takes_the_chest_through_the_frame() -> None:
    figure = compile_demo(LIBRARY.exercises["doorway-chest-stretch"])
    post_front = DOOR_POST.x + DOOR_POST.w
    assert figure.pose("start")["chest"][0] < DOOR_POST.x - 2, "it starts in the doorway"
    held = figure.pose("held")
    assert held["chest"][0] > post_front + 8
    assert held["elbow_a"][0] < held["chest"][0] - 10, "the elbows stay back on the frame"
    # all the way through the step, the elbows stay on the post (no slipping or flipping)
    for t in sample_times(figure.track, 25):
        elbow = sample(figure.track, t)["elbow_a"]
        assert DOOR_POST.x - 2 <= elbow[0] <= post_front + 2, f"elbow off the frame at {t:.2f}s"


@pytest.mark.parametrize(("slug", "joint", "at_least"), [
    ("chin-tuck", "head", 8.0),
    ("seated-pelvic-tilt", "waist", 10.0),
])
def test_small_movements_are_drawn_big_enough_to_see(slug: str, joint: str,
                                                     at_least: float) -> None:
    figure = compile_demo(LIBRARY.exercises[slug])
    assert math.dist(figure.pose("start")[joint], figure.pose("held")[joint]) >= at_least


# --- a second view -----------------------------------------------------------------------

SECOND = {"view": "side", "props": ["mat"], "contacts": ["hands"], "accent": ["legs"],
          "frames": {"start": {"at": [0, 6.5], "trunk": 180, "neck": 168, "head": 162, "arm": -3,
                               "forearm": 0, "thigh": 50, "shin": -47, "foot": -12},
                     "held": {"thigh": 60, "shin": -40}}}


def _with_second_view() -> tuple[object, Demo]:
    """Supine trunk rotation with its views swapped: a flat side view, the small one above."""
    exercise = LIBRARY.exercises["supine-trunk-rotation"]
    above = exercise.demo.model_dump(exclude={"also", "side_shown", "caption"})
    assert exercise.demo.also is not None
    flat = exercise.demo.also.model_dump()
    demo = Demo.model_validate({**flat, "side_shown": "left", "also": above})
    return exercise.model_copy(update={"demo": demo}), demo


def test_a_second_view_is_drawn_beside_the_first_and_moves_with_it() -> None:
    exercise, demo = _with_second_view()
    figure = compile_demo(exercise)  # type: ignore[arg-type]
    other = compile_demo(exercise, demo.also)  # type: ignore[arg-type]
    assert other.track.duration == figure.track.duration
    assert figure_problems(other) == []
    assert demo_problems(exercise) == []  # type: ignore[arg-type]
    plan = layout(exercise)  # type: ignore[arg-type]
    assert len(plan.panels) == 2 and plan.panels[1].scale < 1
    first, second = plan.panels
    # lying down, the first view is flat: the second goes under it, not beside it
    assert second.top >= first.top + first.height
    assert plan.width < first.width + second.width
    svg = render_svg(exercise)  # type: ignore[arg-type]
    ET.fromstring(svg)
    assert "supinetrunkrotationv1-" in svg
    durations = set(re.findall(r"animation:\S+ ([\d.]+)s linear infinite", svg))
    assert len(durations) == 1
    assert "The small picture shows the same moment from above." in " ".join(
        re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    still = render_svg(exercise, animate=False, frame="start", text=False)  # type: ignore[arg-type]
    assert _size(still)[:2] == _size(render_svg(exercise, text=False))[:2]  # type: ignore[arg-type]
    frame = still_frame(exercise)  # type: ignore[arg-type]
    assert frame.width == pytest.approx(plan.width)


@pytest.mark.parametrize(("change", "words"), [
    ({"view": "above"}, "another view"),
    ({"frames": {**SECOND["frames"], "then": {"thigh": 60}}}, "'then' frame"),
])
def test_a_second_view_must_differ_and_keep_time(change: dict, words: str) -> None:
    base = LIBRARY.exercises["supine-trunk-rotation"].demo.model_dump()
    with pytest.raises(ValidationError) as error:
        Demo.model_validate({**base, "also": {**SECOND, **change}})
    assert words in str(error.value)


# --- a trunk that turns, seen from the front ---------------------------------------------

def test_a_turning_trunk_narrows_the_shoulders_from_the_front() -> None:
    exercise = LIBRARY.exercises["seated-trunk-rotation"]
    figure = compile_demo(exercise)
    assert figure.demo.view == "front" and exercise.demo.also is not None
    start, held = figure.pose("start"), figure.pose("held")
    width = [math.dist(p["shoulder_a"], p["shoulder_b"]) for p in (start, held)]
    assert width[1] < 0.7 * width[0], "the shoulder line looks narrower when turned"
    assert held["hand_a"][0] > held["hip_b"][0], "a hand reaches across to the other knee"
    svg = render_svg(exercise)
    assert "seatedtrunkrotation-kw" in svg and "seatedtrunkrotation-kg" in svg


def test_a_turn_is_only_for_the_front_view() -> None:
    base = LIBRARY.exercises["supine-trunk-rotation"].demo.model_dump()
    frames = {**base["frames"], "held": {**base["frames"]["held"], "turn": 30}}
    with pytest.raises(ValidationError) as error:
        Demo.model_validate({**base, "frames": frames})
    assert "only for the front view" in str(error.value)
