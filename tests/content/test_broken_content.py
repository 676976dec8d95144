"""Broken content never reaches users: each kind of mistake is reported with file, field and problem.

Every case breaks a copy of the small fixture library in one way, then checks what
`collect_problems` (and so `backcare check-content`, the system check and wsgi.py) says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backcare.content import ContentError, load_library
from backcare.content.loader import collect_problems

from .broken_cases import CASES, Breaker

# The cases (kind, how, file, field, words) live in broken_cases.py, shared with the tests
# that run every case through `backcare check-content`, `backcare serve` and wsgi.py.


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
