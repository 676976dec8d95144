"""Library.build at ten times the content says the same of every copy as of the original,
and bench/grow_content.py's grown content folder (what bench/scale.py measures) loads,
with the counts it claims.

(How fast it grows is bench/scale.py's to measure, not a test's.)
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from backcare.content import ExerciseFilter, Library
from backcare.content.loader import collect_problems

from .grown_library import grown, slug_in

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ten_times(library: Library) -> Library:
    return grown(library, 10)


def test_ten_times_the_content_has_ten_times_everything(library: Library,
                                                         ten_times: Library) -> None:
    assert len(ten_times.exercises) == 10 * len(library.exercises)
    assert len(ten_times.routines) == 10 * len(library.routines)
    items = sum(len(r.items) for r in ten_times.routines.values())
    assert items == 10 * sum(len(r.items) for r in library.routines.values())


def test_every_copy_is_used_by_its_own_copies_of_the_routines(library: Library,
                                                               ten_times: Library) -> None:
    for slug in library.exercises:
        original = [r.slug for r in library.routines_using(slug)]
        for copy in (1, 2, 10):
            assert [r.slug for r in ten_times.routines_using(slug_in(copy, slug))] == [
                slug_in(copy, s) for s in original]
    assert ten_times.routines_using("no-such-exercise") == ()


def test_every_copy_of_a_routine_takes_the_originals_time(library: Library,
                                                          ten_times: Library) -> None:
    for slug in library.routines:
        for copy in (1, 5, 10):
            assert ten_times.estimated_seconds(slug_in(copy, slug)) == library.estimated_seconds(slug)
            steps = ten_times.timeline(slug_in(copy, slug)).steps
            assert len(steps) == len(library.timeline(slug).steps)


def test_the_finder_finds_every_copy_in_name_order(library: Library, ten_times: Library) -> None:
    everything = ten_times.find_exercises(ExerciseFilter())
    assert len(everything) == len(ten_times.exercises)
    names = [ex.name.lower() for ex in everything]
    assert names == sorted(names)
    no_floor = ten_times.find_exercises(ExerciseFilter(no_floor=True))
    assert len(no_floor) == 10 * len(library.find_exercises(ExerciseFilter(no_floor=True)))
    assert all(not ex.needs_floor for ex in no_floor)


def _bench_grow_content() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_grow_content",
                                                  ROOT / "bench" / "grow_content.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _FiguresPassed:
    """A verdict store that has seen these figures pass: the copies' demos are the real ones,
    which check-content draws; drawing each again would only make this test slow."""

    def passed(self, content_hash: str) -> bool:
        return True

    def record_pass(self, content_hash: str) -> None:  # pragma: no cover - never called
        raise AssertionError("nothing is drawn, so nothing is recorded")


def test_the_benchs_grown_content_loads_with_every_copy_and_translation(
        tmp_path: Path, library: Library) -> None:
    counts = _bench_grow_content().grow_content(ROOT / "content", tmp_path / "content", 3)
    assert counts["exercises"] == 3 * len(library.exercises)
    assert counts["routines"] == 3 * len(library.routines)
    assert counts["conditions"] == len(library.conditions)
    loaded, problems = collect_problems(tmp_path / "content",
                                        verdicts=_FiguresPassed())  # type: ignore[arg-type]
    assert problems == []
    assert loaded is not None
    assert len(loaded.exercises) == counts["exercises"]
    assert len(loaded.routines) == counts["routines"]
    assert loaded.content_hash != library.content_hash
    assert set(loaded.translations) == set(library.translations)
    spanish = loaded.in_language("es")
    assert spanish.routines["dont-crack-your-back-x3"].title.endswith(" 3")
    assert spanish.routines["dont-crack-your-back-x3"].title != loaded.routines[
        "dont-crack-your-back-x3"].title
    back_pain = loaded.conditions["back-pain"]
    assert back_pain.routines[:len(library.conditions["back-pain"].routines)] == \
        library.conditions["back-pain"].routines
    assert len(back_pain.routines) == 3 * len(library.conditions["back-pain"].routines)
    for slug in library.routines:
        assert loaded.estimated_seconds(f"{slug}-x2") == library.estimated_seconds(slug)
