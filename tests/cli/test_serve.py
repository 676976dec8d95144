"""`backcare serve`: port handling, --workers/--threads/--access-log, the content check first,
granian's settings (WSGI, worker processes with threads, no access log unless asked), and
the real server: the workers fork from the process that loaded the site, and answer."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from backcare.cli import serve as serving
from backcare.cli.main import main

from .conftest import ROOT


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Record what serve would do instead of migrating a real database and serving."""
    seen: dict[str, object] = {}
    monkeypatch.setattr(serving, "migrate", lambda: seen.setdefault("migrated", True))
    monkeypatch.setattr(serving, "run_granian",
                        lambda options: seen.setdefault("options", options))
    return seen


def test_serve_migrates_then_runs_granian(capsys, monkeypatch, no_server) -> None:
    monkeypatch.setenv("PORT", "9123")
    assert main(["serve", "--workers", "3", "--threads", "6"]) == 0
    assert "Serving backcare at http://127.0.0.1:9123/" in capsys.readouterr().out
    assert no_server["migrated"] is True
    assert no_server["options"] == {
        "target": "backcare.site.wsgi:application", "interface": "wsgi",
        "address": "127.0.0.1", "port": 9123, "workers": 3, "blocking_threads": 6,
        "log_access": False, "websockets": False,
    }


def test_every_option_is_one_granian_takes() -> None:
    """The settings are granian's own names: granian.server.Server accepts every one."""
    server = serving.granian_server(serving.granian_options("::1", 8123, 3, 5, True))
    assert (server.bind_addr, server.bind_port, server.workers) == ("::1", 8123, 3)
    assert (server.blocking_threads, server.log_access) == (5, True)
    assert server.interface == "wsgi"


def test_defaults_and_the_access_log_flag(monkeypatch, no_server) -> None:
    monkeypatch.delenv("PORT", raising=False)
    main(["serve"])
    options = no_server["options"]
    assert isinstance(options, dict)
    assert (options["workers"], options["blocking_threads"], options["log_access"]) == (2, 4, False)
    assert options["port"] == 8000
    no_server.clear()
    main(["serve", "--access-log"])
    options = no_server["options"]
    assert isinstance(options, dict)
    assert options["log_access"] is True  # one line a request, on standard output


def test_help_states_the_defaults(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "worker processes, 1 to 64 (default 2)" in out
    assert "threads in each worker process, 1 to 64 (default 4)" in out
    assert "--access-log" in out and "(default: off)" in out


@pytest.mark.parametrize(("option", "bad", "said"), [
    ("--threads", "0", "0 threads: use 1 to 64"),
    ("--threads", "65", "65 threads: use 1 to 64"),
    ("--threads", "many", "'many' is not a whole number"),
    ("--workers", "0", "0 workers: use 1 to 64"),
])
def test_bad_workers_or_threads_is_a_clear_exit_2(capsys, no_server, option, bad, said) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", option, bad])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert said in err and option in err and "Traceback" not in err
    assert no_server == {}


def test_port_option_beats_env_and_default_is_8000(capsys, monkeypatch, no_server) -> None:
    monkeypatch.setenv("PORT", "9123")
    main(["serve", "--port", "9999", "--host", "0.0.0.0"])
    assert "http://0.0.0.0:9999/" in capsys.readouterr().out
    monkeypatch.delenv("PORT")
    assert serving.resolve_port(None) == 8000
    assert serving.bind_address("::1", 8000) == "[::1]:8000"


@pytest.mark.parametrize("bad", ["eighty", "0", "70000", "-1"])
def test_bad_port_env_is_a_clear_exit_2(capsys, monkeypatch, no_server, bad) -> None:
    monkeypatch.setenv("PORT", bad)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert f"$PORT is '{bad}'" in err and "Traceback" not in err
    assert "options" not in no_server


def test_bad_port_option_is_an_argparse_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--port", "http"])
    assert exit_info.value.code == 2
    assert "not a port number" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_port_in_use_is_said_in_words_before_anything_is_read(
        capsys: pytest.CaptureFixture[str], no_server: dict[str, object]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"Port {port} on 127.0.0.1 is already in use" in err and "--port" in err
    assert "Traceback" not in err and "OSError" not in err
    assert no_server == {}, "nothing migrated or served"
    assert main(["serve", "--port", "8123", "--host", "no-such-host.invalid"]) == 1
    assert "Cannot listen on no-such-host.invalid, port 8123" in capsys.readouterr().err


def test_broken_content_stops_serve_before_migrating(mini_copy: Path, tmp_path: Path) -> None:
    """The real program: the site's one read of the content finds the problem, names it,
    and nothing is migrated or served."""
    (mini_copy / "routines" / "floor-routine.yaml").write_text("slug: [", encoding="utf-8")
    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PORT"}}
    env.update(BACKCARE_CONTENT_DIR=str(mini_copy), BACKCARE_VAR_DIR=str(var))
    result = subprocess.run(
        [sys.executable, "-m", "backcare.cli.main", "serve", "--port", str(_free_port())],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "routines/floor-routine.yaml" in result.stderr and "not valid YAML" in result.stderr
    assert "Not serving" in result.stderr and "Traceback" not in result.stderr
    assert "Serving backcare" not in result.stdout
    database = var / "backcare.sqlite3"
    if database.exists():  # the settings make it, empty and private, before anything else
        with closing(sqlite3.connect(database)) as connection:
            assert connection.execute("SELECT name FROM sqlite_master").fetchall() == []


def _serve_and_get(var: Path, *options: str) -> tuple[int, str]:
    """Start the real `backcare serve` (two workers), GET /back-pain/ twice over one kept-alive
    connection, stop it; the status and everything the server printed."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PORT"}}
    env.update(BACKCARE_VAR_DIR=str(var))
    output = var.parent / "served.txt"
    with output.open("wb") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "backcare.cli.main", "serve", "--port", str(port),
             "--workers", "2", "--threads", "2", *options],
            cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        status = 0
        for _ in range(600):  # up to a minute: a first start also checks every demo figure
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/back-pain/")
                answer = connection.getresponse()
                answer.read()
                connection.request("GET", "/back-pain/")  # the same connection, kept alive
                status = connection.getresponse().status
                connection.close()
                break
            except OSError:
                assert server.poll() is None, output.read_text(errors="replace")
                time.sleep(0.1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return status, output.read_text(errors="replace")


def test_the_real_server_answers_and_logs_requests_only_when_asked(tmp_path: Path) -> None:
    status, printed = _serve_and_get(tmp_path / "var")
    assert status == 200
    assert "Serving backcare at" in printed and "Traceback" not in printed
    assert "GET /back-pain/" not in printed  # no access log by default
    status, printed = _serve_and_get(tmp_path / "var", "--access-log")
    assert status == 200
    assert printed.count('"GET /back-pain/ HTTP/1.1" 200') == 2  # a line for each request
