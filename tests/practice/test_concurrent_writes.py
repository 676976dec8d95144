"""Saves from many threads in several server processes at once are all kept, none refused
with "database is locked": on SQLite each write first waits its turn in
``backcare.site.database.sqlite_write_lock`` (threads of a process, and processes).

The database is a real SQLite file in a temporary folder, in separate processes, with
SQLite's own busy wait switched off (``?timeout=0``): a write that met another one in
SQLite itself would fail at once, so every save being kept shows the writers queued
before they reached it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROCESSES, THREADS, SAVES = 2, 8, 10

#: Two forked processes (as granian forks its workers), each saving from THREADS threads.
SCRIPT = """
import json, multiprocessing, sys, threading, traceback, uuid
from datetime import UTC, datetime, timedelta

import django
django.setup()
from django.core.management import call_command
from django.db import connections
from django.test import Client

call_command("migrate", interactive=False, verbosity=0)
connections.close_all()
processes, threads, saves = (int(x) for x in sys.argv[1:4])
ended = datetime.now(UTC).replace(microsecond=0)
BODY = {"routine": "back-pain-relief-stretches-5-minute-real-time-routine", "plan": None,
        "started_at": (ended - timedelta(minutes=5)).isoformat(), "ended_at": ended.isoformat(),
        "pain_before": 6, "pain_after": 4, "feeling": "better", "steps_done": 13,
        "steps_total": 13, "stopped_for_pain": False}


def one_thread(found, problems):
    client = Client(HTTP_HOST="localhost")
    client.cookies["backcare_device"] = str(uuid.uuid4())
    try:
        for _ in range(saves):
            answer = client.post("/api/sessions", json.dumps(dict(BODY, id=str(uuid.uuid4()))),
                                 content_type="application/json")
            found.append(answer.status_code)
    except Exception:
        problems.append(traceback.format_exc(limit=2))
    finally:
        connections.close_all()


def one_process(_):
    found, problems = [], []
    workers = [threading.Thread(target=one_thread, args=(found, problems))
               for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return found, problems


with multiprocessing.get_context("fork").Pool(processes) as pool:
    results = pool.map(one_process, range(processes))
from backcare.practice.models import PracticeSession
print(json.dumps({"statuses": [s for found, _ in results for s in found],
                  "problems": [p for _, problems in results for p in problems],
                  "rows": PracticeSession.objects.count()}))
"""


def test_concurrent_saves_from_threads_and_processes_are_all_kept(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BACKCARE_ENV"}}
    env.update(BACKCARE_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="backcare.site.settings",
               DATABASE_URL=f"sqlite:///{tmp_path / 'sessions.sqlite3'}?timeout=0")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(PROCESSES), str(THREADS), str(SAVES)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.splitlines()[-1])
    assert found["problems"] == []  # e.g. "database is locked"
    every = PROCESSES * THREADS * SAVES
    assert found["statuses"] == [201] * every
    assert found["rows"] == every
