"""Ready to deploy: `manage.py check --deploy` finds nothing with production settings, and
the accounts migrations run forward on a database that already holds sessions."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

ROOT = Path(__file__).resolve().parents[2]
#: Variables the check sets itself; whatever the test run has is dropped.
SETTINGS_VARIABLES = {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "BACKCARE_ENV",
                      "SECURE_HSTS_PRELOAD", "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT",
                      "DJANGO_ALLOW_ASYNC_UNSAFE"}


def deploy_check(tmp_path: Path, **values: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="backcare.site.settings", BACKCARE_ENV="production",
               SECRET_KEY=secrets.token_urlsafe(45)[:50], ALLOWED_HOSTS="example.org",
               BACKCARE_VAR_DIR=str(tmp_path / "var"), BACKCARE_CONTENT_DIR=str(ROOT / "content"),
               **values)
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    """With accounts, e-mail and the lockout on: nothing to warn about once HSTS preloading
    is chosen; without it, only the reminder that preloading is an opt-in (W021)."""
    chosen = deploy_check(tmp_path, SECURE_HSTS_PRELOAD="true")
    assert chosen.returncode == 0, chosen.stdout + chosen.stderr
    assert "System check identified no issues (0 silenced)." in chosen.stdout, chosen.stderr
    plain = deploy_check(tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert [line.split(")")[0] + ")" for line in plain.stderr.splitlines()
            if "(security." in line or "(axes." in line or "(account" in line] == [
        "?: (security.W021)"]


@pytest.mark.django_db(transaction=True)
def test_migrations_run_forward_on_a_database_with_sessions() -> None:
    """From the session log as it was before accounts (practice 0002), with a session and
    its "it hurt" mark in it, to the latest: the rows are still there, still the device's."""
    before = [("practice", "0002_painful_exercises")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old: Any = executor.loader.project_state(before).apps
    device = str(uuid.uuid4())
    ended = datetime.now(UTC).replace(microsecond=0)
    session = old.get_model("practice", "PracticeSession").objects.create(
        id=uuid.uuid4(), device=device, routine="a-routine", started_at=ended - timedelta(minutes=5),
        ended_at=ended, pain_before=5, pain_after=6, steps_done=2, steps_total=9,
        stopped_for_pain=True, painful_exercise="cat-cow")
    old.get_model("practice", "PainfulExercise").objects.create(
        device=device, exercise="cat-cow", session_id=session.id, hurt_at=ended)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from backcare.practice.models import PainfulExercise, PracticeSession
    from backcare.practice.owner import Owner

    kept = PracticeSession.objects.get(id=session.id)
    assert kept.device == device and kept.user_id is None and kept.patient_program_id is None
    assert kept.painful_exercise == "cat-cow" and kept.pain_after == 6
    mark = PainfulExercise.objects.get()
    assert mark.device == device and mark.user_id is None
    owner = Owner.of_device(device)
    assert list(owner.sessions()) == [kept] and list(owner.marks()) == [mark]
