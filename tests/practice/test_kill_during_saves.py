"""kill -9 of the server in the middle of a burst of saves loses no acknowledged session and
doubles none: after a restart the clients retry what was not acknowledged, and every
session is there exactly once.

The real server (`backcare serve`: gunicorn, two workers) runs in its own process group
and is killed with SIGKILL — master and workers at once, as a power cut would. On SQLite
it uses a file of its own; under DATABASE_URL=postgres://… (CI's second pass) the
PostgreSQL database, where the test cleans up its own rows.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
BURST = 240
DEVICE = str(uuid.uuid4())
TOKEN = "t" * 32

pytestmark = pytest.mark.database  # CI's PostgreSQL pass runs it against PostgreSQL


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Database:
    """The database the server uses, read directly (no Django in this process)."""

    def __init__(self, url: str, sqlite_file: Path | None) -> None:
        self.url, self.sqlite_file = url, sqlite_file

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        if self.sqlite_file is not None:
            with sqlite3.connect(self.sqlite_file) as connection:
                return connection.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://", 1)) as connection:
            cursor = connection.execute(sql, params)  # type: ignore[arg-type]
            rows = cursor.fetchall() if cursor.description else []
            connection.commit()
            return rows

    def ids(self) -> list[str]:
        rows = self._query("SELECT id FROM practice_practicesession WHERE device = %s", (DEVICE,))
        return [str(uuid.UUID(str(row[0]))) for row in rows]

    def clean(self) -> None:
        self._query("DELETE FROM practice_practicesession WHERE device = %s", (DEVICE,))


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        found = Database(url, None)  # migrated by `make test`
    else:
        path = tmp_path / "kill-test.sqlite3"
        url = f"sqlite:///{path}"
        migrate = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
                                 cwd=ROOT, env={**os.environ, "DATABASE_URL": url},
                                 capture_output=True, text=True, timeout=120)
        assert migrate.returncode == 0, migrate.stderr
        found = Database(url, path)
    yield found
    found.clean()


class Server:
    def __init__(self, database: Database, tmp_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "DATABASE_URL": database.url, "PORT": str(self.port)}
        self.log = tmp_path / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [str(Path(sys.executable).with_name("backcare")), "serve", "--workers", "2"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/api/routines", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"the server did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)  # master and workers, no goodbye
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def session(session_id: str, index: int) -> bytes:
    ended = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=index)
    return json.dumps({
        "id": session_id, "routine": FIVE, "plan": None,
        "started_at": (ended - timedelta(minutes=5)).isoformat(), "ended_at": ended.isoformat(),
        "pain_before": index % 11, "pain_after": (index + 3) % 11, "feeling": "same",
        "steps_done": 13, "steps_total": 13, "stopped_for_pain": False,
    }).encode()


def save(server: Server, session_id: str, index: int) -> int | None:
    """POST one session as the player does; the status, or None when no answer came."""
    request = urllib.request.Request(
        f"{server.url}/api/sessions", data=session(session_id, index), method="POST",
        headers={"Content-Type": "application/json", "X-CSRFToken": TOKEN,
                 "Cookie": f"backcare_device={DEVICE}; csrftoken={TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=15) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return None


def test_kill_9_during_a_burst_loses_and_doubles_nothing(database: Database, tmp_path: Path) -> None:
    server = Server(database, tmp_path)
    server.start()
    ids = [str(uuid.uuid4()) for _ in range(BURST)]
    acknowledged: set[str] = set()
    lock = threading.Lock()

    def client(index: int) -> None:
        status = save(server, ids[index], index)
        if status in (200, 201):
            with lock:
                acknowledged.add(ids[index])
        elif status is not None:
            raise AssertionError(f"save {index} answered {status}")

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            futures = [pool.submit(client, i) for i in range(BURST)]
            deadline = time.monotonic() + 60
            while len(acknowledged) < BURST // 3 and time.monotonic() < deadline:
                time.sleep(0.005)  # until the burst is well under way
            server.kill()
            for future in futures:
                future.result()
        killed_with = set(acknowledged)
        assert 0 < len(killed_with) < BURST, "the kill should land in the middle of the burst"
        stored = database.ids()
        assert len(stored) == len(set(stored))          # nothing doubled
        assert killed_with <= set(stored)                # nothing acknowledged is lost

        server.start()
        for index, session_id in enumerate(ids):        # the clients retry what they lack
            if session_id not in acknowledged:
                assert save(server, session_id, index) in (200, 201)
        # A retry of something already acknowledged is answered 200 and changes nothing.
        assert save(server, next(iter(killed_with)), ids.index(next(iter(killed_with)))) == 200
        stored = database.ids()
        assert sorted(stored) == sorted(ids)             # every session exactly once
    finally:
        server.stop()
