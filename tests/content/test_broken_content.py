"""Broken content never reaches users: each kind of mistake is reported with file, field and problem.

Every case breaks a copy of the small fixture library in one way, then checks what
`collect_problems` (and so `backcare check-content`, the system check and wsgi.py) says.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from backcare.content import ContentError, load_library
from backcare.content.loader import collect_problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


Breaker = Callable[[Path], None]

CASES: list[tuple[str, Breaker, str, str, str]] = [
    # (kind of breakage, how, file, field, words the message must contain)
    ("missing field",
     lambda d: edit(d / "exercises/chair-stretch.yaml", "kind: stretch\n", ""),
     "exercises/chair-stretch.yaml", "kind", "required"),
    ("unknown field",
     lambda d: edit(d / "exercises/chair-stretch.yaml", "kind: stretch", "kind: stretch\ncolour: red"),
     "exercises/chair-stretch.yaml", "colour", "not a known field"),
    ("value not allowed",
     lambda d: edit(d / "exercises/chair-stretch.yaml", "position: seated", "position: upside-down"),
     "exercises/chair-stretch.yaml", "position", "'upside-down'"),
    ("dose out of range",
     lambda d: edit(d / "exercises/lying-stretch.yaml", "hold_seconds: 30", "hold_seconds: 900"),
     "exercises/lying-stretch.yaml", "dose.hold_seconds", "900"),
    ("wrong type",
     lambda d: edit(d / "exercises/lying-stretch.yaml", "per_side: true", "per_side: sometimes"),
     "exercises/lying-stretch.yaml", "per_side", "'sometimes'"),
    ("unknown exercise in a routine",
     lambda d: edit(d / "routines/floor-routine.yaml", "exercise: belly-prop", "exercise: flying-leap"),
     "routines/floor-routine.yaml", "phases[1].items[0].exercise", "'flying-leap'"),
    ("related link to nothing",
     lambda d: edit(d / "routines/chair-routine.yaml", "related: [floor-routine]", "related: [gone-routine]"),
     "routines/chair-routine.yaml", "related[0]", "'gone-routine'"),
    ("condition lists a missing routine",
     lambda d: edit(d / "conditions/test-pain.yaml", "chair-routine]", "sofa-routine]"),
     "conditions/test-pain.yaml", "routines[1]", "'sofa-routine'"),
    ("seated alternative that does not exist",
     lambda d: edit(d / "exercises/lying-stretch.yaml", "seated_alternative: chair-stretch", "seated_alternative: stool-stretch"),
     "exercises/lying-stretch.yaml", "seated_alternative", "'stool-stretch'"),
    ("seated alternative that needs the floor",
     lambda d: edit(d / "exercises/lying-stretch.yaml", "seated_alternative: chair-stretch", "seated_alternative: belly-prop"),
     "exercises/lying-stretch.yaml", "seated_alternative", "needs the floor"),
    ("duplicate slug",
     lambda d: (d / "exercises/chair-stretch-copy.yaml").write_text(
         (d / "exercises/chair-stretch.yaml").read_text()),
     "exercises/chair-stretch-copy.yaml", "slug", "duplicate slug 'chair-stretch'"),
    ("slug that does not match the file name",
     lambda d: edit(d / "routines/chair-routine.yaml", "slug: chair-routine", "slug: armchair-routine"),
     "routines/chair-routine.yaml", "slug", "chair-routine.yaml"),
    ("bad YAML",
     lambda d: edit(d / "routines/chair-routine.yaml", "title: Chair routine", "title: [Chair routine"),
     "routines/chair-routine.yaml", "", "not valid YAML at line"),
    ("a file that is not a mapping",
     lambda d: (d / "exercises/chair-stretch.yaml").write_text("- just\n- a list\n"),
     "exercises/chair-stretch.yaml", "", "mapping"),
    ("badly formed slug",
     lambda d: edit(d / "routines/floor-routine.yaml", "related: [chair-routine]", "related: [Chair Routine]"),
     "routines/floor-routine.yaml", "related[0]", "'Chair Routine'"),
    ("empty routine",
     lambda d: edit(d / "routines/chair-routine.yaml", "    items:\n      - exercise: chair-stretch\n", "    items: []\n"),
     "routines/chair-routine.yaml", "phases[0].items", "at least 1"),
    ("missing site texts",
     lambda d: (d / "site.yaml").unlink(),
     "site.yaml", "", "missing"),
    ("same slug for an exercise and a routine",
     lambda d: (d / "routines/chair-stretch.yaml").write_text(
         (d / "routines/chair-routine.yaml").read_text().replace("slug: chair-routine", "slug: chair-stretch")),
     "routines/chair-stretch.yaml", "slug", "also an exercise"),
    ("a diagnosis both required and excluded",
     lambda d: edit(d / "exercises/belly-prop.yaml", "rules: {only_with_diagnosis: [disc]}",
                    "rules: {only_with_diagnosis: [disc], not_with_diagnosis: [disc]}"),
     "exercises/belly-prop.yaml", "rules", "both required and excluded"),
    ("condition slug taken by a site page",
     lambda d: (d / "conditions/exercises.yaml").write_text(
         (d / "conditions/test-pain.yaml").read_text().replace("slug: test-pain", "slug: exercises")),
     "conditions/exercises.yaml", "slug", "taken by the site"),
    ("routine related to itself",
     lambda d: edit(d / "routines/chair-routine.yaml", "related: [floor-routine]", "related: [chair-routine]"),
     "routines/chair-routine.yaml", "related[0]", "itself"),
]


def test_the_fixture_library_is_valid(mini_copy: Path) -> None:
    library, problems = collect_problems(mini_copy)
    assert problems == []
    assert library is not None and set(library.routines) == {"floor-routine", "chair-routine"}


@pytest.mark.parametrize(("kind", "breaker", "file", "field", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_broken_content_is_named(
    mini_copy: Path, kind: str, breaker: Breaker, file: str, field: str, words: str
) -> None:
    breaker(mini_copy)
    library, problems = collect_problems(mini_copy)
    assert library is None, "a broken library must never be handed out"
    matching = [p for p in problems if p.file == file and p.field == field]
    assert matching, f"no problem reported for {file} {field!r}; got {[str(p) for p in problems]}"
    assert any(words in p.message or words in str(p) for p in matching), [str(p) for p in matching]


def test_every_problem_is_reported_at_once(mini_copy: Path) -> None:
    for _, breaker, *_ in (CASES[0], CASES[3], CASES[5], CASES[6]):
        breaker(mini_copy)
    with pytest.raises(ContentError) as caught:
        load_library(mini_copy)
    files = {p.file for p in caught.value.problems}
    assert {"exercises/chair-stretch.yaml", "exercises/lying-stretch.yaml",
            "routines/floor-routine.yaml", "routines/chair-routine.yaml"} <= files
    assert "routines/floor-routine.yaml: phases[1].items[0].exercise" in str(caught.value)


def test_a_missing_content_folder_is_reported(tmp_path: Path) -> None:
    _, problems = collect_problems(tmp_path / "nowhere")
    assert [p.message for p in problems] == ["content folder does not exist"]
