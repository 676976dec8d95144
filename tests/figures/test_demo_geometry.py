"""Every exercise's demo is a plausible body at every moment of its animation loop.

The checks sample the animation the way a browser plays it (``backcare.figures.sample``
interpolates the same stops the SVG's CSS holds), not just the keyframes.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from backcare.figures import compile_demo, figure_problems, sample, sample_times
from backcare.figures.checks import CONTACT_LIMIT, FLOOR_TOLERANCE, demo_problems
from backcare.figures.kinematics import TURNING, frame_sequence, girdle_factor
from backcare.figures.shapes import obstacles
from backcare.figures.skeleton import BODY_HEIGHT, HEAD_RADIUS, SEGMENTS, segment_lengths

from .conftest import LIBRARY, SLUGS

FIGURES = {slug: compile_demo(LIBRARY.exercises[slug]) for slug in SLUGS}
PER_SECOND = 25


def moments(slug: str) -> list[tuple[float, dict[str, tuple[float, float]]]]:
    track = FIGURES[slug].track
    return [(t, sample(track, t)) for t in sample_times(track, PER_SECOND)]


def test_every_exercise_has_a_demo() -> None:
    assert len(SLUGS) == 28
    assert all(LIBRARY.exercises[s].demo is not None for s in SLUGS)


def _keyframe_lengths(slug: str) -> dict[str, dict[str, float]]:
    """Each keyframe's segment lengths as the YAML says: the demo's shorten, the start's,
    the frame's own (no turn of the shoulder line)."""
    demo = FIGURES[slug].demo
    start = dict(demo.shorten) | dict(demo.frames.start.shorten or {})
    return {name: segment_lengths(demo.view, start | dict(pose.shorten or {}))
            for name, pose in frame_sequence(demo.frames)}


@pytest.mark.parametrize("slug", SLUGS)
def test_segment_lengths_change_only_as_the_keyframes_say(slug: str) -> None:
    """The shoulder line looks narrower only as far as its turn (front view); a segment is
    drawn shorter only as far as a keyframe's own ``shorten`` says, in that keyframe
    exactly and in between never outside what the keyframes say."""
    figure = FIGURES[slug]
    track = figure.track
    said = _keyframe_lengths(slug)
    for name in track.keyframes:
        share = girdle_factor(track.keyframes[name].angles["turn"])
        pos = figure.pose(name)
        for seg in SEGMENTS:
            length = said[name][seg.name] * (share if seg.name in TURNING else 1.0)
            assert math.dist(pos[seg.parent], pos[seg.child]) == pytest.approx(
                length, abs=0.05), f"{name}: {seg.name}"
    for t, pos in moments(slug):
        share = track.girdle.at(t)
        for seg in SEGMENTS:
            values = [lengths[seg.name] for lengths in said.values()]
            k = share if seg.name in TURNING else 1.0
            drawn = math.dist(pos[seg.parent], pos[seg.child])
            assert min(values) * k - 0.05 <= drawn <= max(values) * k + 0.05, (
                f"{t:.2f}s: {seg.name}")


def test_a_keyframe_can_shorten_a_segment_for_itself() -> None:
    """Thread the needle: the arm that slides under the body looks shorter once it lies
    flat, pointing away; the doorway stretch's upper arm is seen end-on mid-step."""
    needle = FIGURES["thread-the-needle"]
    assert math.dist(*(needle.pose("held")[j] for j in ("shoulder_a", "hand_a"))) < 25
    assert math.dist(*(needle.pose("start")[j] for j in ("shoulder_a", "hand_a"))) > 60
    door = FIGURES["doorway-chest-stretch"]
    upper = {n: math.dist(door.pose(n)["shoulder_a"], door.pose(n)["elbow_a"])
             for n in ("start", "middle", "held")}
    assert upper["middle"] < upper["start"] and upper["middle"] < 33


@pytest.mark.parametrize("slug", SLUGS)
def test_no_part_goes_below_the_floor_or_into_the_chair(slug: str) -> None:
    figure = FIGURES[slug]
    solid = obstacles(figure.demo.view, figure.demo.props)
    if "chair" in figure.demo.props and figure.demo.view == "side":
        assert solid, "the side view must check the chair"
    for t, pos in moments(slug):
        for seg in SEGMENTS:
            a, b = pos[seg.parent], pos[seg.child]
            half = HEAD_RADIUS if seg.name == "head" else seg.width / 2
            points = [b] if seg.name == "head" else [
                (a[0] + (b[0] - a[0]) * k / 8, a[1] + (b[1] - a[1]) * k / 8) for k in range(9)]
            for p in points:
                if figure.demo.view != "above":
                    assert p[1] - half >= -FLOOR_TOLERANCE, f"{seg.name} below the floor at {t}s"
                for rect in solid:
                    assert rect.distance(p) >= half - 1.0, f"{seg.name} in the chair at {t}s"


