"""var/ is private: the folder 0700; the key, the database (and its journals) and the terminal
player's device id 0600 — whatever the umask, and also for a var/ an older version left wide.

`manage.py migrate` runs in a separate process with var/ in a temporary folder
(BACKCARE_VAR_DIR), under the common umask 022 that would otherwise make files 0644.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from backcare.cli.session_log import cli_device

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _usual_umask() -> None:
    os.umask(0o022)


def manage(var_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "BACKCARE_ENV", "SECRET_KEY"}}
    env.update(BACKCARE_VAR_DIR=str(var_dir), BACKCARE_CONTENT_DIR=str(CONTENT),
               DJANGO_SETTINGS_MODULE="backcare.site.settings")
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120,
                          preexec_fn=_usual_umask)


def test_migrate_makes_a_private_var_and_database(tmp_path: Path) -> None:
    var = tmp_path / "var"
    result = manage(var, "migrate", "--noinput", "-v0")
    assert result.returncode == 0, result.stderr
    database = var / "backcare.sqlite3"
    assert mode(var) == 0o700
    assert mode(database) == 0o600
    assert mode(var / "secret-key") == 0o600
    with closing(sqlite3.connect(database)) as connection:  # migrate really wrote to it
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "practice_practicesession" in tables
    # the figures' verdict (backcare.content.figure_verdicts) is private like the rest
    assert mode(var / "figures-checked") == 0o600
    assert sorted(p.name for p in var.iterdir()) == [
        "backcare.sqlite3", "figures-checked", "secret-key"]


def test_the_database_journals_follow_the_database_file(tmp_path: Path) -> None:
    """The settings rely on this SQLite rule instead of changing the process's umask."""
    var = tmp_path / "var"
    assert manage(var, "migrate", "--noinput", "-v0").returncode == 0
    database = var / "backcare.sqlite3"
    previous = os.umask(0o022)
    try:
        with closing(sqlite3.connect(database)) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("CREATE TABLE written (x)")
            connection.commit()
            assert mode(var / "backcare.sqlite3-wal") == 0o600
            assert mode(var / "backcare.sqlite3-shm") == 0o600
            connection.execute("PRAGMA journal_mode=PERSIST")  # keeps its -journal file
            connection.execute("INSERT INTO written VALUES (1)")
            connection.commit()
            assert mode(var / "backcare.sqlite3-journal") == 0o600
    finally:
        os.umask(previous)


def test_a_var_left_wide_by_an_older_version_is_narrowed(tmp_path: Path) -> None:
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    var.chmod(0o755)
    (var / "backcare.sqlite3").touch(mode=0o644)
    (var / "backcare.sqlite3").chmod(0o644)
    (var / "secret-key").write_text("k" * 60)
    (var / "secret-key").chmod(0o644)
    assert manage(var, "migrate", "--noinput", "-v0").returncode == 0
    assert mode(var) == 0o700
    assert mode(var / "backcare.sqlite3") == 0o600
    assert mode(var / "secret-key") == 0o600
    assert (var / "secret-key").read_text() == "k" * 60  # kept, not replaced


def test_var_dir_must_be_an_absolute_path(tmp_path: Path) -> None:
    result = manage(Path("relative/var"), "check")
    assert result.returncode != 0
    assert ("BACKCARE_VAR_DIR='relative/var' is not an absolute path; "
            "give the full path, e.g. /srv/backcare/var") in result.stderr
    assert not (ROOT / "relative").exists()


def test_the_terminal_device_file_is_private(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        var = tmp_path / "var"
        device = cli_device(var)
        assert mode(var) == 0o700
        assert mode(var / "cli-device") == 0o600
        (var / "cli-device").chmod(0o644)  # as an older backcare left it
        assert cli_device(var) == device
        assert mode(var / "cli-device") == 0o600
    finally:
        os.umask(previous)
