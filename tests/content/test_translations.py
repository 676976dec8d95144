"""Content translations: check-content refuses a missing or extra translation key, naming
the file and the field, and the library speaks every language it has a folder for."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from backcare.content.loader import collect_problems, load_library

CONTENT = Path(__file__).resolve().parents[2] / "content"
ES = Path("translations") / "es"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _problems(root: Path) -> list[str]:
    library, problems = collect_problems(root)
    assert library is None
    return [str(p) for p in problems]


def test_every_content_file_is_translated_into_spanish() -> None:
    library = load_library(CONTENT)
    spanish = library.in_language("es")
    assert spanish.language == "es" and spanish is not library
    assert set(spanish.exercises) == set(library.exercises)
    for slug, exercise in library.exercises.items():
        translated = spanish.exercises[slug]
        assert translated.name != exercise.name or slug in {"bird-dog"}
        assert len(translated.steps) == len(exercise.steps)
        assert translated.dose == exercise.dose and translated.demo.frames == exercise.demo.frames
    for slug, routine in library.routines.items():
        assert spanish.routines[slug].title != routine.title
        assert spanish.estimated_seconds(slug) == library.estimated_seconds(slug)
    assert spanish.site.disclaimer_short != library.site.disclaimer_short
    assert [c.slug for c in spanish.rules.conditions] == [c.slug for c in library.rules.conditions]
    assert library.in_language("en") is library


def test_a_missing_translation_file_is_named(content: Path) -> None:
    (content / ES / "exercises" / "bridge.yaml").unlink()
    assert _problems(content) == [
        "translations/es/exercises/bridge.yaml: file is missing: every content file needs "
        "its translation in each language folder"]


def test_a_missing_key_is_named(content: Path) -> None:
    _edit(content / ES / "exercises" / "bridge.yaml", lambda d: d.pop("summary"))
    assert _problems(content) == [
        "translations/es/exercises/bridge.yaml: summary: is missing: translate the English "
        "file's field"]


def test_an_extra_key_is_named(content: Path) -> None:
    _edit(content / ES / "routines" / "dont-crack-your-back.yaml",
          lambda d: d.update(transition_seconds=5))
    assert _problems(content) == [
        "translations/es/routines/dont-crack-your-back.yaml: transition_seconds: is not a "
        "translatable field of the English file; remove it"]


def test_a_list_of_the_wrong_length_is_named(content: Path) -> None:
    _edit(content / ES / "exercises" / "pelvic-tilt.yaml", lambda d: d["steps"].pop())
    problems = _problems(content)
    assert problems == ["translations/es/exercises/pelvic-tilt.yaml: steps: has 3 items; "
                        "the English file has 4"]


def test_a_missing_rule_translation_is_named(content: Path) -> None:
    _edit(content / ES / "rules.yaml", lambda d: d["conditions"]["pregnancy"]["rules"][0].pop("why"))
    assert _problems(content) == [
        "translations/es/rules.yaml: conditions.pregnancy.rules[0].why: is missing: translate "
        "the English file's field"]


def test_an_empty_text_and_an_overlong_name_are_refused(content: Path) -> None:
    _edit(content / ES / "exercises" / "bridge.yaml", lambda d: d.update(summary="  "))
    _edit(content / ES / "exercises" / "pelvic-tilt.yaml", lambda d: d.update(name="x" * 300))
    problems = _problems(content)
    assert "translations/es/exercises/bridge.yaml: summary: must be a non-empty text" in problems
    assert any(p.startswith("translations/es/exercises/pelvic-tilt.yaml: name:") for p in problems)


def test_a_translation_of_nothing_and_an_unknown_language_are_refused(content: Path) -> None:
    shutil.copy(content / ES / "exercises" / "bridge.yaml",
                content / ES / "exercises" / "bridges.yaml")
    (content / "translations" / "xx").mkdir()
    problems = _problems(content)
    assert ("translations/es/exercises/bridges.yaml: translates nothing: there is no "
            "exercises/bridges.yaml in English") in problems
    assert any(p.startswith("translations/xx/: is not a language backcare speaks") for p in problems)


def test_check_content_names_the_file_and_field(content: Path) -> None:
    _edit(content / ES / "site.yaml", lambda d: d.pop("disclaimer_short"))
    result = subprocess.run(
        [sys.executable, "-m", "backcare.cli.main", "check-content", str(content)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "translations/es/site.yaml: disclaimer_short: is missing" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