@pytest.mark.parametrize("slug", SLUGS)
def test_declared_contacts_stay_put(slug: str) -> None:
    figure = FIGURES[slug]
    assert figure.contacts, "every demo names what stays in contact"
    for t, pos in moments(slug):
        for joint, target in figure.targets.items():
            moved = math.dist(pos[joint], target)
            assert moved < 0.02 * BODY_HEIGHT == CONTACT_LIMIT, f"{joint} moved {moved:.1f} at {t}s"


@pytest.mark.parametrize("slug", SLUGS)
def test_held_position_differs_from_start_and_is_held(slug: str) -> None:
    figure = FIGURES[slug]
    start, held = figure.pose("start"), figure.pose("held")
    assert max(math.dist(start[j], held[j]) for j in start) >= 5.0
    track = figure.track
    # the hold is really still: a good stretch of time around its middle shows one pose
    still_for = track.timing.hold
    assert still_for >= 1.0
    middle = sample(track, track.held_time)
    for dt in (-0.45 * still_for, 0.45 * still_for):
        pos = sample(track, track.held_time + dt)
        assert max(math.dist(pos[j], middle[j]) for j in pos) < 0.05
    assert max(math.dist(middle[j], held[j]) for j in held) < 0.05


@pytest.mark.parametrize("slug", SLUGS)
def test_timing_follows_the_dose(slug: str) -> None:
    exercise = LIBRARY.exercises[slug]
    track = FIGURES[slug].track
    assert track.duration <= 40
    assert track.timing.hold == min(exercise.dose.hold_seconds, 6)
    assert 1.2 <= track.timing.move <= 3
    start_again = sample(track, track.duration)
    start = sample(track, 0.0)
    assert max(math.dist(start[j], start_again[j]) for j in start) < 0.05, "the loop is seamless"


@pytest.mark.parametrize("slug", SLUGS)
def test_no_other_problems(slug: str) -> None:
    assert figure_problems(FIGURES[slug], per_second=PER_SECOND) == []
    assert demo_problems(LIBRARY.exercises[slug]) == []


def test_the_figure_is_an_adult_about_180_units_tall() -> None:
    standing = FIGURES["doorway-chest-stretch"].pose("start")
    top = standing["head"][1] + HEAD_RADIUS
    assert 170 <= top <= 190
    assert standing["toe_b"][1] >= 0


@pytest.mark.parametrize(("slug", "check"), [
    # lying on the back with knees bent: shoulders and hips low, knees up
    ("pelvic-tilt", lambda p: p["chest"][1] < 15 and p["hip"][1] < 15 and p["knee_a"][1] > 30),
    # bridge: hips lifted well off the floor, shoulders and feet down
    ("bridge", lambda p: p["hip"][1] > 20 and p["chest"][1] < 15 and p["ankle_a"][1] < 12),
    # cat/cow: hands and knees on the floor, hips and shoulders up
    ("cat-cow", lambda p: p["knee_a"][1] < 8 and p["hand_a"][1] < 8 and p["hip"][1] > 40),
    # child's pose: sat back toward the heels, chest low
    ("childs-pose", lambda p: p["hip"][1] < 25 and p["hip"][0] < p["knee_a"][0] - 30
     and p["chest"][1] < 30),
    # prone props: on the stomach, propped on the forearms
    ("prone-props", lambda p: p["hip"][1] < 10 and p["chest"][1] > 30 and p["elbow_a"][1] < 8),
    # seated: hips on the seat, feet on the floor
    ("seated-forward-bend", lambda p: 45 < p["hip"][1] < 60 and p["ankle_a"][1] < 12),
    # standing: tall, feet down
    ("doorway-chest-stretch", lambda p: p["chest"][1] > 130 and p["ankle_b"][1] < 12),
])
def test_the_body_is_in_the_described_position(slug: str, check: Any) -> None:
    assert check(FIGURES[slug].pose("held"))
