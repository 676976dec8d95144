"""Writes wait instead of failing: SQLite in WAL mode with a busy timeout, PostgreSQL with
kept, health-checked connections (backcare.site.database).

The site's settings are read in a separate process, as a server reads them, with var/ in a
temporary folder (BACKCARE_VAR_DIR) and the environment a deployment would give.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backcare.site.database import SQLITE_BUSY_SECONDS, database_settings

ROOT = Path(__file__).resolve().parents[2]

#: Opens the site's default database connection, writes to it, and reports what SQLite says.
SQLITE_PROBE = """
import json, os, stat, django
django.setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (x integer)")
    cursor.execute("INSERT INTO probe VALUES (1)")
    found = {name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
             for name in ("journal_mode", "busy_timeout", "synchronous")}
    name = str(settings.DATABASES["default"]["NAME"])
    found["modes"] = {suffix: stat.S_IMODE(os.stat(name + suffix).st_mode)
                      for suffix in ("", "-wal", "-shm")}
print(json.dumps(found))
"""

SETTINGS_PROBE = """
import json
from backcare.site import settings
print(json.dumps(settings.DATABASES["default"], default=str))
"""


def _site_process(code: str, var: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "BACKCARE_ENV", "SECRET_KEY", "DB_CONN_MAX_AGE"}}
    full.update(BACKCARE_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="backcare.site.settings",
                **env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full, capture_output=True,
                          text=True, timeout=60, preexec_fn=lambda: os.umask(0o022))


def test_sqlite_writes_ahead_and_waits_for_a_busy_database(tmp_path: Path) -> None:
    result = _site_process(SQLITE_PROBE, tmp_path / "var")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["journal_mode"] == "wal"
    assert found["busy_timeout"] == SQLITE_BUSY_SECONDS * 1000  # SQLite counts milliseconds
    assert found["synchronous"] == 1  # NORMAL: safe with WAL, one sync a checkpoint
    # the write-ahead log and its index are as private as the database, under umask 022
    assert found["modes"] == {"": 0o600, "-wal": 0o600, "-shm": 0o600}


def test_postgres_connections_are_kept_and_health_checked(tmp_path: Path) -> None:
    url = "postgres://backcare:secret@db.internal:5432/backcare"
    result = _site_process(SETTINGS_PROBE, tmp_path / "var", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    database = json.loads(result.stdout)
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert "init_command" not in database.get("OPTIONS", {})  # SQLite's pragmas stay SQLite's

    result = _site_process(SETTINGS_PROBE, tmp_path / "var", DATABASE_URL=url,
                           DB_CONN_MAX_AGE="300")
    assert json.loads(result.stdout)["CONN_MAX_AGE"] == 300


def test_options_in_the_url_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}?timeout=3")
    database = database_settings(tmp_path / "unused.sqlite3", 60)
    assert database["NAME"] == str(tmp_path / "db.sqlite3")
    assert database["OPTIONS"]["timeout"] == 3
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
