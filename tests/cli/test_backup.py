"""`backcare backup` and `backcare restore`, run for real as separate processes.

Each test has its own SQLite database (DATABASE_URL) and var/ (BACKCARE_VAR_DIR) in a
temporary folder, so nothing touches the project's own var/. The test reads and writes the
database with plain sqlite3, as another process (the server) would.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import CONTENT, ROOT

BACKCARE = Path(sys.executable).with_name("backcare")  # .venv/bin/backcare
TABLE = "practice_practicesession"


@dataclass
class Site:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "db.sqlite3"

    @property
    def var(self) -> Path:
        return self.root / "var"

    @property
    def backups(self) -> Path:
        return self.var / "backups"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in {"BACKCARE_ENV", "SECRET_KEY"}}
        env.update(DATABASE_URL=f"sqlite:///{self.database}", BACKCARE_VAR_DIR=str(self.var),
                   BACKCARE_CONTENT_DIR=str(CONTENT), COLUMNS="200")
        env.update(extra)
        return env

    def run(self, *args: str, stdin: int | None = subprocess.DEVNULL,
            **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BACKCARE), *args], cwd=ROOT, env=self.env(**extra),
                              stdin=stdin, capture_output=True, text=True, timeout=120)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A migrated, empty database of the site's own, with its own var/."""
    made = Site(tmp_path)
    result = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
                            cwd=ROOT, env=made.env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return made


def add_session(connection: sqlite3.Connection, number: int) -> None:
    """One practice session, numbered in its device field so order can be checked."""
    now = "2026-01-02 03:04:05"
    connection.execute(
        f"INSERT INTO {TABLE} (id, device, routine, plan, started_at, ended_at, pain_before, "
        "pain_after, feeling, steps_done, steps_total, stopped_for_pain, created_at) "
        "VALUES (?, ?, 'cat-cow', '', ?, ?, 3, 2, 'better', 4, 4, 0, ?)",
        (uuid.uuid4().hex, f"writer-{number:06d}", now, now, now))


def add_sessions(database: Path, numbers: range) -> None:
    with closing(sqlite3.connect(database)) as connection:
        for number in numbers:
            add_session(connection, number)
        connection.commit()


def devices(database: Path) -> list[str]:
    with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as connection:
        return [row[0] for row in connection.execute(f"SELECT device FROM {TABLE} ORDER BY device")]


def numbered(numbers: range) -> list[str]:
    return [f"writer-{n:06d}" for n in numbers]


def integrity(database: Path) -> str:
    with closing(sqlite3.connect(database)) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def one_line_refusal(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("backcare: ")
    return lines[0]


# --- backup ---------------------------------------------------------------------------------

def test_backup_while_a_writer_keeps_inserting(site: Site) -> None:
    written: list[int] = []
    problems: list[BaseException] = []
    stop = threading.Event()

    def writer() -> None:
        try:
            with closing(sqlite3.connect(site.database, timeout=60)) as connection:
                number = 0
                while not stop.is_set():
                    add_session(connection, number)
                    connection.commit()
                    written.append(number)
                    number += 1
                    time.sleep(0.002)
        except BaseException as exc:  # reported by the test, not lost in the thread
            problems.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while len(written) < 20 and time.monotonic() < deadline and not problems:
            time.sleep(0.01)
        committed_before = len(written)
        target = site.root / "copy.sqlite3"
        result = site.run("backup", str(target))
        committed_during = len(written) - committed_before
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not problems, problems
    assert result.returncode == 0, result.stderr
    assert committed_before >= 20 and committed_during > 0  # the writer really kept going

    assert integrity(target) == "ok"
    saved = devices(target)
    # A snapshot: every session committed before the backup started, then a run of later
    # ones up to some moment, with nothing missing in between and nothing half-written.
    assert committed_before <= len(saved) <= len(written)
    assert saved == numbered(range(len(saved)))
    assert result.stdout.strip() == f"Backed up {len(saved)} sessions to {target}"
    assert mode(target) == 0o600
    assert [p.name for p in site.root.iterdir() if p.name.startswith(".copy")] == []


def test_backup_goes_to_a_private_dated_file_by_default(site: Site) -> None:
    add_sessions(site.database, range(3))
    result = site.run("backup")
    assert result.returncode == 0, result.stderr
    [made] = list(site.backups.iterdir())
    assert made.name.startswith("backcare-") and made.suffix == ".sqlite3"
    stamp = made.stem.removeprefix("backcare-")
    assert len(stamp) == 15 and stamp[8] == "-" and stamp.replace("-", "").isdigit()
    assert result.stdout.strip() == f"Backed up 3 sessions to {made}"
    assert mode(site.var) == 0o700 and mode(site.backups) == 0o700 and mode(made) == 0o600
    assert devices(made) == numbered(range(3))


def test_backup_keeps_an_existing_file_unless_forced(site: Site) -> None:
    target = site.root / "copy.sqlite3"
    target.write_text("precious")
    message = one_line_refusal(site.run("backup", str(target)))
    assert message == (f"backcare: {target} already exists; choose another name, "
                       "or add --force to overwrite it")
    assert target.read_text() == "precious"
    add_sessions(site.database, range(2))
    result = site.run("backup", str(target), "--force")
    assert result.returncode == 0, result.stderr
    assert devices(target) == numbered(range(2)) and mode(target) == 0o600


def test_backup_refuses_to_write_over_the_live_database(site: Site) -> None:
    before = fingerprint(site.database)
    message = one_line_refusal(site.run("backup", str(site.database), "--force"))
    assert "is the live database itself" in message
    assert fingerprint(site.database) == before


# --- restore --------------------------------------------------------------------------------

def test_restore_brings_back_exactly_the_backed_up_sessions(site: Site) -> None:
    add_sessions(site.database, range(5))
    backup = site.root / "five.sqlite3"
    assert site.run("backup", str(backup)).returncode == 0
    add_sessions(site.database, range(5, 8))  # written after the backup: gone after restore

    result = site.run("restore", str(backup), "--yes")
    assert result.returncode == 0, result.stderr
    assert devices(site.database) == numbered(range(5))
    assert integrity(site.database) == "ok"

    [kept] = list(site.backups.iterdir())
    assert kept.name.startswith("before-restore-") and mode(kept) == 0o600
    assert devices(kept) == numbered(range(8))
    assert result.stdout.splitlines() == [
        f"{backup} holds 5 sessions.",
        f"Kept the current database (8 sessions) in {kept}",
        f"Restored 5 sessions from {backup} into {site.database}",
    ]
    with closing(sqlite3.connect(site.database)) as connection:  # migrations are in place
        applied = {row[0] for row in connection.execute("SELECT app FROM django_migrations")}
    assert "practice" in applied


def test_restore_into_a_database_a_server_has_open(site: Site) -> None:
    """The copy goes into the live file in place, so an open connection sees it next time."""
    add_sessions(site.database, range(2))
    backup = site.root / "two.sqlite3"
    assert site.run("backup", str(backup)).returncode == 0
    with closing(sqlite3.connect(site.database)) as server:
        add_sessions(site.database, range(2, 6))
        assert server.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] == 6
        assert site.run("restore", str(backup), "--yes").returncode == 0
        assert server.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] == 2


