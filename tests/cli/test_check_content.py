"""`backcare check-content` on a copy of the real content, broken on purpose."""

from __future__ import annotations

from pathlib import Path

import yaml

from backcare.cli.main import main

from .conftest import FIVE_MINUTE


def test_real_content_is_ok(capsys) -> None:
    assert main(["check-content"]) == 0
    assert "Content OK" in capsys.readouterr().out


def test_routine_naming_a_missing_exercise_is_reported(capsys, content_copy: Path) -> None:
    path = content_copy / "routines" / f"{FIVE_MINUTE}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["phases"][0]["items"][0]["exercise"] = "toe-touch-of-doom"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    code = main(["check-content", str(content_copy)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"routines/{FIVE_MINUTE}.yaml" in err
    assert "toe-touch-of-doom" in err
    assert "Traceback" not in err


def test_missing_folder_is_reported(capsys, tmp_path: Path) -> None:
    assert main(["check-content", str(tmp_path / "nowhere")]) == 1
    assert "does not exist" in capsys.readouterr().err
