"""`backcare play` sets up a local SQLite log itself, but never migrates another database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from backcare.cli.session_log import SessionLog


@pytest.fixture(autouse=True)
def _device_file_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path  # var/cli-device is written here, not in the project


@pytest.fixture
def pending_migration(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    migrated: list[str] = []
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)])
    monkeypatch.setattr("django.core.management.call_command",
                        lambda *a, **k: migrated.append(a[0]))
    return migrated


@pytest.mark.django_db
def test_a_local_sqlite_log_is_migrated(pending_migration: list[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "vendor", "sqlite")
    log = SessionLog.open()
    assert pending_migration == ["migrate"]
    assert log.device.startswith("cli-")


@pytest.mark.django_db
def test_another_database_is_never_migrated_by_playing(pending_migration: list[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "vendor", "postgresql")
    with pytest.raises(RuntimeError, match="python manage.py migrate"):
        SessionLog.open()
    assert pending_migration == []