def _no_such_table(site: Site) -> Path:
    path = site.root / "only-migrations.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE django_migrations (id integer, app text)")
        connection.commit()
    return path


def _text_file(site: Site) -> Path:
    path = site.root / "notes.sqlite3"
    path.write_text("these are not the sessions you are looking for\n" * 50)
    return path


REFUSED: dict[str, tuple[Callable[[Site], Path], str]] = {
    "not SQLite": (_text_file, "is not a readable SQLite database (file is not a database); "
                               "nothing was changed"),
    "missing": (lambda site: site.root / "nowhere.sqlite3",
                "does not exist: give a file made by `backcare backup`; nothing was changed"),
    "a folder": (lambda site: site.root,
                 "is a folder: give a file made by `backcare backup`; nothing was changed"),
    "no session table": (_no_such_table, "is not a backcare backup: it has no "
                                         "practice_practicesession table; nothing was changed"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_restore_refuses_a_file_that_is_not_a_backup(site: Site, case: str) -> None:
    add_sessions(site.database, range(3))
    before = fingerprint(site.database)
    make, expected = REFUSED[case]
    path = make(site)
    message = one_line_refusal(site.run("restore", str(path), "--yes"))
    assert message == f"backcare: {path} {expected}"
    assert fingerprint(site.database) == before
    assert not site.backups.exists()


def test_restore_without_a_terminal_needs_yes(site: Site) -> None:
    add_sessions(site.database, range(3))
    backup = site.root / "three.sqlite3"
    assert site.run("backup", str(backup)).returncode == 0
    add_sessions(site.database, range(3, 4))
    before = fingerprint(site.database)
    result = site.run("restore", str(backup))  # stdin is /dev/null
    assert result.returncode == 2
    assert one_line_refusal(result) == (
        "backcare: restore replaces the current database and there is no terminal to ask on: "
        "add --yes to confirm; nothing was changed")
    assert fingerprint(site.database) == before
    assert not site.backups.exists()


@pytest.mark.parametrize(("answer", "code", "sessions"), [("n", 1, 4), ("", 1, 4), ("y", 0, 3)])
def test_restore_on_a_terminal_asks_first(site: Site, answer: str, code: int,
                                          sessions: int) -> None:
    add_sessions(site.database, range(3))
    backup = site.root / "three.sqlite3"
    assert site.run("backup", str(backup)).returncode == 0
    add_sessions(site.database, range(3, 4))
    controller, terminal = os.openpty()
    try:
        os.write(controller, f"{answer}\n".encode())
        result = site.run("restore", str(backup), stdin=terminal)
    finally:
        os.close(controller)
        os.close(terminal)
    assert f"Replace the current database with {backup}? [y/N]" in result.stdout
    assert result.returncode == code, result.stderr
    assert len(devices(site.database)) == sessions
    if code:
        assert one_line_refusal(result) == "backcare: restore cancelled; nothing was changed"


@pytest.mark.parametrize("command", [["backup"], ["restore", "some.dump", "--yes"]])
def test_postgresql_is_pointed_to_its_own_tools(site: Site, command: list[str]) -> None:
    url = "postgres://backcare:s3cret-pass@db.example.org:5433/backcare_live"
    before = fingerprint(site.database)
    result = site.run(*command, DATABASE_URL=url)
    assert result.returncode == 2
    message = one_line_refusal(result)
    assert "s3cret-pass" not in result.stdout + result.stderr
    assert "this site's database is PostgreSQL" in message
    assert "--host=db.example.org --port=5433 --username=backcare" in message
    if command[0] == "backup":
        assert "use pg_dump, e.g. pg_dump --format=custom" in message
        assert message.split(".dump ")[1].startswith("backcare_live ")
    else:
        assert "use pg_restore" in message and "--dbname=backcare_live FILE" in message
    assert fingerprint(site.database) == before
    assert not site.backups.exists()
