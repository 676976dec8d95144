"""Exercise texts that once said the opposite of their own figure (issue 10, "Text that is wrong").

Each test reads the text and the demo's keyframes from the same content file, so the words
and the figure cannot drift apart again unnoticed.
"""

from __future__ import annotations

from backcare.content import Library
from backcare.content.schema import Exercise

#: Angles point 0 = right, 90 = up, 180 = left (backcare/content/demo_schema.py).
UP = 90


def _all_text(exercise: Exercise) -> str:
    return " ".join((exercise.summary, *exercise.steps, *exercise.cues)).lower()


def _first(value: float | tuple[float, float] | None) -> float:
    assert value is not None
    return value[0] if isinstance(value, tuple) else value


def _last(value: float | tuple[float, float] | None) -> float:
    assert value is not None
    return value[-1] if isinstance(value, tuple) else value


def test_both_ql_stretches_lean_toward_the_supporting_hand(library: Library) -> None:
    for slug in ("seated-ql-stretch", "quadratus-lumborum-stretch"):
        exercise = library.exercises[slug]
        demo = exercise.demo
        # The figure: the left hand (as pictured) stays on the seat or floor, and the trunk
        # bends over to the picture's left, toward that hand, under the raised right arm.
        assert demo.view == "front" and "left-hand" in demo.contacts
        assert _last(demo.frames.held.trunk) > UP, slug
        assert _last(demo.frames.held.arm) > UP, slug  # the other arm reaches up and over
    seated = _all_text(library.exercises["seated-ql-stretch"])
    assert "lean away" not in seated and "anchored hand" not in seated
    assert "lean over toward the hand on the seat" in seated
    floor = _all_text(library.exercises["quadratus-lumborum-stretch"])
    assert "away from the raised arm" in floor  # = toward the hand resting beside you


def test_shoulder_blade_squeeze_describes_the_arms_of_its_figure(library: Library) -> None:
    exercise = library.exercises["shoulder-blade-squeeze"]
    start, held = exercise.demo.frames.start, exercise.demo.frames.held
    # The figure faces right: upper arms hang down, forearms point forward (elbows bent to a
    # right angle), and the squeeze draws the elbows back (the upper arm turns further back).
    assert abs(_first(start.arm) - -90) < 15
    assert abs(_first(start.forearm)) < 20
    assert _first(held.arm) < _first(start.arm) - 10
    text = _all_text(exercise)
    assert "arms relaxed by your sides" not in text
    assert "bend your elbows to a right angle" in text
    assert "forearms pointing forward" in text
    assert "draw your elbows back" in text


def test_seated_pelvic_tilt_says_one_thing_about_where_to_sit(library: Library) -> None:
    exercise = library.exercises["seated-pelvic-tilt"]
    text = _all_text(exercise)
    assert "near the front of a sturdy chair" in text
    # Sitting near the front, the back cannot press toward the chair back.
    assert "presses toward the chair back" not in text
    assert "away from the backrest" in text
    # The figure sits on the front half of the seat (its front edge is x = 0, the backrest
    # starts at x = -44) and never reaches back to the backrest.
    assert exercise.demo.frames.start.at is not None
    assert -22 < exercise.demo.frames.start.at[0] < 0
