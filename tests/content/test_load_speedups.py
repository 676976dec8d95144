"""A library load is fast without checking less: libyaml parses, the figures' verdict is kept.

- ``strict_yaml.parse`` reads every content file through libyaml's parser, with the same
  limits checked on its events; the data is the same as the pure-Python loader's.
- A load given a :class:`FigureVerdicts` draws every demo only for content (by hash) it has
  not seen pass; ``check-content`` always draws them; a broken demo is never recorded.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from backcare.cli.main import main
from backcare.content import strict_yaml
from backcare.content.figure_verdicts import VERDICT_FILE, FigureVerdicts
from backcare.content.loader import collect_problems

CONTENT = Path(__file__).resolve().parents[2] / "content"


def _python_parse(text: str) -> object:
    loader = strict_yaml.StrictLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def test_libyaml_is_used_and_reads_every_file_as_the_python_loader_does() -> None:
    assert yaml.__with_libyaml__, "PyYAML here is built with libyaml"
    assert strict_yaml._C_LOADER is not None
    files = sorted(CONTENT.rglob("*.yaml"))
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert strict_yaml._load(strict_yaml._C_LOADER(text)) == _python_parse(text), path


@pytest.mark.parametrize(("text", "words"), [
    ("a: &x 1\nb: *x\n", "anchor"),
    ("a: 1\na: 2\n", "twice"),
    ("a: !!python/object:os.system 1\n", "tag"),
])
def test_libyaml_refuses_what_the_python_loader_refuses(text: str, words: str) -> None:
    assert strict_yaml._C_LOADER is not None
    with pytest.raises((strict_yaml.ContentRuleError, yaml.YAMLError)) as through_c:
        strict_yaml._load(strict_yaml._C_LOADER(text))
    with pytest.raises((strict_yaml.ContentRuleError, yaml.YAMLError)) as through_python:
        _python_parse(text)
    assert str(through_c.value) == str(through_python.value)
    assert words in str(through_c.value).lower()


def _counting_demo_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import backcare.figures.checks as checks

    drawn: list[str] = []
    real = checks.demo_problems

    def counted(exercise: object) -> list[str]:
        drawn.append(getattr(exercise, "slug", "?"))
        return real(exercise)  # type: ignore[arg-type]

    monkeypatch.setattr(checks, "demo_problems", counted)
    return drawn


def test_a_pass_is_recorded_and_spares_the_next_load(
        tmp_path: Path, mini_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = _counting_demo_checks(monkeypatch)
    verdicts = FigureVerdicts(tmp_path)
    library, problems = collect_problems(mini_copy, verdicts=verdicts)
    assert problems == [] and library is not None
    first = len(drawn)
    assert first == len(library.exercises)
    assert (tmp_path / VERDICT_FILE).stat().st_mode & 0o777 == 0o600

    again, problems = collect_problems(mini_copy, verdicts=FigureVerdicts(tmp_path))
    assert problems == [] and again is not None
    assert len(drawn) == first, "the recorded pass spared drawing every demo"
    assert again.content_hash == library.content_hash

    # check-content's way: never trusts a recorded pass
    collect_problems(mini_copy, verdicts=FigureVerdicts(tmp_path, recheck=True))
    assert len(drawn) == 2 * first


def test_changed_content_is_checked_again_and_a_broken_demo_never_recorded(
        tmp_path: Path, mini_copy: Path) -> None:
    collect_problems(mini_copy, verdicts=FigureVerdicts(tmp_path))
    path = mini_copy / "exercises/chair-stretch.yaml"
    text = path.read_text(encoding="utf-8")
    # the anchored hips lifted off the seat: a demo that cannot be drawn
    path.write_text(text.replace("held: {trunk: [45, 0]",
                                 "held: {at: [-20, 160], trunk: [45, 0]"), encoding="utf-8")
    recorded = (tmp_path / VERDICT_FILE).read_text()
    for _ in range(2):
        library, problems = collect_problems(mini_copy, verdicts=FigureVerdicts(tmp_path))
        assert library is None
        assert any(p.field == "demo" for p in problems)
    assert (tmp_path / VERDICT_FILE).read_text() == recorded


def test_a_var_dir_that_cannot_be_written_only_means_checking_each_time(
        tmp_path: Path, mini_copy: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    library, problems = collect_problems(mini_copy, verdicts=FigureVerdicts(blocked))
    assert problems == [] and library is not None


def test_check_content_draws_every_demo_even_after_a_pass(
        tmp_path: Path, mini_copy: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BACKCARE_VAR_DIR", str(tmp_path))
    collect_problems(mini_copy, verdicts=FigureVerdicts(tmp_path))
    drawn = _counting_demo_checks(monkeypatch)
    assert main(["check-content", str(mini_copy)]) == 0
    assert drawn, "check-content drew the demos though a pass was recorded"
    capsys.readouterr()
