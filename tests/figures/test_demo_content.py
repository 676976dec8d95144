"""The ``demo:`` block in content files: required, strict, and checked by check-content."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from backcare.content.demo_schema import Demo
from backcare.content.loader import collect_problems

GOOD = {
    "accent": ["trunk"],
    "frames": {
        "start": {"at": [0, 6.5], "trunk": 180, "neck": 168, "arm": -3, "forearm": 0,
                  "thigh": 50, "shin": -47, "foot": -12},
        "held": {"trunk": [170, 185]},
    },
}


def test_a_good_demo_parses_and_is_frozen() -> None:
    demo = Demo.model_validate(GOOD)
    assert demo.view == "side" and demo.anchor == "pelvis"
    with pytest.raises(ValidationError):
        demo.view = "front"  # type: ignore[misc]


@pytest.mark.parametrize(("change", "words"), [
    ({"colour": "red"}, "Extra inputs"),
    ({"view": "under"}, "side"),
    ({"anchor": "hands"}, "anchor must be one point"),
    ({"view": "front", "contacts": ["near-hand"]}, "left-/right-"),
    ({"contacts": ["left-hand"]}, "near-/far-"),
    ({"accent": []}, "at least 1"),
    ({"slides": ["knees"]}, "only hands and feet"),
    ({"frames": {"start": {"trunk": 180}, "held": {}}}, "start must give at"),
    ({"frames": {**GOOD["frames"], "held": {"wing": 3}}}, "Extra inputs"),
    ({"shorten": {"thigh": 1.5}}, "less than or equal to 1"),
])
def test_mistakes_in_a_demo_are_rejected(change: dict, words: str) -> None:
    with pytest.raises(ValidationError) as error:
        Demo.model_validate({**GOOD, **change})
    assert words in str(error.value)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_exercise_without_a_demo_is_a_content_problem(mini_copy: Path) -> None:
    path = mini_copy / "exercises/chair-stretch.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("demo:")], encoding="utf-8")
    _, problems = collect_problems(mini_copy)
    own = [p for p in problems if p.file == "exercises/chair-stretch.yaml"]
    assert [(p.field, p.message) for p in own] == [("demo", "is required but missing")]


def test_a_demo_that_cannot_be_drawn_is_reported(mini_copy: Path) -> None:
    path = mini_copy / "exercises/chair-stretch.yaml"
    # the anchored hips lifted off the seat: a declared contact that moves
    _edit(path, "held: {trunk: [45, 0]", "held: {at: [-20, 160], trunk: [45, 0]")
    _, problems = collect_problems(mini_copy)
    assert problems and all(p.file == "exercises/chair-stretch.yaml" for p in problems)
    assert all(p.field == "demo" for p in problems)
    assert any("contact hip is 108.5 units from where it starts" in p.message for p in problems)


def test_a_per_side_exercise_must_say_which_side_it_shows(mini_copy: Path) -> None:
    _edit(mini_copy / "exercises/lying-stretch.yaml", "  side_shown: right\n", "")
    _, problems = collect_problems(mini_copy)
    assert [(p.file, p.field) for p in problems] == [("exercises/lying-stretch.yaml", "demo")]
    assert "side_shown" in problems[0].message


def test_the_real_library_has_no_content_problems() -> None:
    root = Path(__file__).resolve().parents[2] / "content"
    library, problems = collect_problems(root)
    assert problems == [] and library is not None
