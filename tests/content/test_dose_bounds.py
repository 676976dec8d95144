"""content/dose-bounds.yaml: the doses a clinician may prescribe, checked when content loads.

Mistakes are named with file, field and value, as `backcare check-content` prints them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backcare.cli.main import main
from backcare.content import Library
from backcare.content.bounds_schema import DOSE_LIMITS, DoseBoundsFile
from backcare.content.loader import collect_problems
from backcare.content.schema import Dose


def test_the_real_content_has_bounds_and_every_own_dose_lies_within(library: Library) -> None:
    bounds = library.dose_bounds
    assert bounds != DoseBoundsFile.unbounded()
    for ex in library.exercises.values():
        own = bounds.for_exercise(ex)
        for field in ("hold_seconds", "reps", "sets"):
            low, high = own.get(field)
            assert low <= getattr(ex.dose, field) <= high, (ex.slug, field)
    assert library.in_language("es").dose_bounds == bounds


def test_an_exercise_may_have_its_own_range() -> None:
    bounds = DoseBoundsFile.model_validate({
        "hold": {"hold_seconds": [10, 60], "reps": [1, 10], "sets": [1, 3]},
        "move": {"hold_seconds": [2, 10], "reps": [3, 20], "sets": [1, 3]},
        "exercises": {"bird-dog": {"reps": [2, 4]}}})
    assert bounds.exercises["bird-dog"].hold_seconds is None


def test_the_limits_are_the_dose_schemas() -> None:
    for field, (low, high) in DOSE_LIMITS.items():
        metadata = {type(m).__name__: m for m in Dose.model_fields[field].metadata}
        assert (metadata["Ge"].ge, metadata["Le"].le) == (low, high)


def test_without_the_file_every_dose_the_schema_allows_is_allowed(mini_copy: Path) -> None:
    library, problems = collect_problems(mini_copy)
    assert problems == [] and library is not None
    assert library.dose_bounds == DoseBoundsFile.unbounded()


def _bounds(root: Path, text: str) -> None:
    (root / "dose-bounds.yaml").write_text(text, encoding="utf-8")


VALID = ("hold: {hold_seconds: [10, 60], reps: [1, 10], sets: [1, 3]}\n"
         "move: {hold_seconds: [2, 10], reps: [3, 20], sets: [1, 3]}\n")


def test_a_valid_file_loads(mini_copy: Path) -> None:
    _bounds(mini_copy, VALID + "exercises:\n  chair-stretch: {reps: [1, 5]}\n")
    library, problems = collect_problems(mini_copy)
    assert problems == [] and library is not None
    assert library.dose_bounds.for_exercise(library.exercises["chair-stretch"]).reps == (1, 5)


@pytest.mark.parametrize(("text", "field", "words"), [
    ("hold: {hold_seconds: [60, 10], reps: [1, 10], sets: [1, 3]}\n"
     "move: {hold_seconds: [2, 10], reps: [3, 20], sets: [1, 3]}\n",
     "hold.hold_seconds", "is [60, 10]: write the lowest value first"),
    ("hold: {hold_seconds: [10, 500], reps: [1, 10], sets: [1, 3]}\n"
     "move: {hold_seconds: [2, 10], reps: [3, 20], sets: [1, 3]}\n",
     "hold.hold_seconds[1]", "has value 500"),
    ("hold: {hold_seconds: [10, 60], reps: [1, 10], sets: [1, 3]}\n",
     "move", "is required but missing"),
    (VALID + "exercises:\n  chair-stretch: {reps: [1, 2, 3]}\n",
     "exercises.chair-stretch.reps", ""),
    (VALID + "exercises:\n  chair-stretch: {rest_seconds: [1, 2]}\n",
     "exercises.chair-stretch.rest_seconds", "is not a known field"),
    (VALID + "exercises:\n  moon-walk: {reps: [1, 2]}\n",
     "exercises.moon-walk", "names exercise 'moon-walk', which does not exist"),
    (VALID + "exercises:\n  chair-stretch: {hold_seconds: [40, 60]}\n",
     "exercises.chair-stretch.hold_seconds", "is [40, 60], which leaves out 'chair-stretch'"),
    (VALID.replace("reps: [1, 10]", "reps: [5, 10]"),
     "hold.reps", "own dose of reps 3 (exercises/chair-stretch.yaml, dose.reps)"),
])
def test_each_mistake_is_named_by_file_field_and_value(
        mini_copy: Path, text: str, field: str, words: str) -> None:
    _bounds(mini_copy, text)
    library, problems = collect_problems(mini_copy)
    assert library is None
    found = [p for p in problems if p.file == "dose-bounds.yaml" and p.field == field]
    assert found, [str(p) for p in problems]
    assert any(words in p.message for p in found), [str(p) for p in found]


def test_check_content_prints_the_problem(mini_copy: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    _bounds(mini_copy, VALID.replace("reps: [1, 10]", "reps: [5, 10]"))
    code = main(["check-content", str(mini_copy)])
    out = capsys.readouterr()
    assert code != 0
    assert "dose-bounds.yaml: hold.reps: is [5, 10], which leaves out 'chair-stretch'" in \
        out.out + out.err
