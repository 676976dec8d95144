"""A broken library stops the start: Django's checks and the WSGI entry point both refuse it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _break(content: Path) -> None:
    routine = content / "routines" / "seated-back-pain-relief-stretches.yaml"
    routine.write_text(routine.read_text().replace("seated-ql-stretch", "seated-moon-stretch", 1))


def _run(code: list[str], content: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BACKCARE_CONTENT_DIR": str(content),
           "DJANGO_SETTINGS_MODULE": "backcare.site.settings"}
    return subprocess.run([sys.executable, *code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_django_check_and_migrate_refuse_broken_content(content_copy: Path) -> None:
    assert _run(["manage.py", "check"], content_copy).returncode == 0
    _break(content_copy)
    for command in (["manage.py", "check"], ["manage.py", "migrate", "--plan"]):
        result = _run(command, content_copy)
        assert result.returncode != 0
        assert "routines/seated-back-pain-relief-stretches.yaml" in result.stderr
        assert "'seated-moon-stretch'" in result.stderr
        assert "Traceback" not in result.stderr


def test_wsgi_refuses_to_serve_broken_content(content_copy: Path) -> None:
    _break(content_copy)
    result = _run(["-c", "import backcare.site.wsgi"], content_copy)
    assert result.returncode == 3
    assert "backcare will not start" in result.stderr
    assert "seated-moon-stretch" in result.stderr
    assert "Traceback" not in result.stderr
