"""`backcare serve`: port handling, the content check first, and the gunicorn hand-over."""

from __future__ import annotations

import sys

import pytest

from backcare.cli import serve as serving
from backcare.cli.main import main


@pytest.fixture
def no_exec(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Record what serve would do instead of migrating a real database and exec'ing."""
    seen: dict[str, object] = {}
    monkeypatch.setattr(serving, "migrate", lambda: seen.setdefault("migrated", True))
    monkeypatch.setattr(serving, "exec_server", lambda argv: seen.setdefault("argv", argv))
    return seen


def test_serve_migrates_then_runs_gunicorn(capsys, monkeypatch, no_exec) -> None:
    monkeypatch.setenv("PORT", "9123")
    assert main(["serve", "--workers", "3"]) == 0
    assert "Serving backcare at http://127.0.0.1:9123/" in capsys.readouterr().out
    assert no_exec["migrated"] is True
    argv = no_exec["argv"]
    assert argv[:4] == [sys.executable, "-m", "gunicorn", "backcare.site.wsgi:application"]
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:9123"
    assert argv[argv.index("--workers") + 1] == "3"


def test_port_option_beats_env_and_default_is_8000(capsys, monkeypatch, no_exec) -> None:
    monkeypatch.setenv("PORT", "9123")
    main(["serve", "--port", "9999", "--host", "0.0.0.0"])
    assert "http://0.0.0.0:9999/" in capsys.readouterr().out
    monkeypatch.delenv("PORT")
    assert serving.resolve_port(None) == 8000
    assert serving.bind_address("::1", 8000) == "[::1]:8000"


@pytest.mark.parametrize("bad", ["eighty", "0", "70000", "-1"])
def test_bad_port_env_is_a_clear_exit_2(capsys, monkeypatch, no_exec, bad) -> None:
    monkeypatch.setenv("PORT", bad)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert f"$PORT is '{bad}'" in err and "Traceback" not in err
    assert "argv" not in no_exec


def test_bad_port_option_is_an_argparse_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--port", "http"])
    assert exit_info.value.code == 2
    assert "not a port number" in capsys.readouterr().err


def test_broken_content_stops_serve_before_migrating(capsys, monkeypatch, mini_copy,
                                                     no_exec) -> None:
    (mini_copy / "routines" / "floor-routine.yaml").write_text("slug: [", encoding="utf-8")
    monkeypatch.setenv("BACKCARE_CONTENT_DIR", str(mini_copy))
    assert main(["serve"]) == 1
    err = capsys.readouterr().err
    assert "routines/floor-routine.yaml" in err and "not valid YAML" in err
    assert no_exec == {}
