"""The real `backcare` program, run as a separate process, including a real `serve`."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import CONTENT, FIVE_MINUTE, ROOT


def backcare(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "BACKCARE_CONTENT_DIR": str(CONTENT), "COLUMNS": "200",
                **(env or {})}
    return subprocess.run([sys.executable, "-m", "backcare.cli.main", *args], cwd=ROOT,
                          env=full_env, capture_output=True, text=True, timeout=60)


def test_routines_and_json(library) -> None:
    result = backcare("routines")
    assert result.returncode == 0, result.stderr
    assert FIVE_MINUTE in result.stdout
    result = backcare("routines", "--json")
    assert {r["slug"] for r in json.loads(result.stdout)} == set(library.routines)


def test_show_exercise_json() -> None:
    result = backcare("show", "cat-cow", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["slug"] == "cat-cow"


def test_unknown_slug_exit_2_no_traceback() -> None:
    result = backcare("show", "xyz-stretch")
    assert result.returncode == 2
    assert "No routine or exercise called 'xyz-stretch'" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_bad_port_env_exit_2() -> None:
    result = backcare("serve", env={"PORT": "eight thousand"})
    assert result.returncode == 2
    assert "$PORT" in result.stderr and "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_really_serves_the_api(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "BACKCARE_CONTENT_DIR": str(CONTENT),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("PORT", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "backcare.cli.main", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        body = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/routines", timeout=2) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.3)
        if body is None:
            pytest.fail(f"backcare serve did not answer; exit={proc.poll()}")
        assert FIVE_MINUTE in {r["slug"] for r in body}
    finally:
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=20)[0]
    assert f"Serving backcare at http://127.0.0.1:{port}/" in output
    assert (tmp_path / "db.sqlite3").exists()  # migrate ran against DATABASE_URL
