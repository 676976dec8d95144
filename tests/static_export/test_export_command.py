"""`backcare export-static DIR`: where it writes, what it refuses, what it reports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backcare.catalogue.library import library_or_problems
from backcare.static_export import MANIFEST

from .conftest import export_cli, files_under


@pytest.fixture
def fresh_library() -> Iterator[None]:
    library_or_problems.cache_clear()
    yield
    library_or_problems.cache_clear()


def test_a_folder_holding_other_files_is_refused_and_left_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert export_cli(str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "not empty" in err and "Traceback" not in err
    assert files_under(tmp_path) == {"notes.txt"}


def test_a_file_in_place_of_the_folder_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "site"
    target.write_text("mine")
    assert export_cli(str(target)) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert target.read_text() == "mine"


def test_exporting_again_replaces_an_earlier_export_and_reports_counts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "site"
    assert export_cli(str(target), "--languages", "es") == 0
    out = capsys.readouterr().out
    assert f"to {target}" in out and "Español" in out and "English" not in out
    manifest = json.loads((target / MANIFEST).read_text())
    pages = sum(1 for entry in manifest["entries"] if entry["kind"] in ("page", "not-found"))
    assert f"{pages} pages" in out and f"{len(manifest['entries'])} files" in out
    assert (target / "es/index.html").is_file() and not (target / "index.html").exists()

    (target / "robots.txt").write_text("User-agent: *\n")  # something the owner added
    assert export_cli(str(target), "--languages", "en") == 0
    out = capsys.readouterr().out
    assert "removed from an earlier export: " in out
    assert (target / "index.html").is_file() and not (target / "es").exists()
    assert (target / "robots.txt").is_file()  # not the export's: kept
    assert (target / "static/catalogue/site.css").is_file()  # in both: kept, unchanged
    assert "unchanged: 0;" not in out


def test_broken_content_is_reported_and_nothing_is_written(
        tmp_path: Path, content_copy: Path, settings: Any, fresh_library: None,
        capsys: pytest.CaptureFixture[str]) -> None:
    routine = content_copy / "routines" / "seated-back-pain-relief-stretches.yaml"
    routine.write_text(routine.read_text().replace("seated-ql-stretch", "seated-moon-stretch", 1))
    settings.BACKCARE_CONTENT_DIR = content_copy
    target = tmp_path / "site"
    assert export_cli(str(target)) == 1
    err = capsys.readouterr().err
    assert "seated-moon-stretch" in err and "backcare check-content" in err
    assert "Traceback" not in err
    assert not target.exists()


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--languages", "fr", "'fr' is not a language backcare speaks"),
    ("--origin", "ftp://example.org", "is not a site address"),
    ("--origin", "https://example.org/path", "is not a site address"),
])
def test_bad_options_are_refused_with_what_is_allowed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str,
        said: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        export_cli(str(tmp_path / "site"), option, value)
    assert stopped.value.code == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_lang_exports_that_language_and_speaks_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "site"
    assert export_cli(str(target), "--lang", "es") == 0
    out = capsys.readouterr().out
    assert f"a {target}" in out and "páginas" in out
    assert (target / "es/index.html").is_file() and not (target / "index.html").exists()


def test_lang_names_the_languages_one_at_a_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export_cli(str(tmp_path / "site"), "--lang", "fr") == 2
    assert "fr" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        export_cli(str(tmp_path / "site"), "--lang", "en", "--languages", "es,xx")
    assert stopped.value.code == 2
    assert "'xx' is not a language backcare speaks" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_an_origin_the_site_does_not_answer_for_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "site"
    assert export_cli(str(target), "--origin", "https://elsewhere.example") == 2
    err = capsys.readouterr().err
    assert "elsewhere.example" in err and "ALLOWED_HOSTS" in err
    assert not target.exists()
