"""The ``default`` database's settings: ``DATABASE_URL``, else SQLite in var/.

Writes are the session log and its "hurt last time" marks, from every worker thread at once:

- **SQLite** runs in WAL mode (readers never wait for the writer, a commit is one append to
  the -wal file) with ``synchronous=NORMAL`` (safe with WAL: a power cut can lose the last
  commits, never corrupt the file); a writer that finds the database busy waits up to
  :data:`SQLITE_BUSY_SECONDS` instead of failing, and every transaction takes the write lock
  when it begins (``BEGIN IMMEDIATE``), so waiting is all a busy database ever costs. SQLite
  gives the -wal and -shm files the database file's own permissions (0600, see settings).
  SQLite's own wait for a busy database sleeps in steps of up to 100 ms, so the site's
  writes first queue in :func:`sqlite_write_lock` (a lock within the process, and a
  ``flock`` on the file ``<database>-writer-queue`` between processes), where the next
  writer starts as soon as the last one commits.
- **PostgreSQL** keeps each thread's connection for ``DB_CONN_MAX_AGE`` seconds instead of
  connecting per request, and checks a kept connection still works before a request uses it.

Options given in the URL's query string (``sqlite:///path?timeout=5``) win over these.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dj_database_url

SQLITE_ENGINE = "django.db.backends.sqlite3"
#: Run on every new SQLite connection (Django splits it at the semicolons).
SQLITE_PRAGMAS = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
#: How long a write waits for another writer before "database is locked".
SQLITE_BUSY_SECONDS = 20
#: Beside the database file: the site's writers queue on it (``flock``), one at a time.
WRITER_QUEUE_SUFFIX = "-writer-queue"


def database_settings(default_sqlite: Path, conn_max_age: int) -> dict[str, Any]:
    """``DATABASES["default"]``: ``$DATABASE_URL`` if set, else the SQLite file
    ``default_sqlite``; connections kept ``conn_max_age`` seconds, and a server's (not
    SQLite's) health-checked."""
    database: dict[str, Any] = dict(dj_database_url.config(
        default=f"sqlite:///{default_sqlite}",
        conn_max_age=conn_max_age,
        conn_health_checks=True,
    ))
    if database["ENGINE"] == SQLITE_ENGINE:
        # A file on this machine: nothing to go stale between requests, nothing to check.
        database["CONN_HEALTH_CHECKS"] = False
        options = database.setdefault("OPTIONS", {})
        options.setdefault("init_command", SQLITE_PRAGMAS)
        options.setdefault("timeout", SQLITE_BUSY_SECONDS)
        options.setdefault("transaction_mode", "IMMEDIATE")
    return database


# --- SQLite's writers, one at a time ---------------------------------------------------------

_process_writers = threading.RLock()
_this_thread = threading.local()  # .depth: how many sqlite_write_lock blocks it is inside
_queue_files: dict[tuple[int, str], int] = {}  # (process id, database file) -> open file


def _queue_file(database: str) -> int | None:
    """This process's own open writer-queue file for ``database`` (a forked worker opens
    its own: a lock taken through a file it shares with its parent would hold nothing
    back); None for a database in memory, or when the file cannot be made."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    key = (os.getpid(), database)
    if key not in _queue_files:
        try:
            _queue_files[key] = os.open(database + WRITER_QUEUE_SUFFIX,
                                        os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError:
            return None  # SQLite's own busy wait still keeps the writes apart
    return _queue_files[key]


@contextmanager
def sqlite_write_lock(using: str = "default") -> Iterator[None]:
    """Around a write transaction: on SQLite, wait here for the process's and the other
    server processes' writers (woken the moment the last one finishes) instead of in
    SQLite's busy wait; on any other database, nothing. Blocks nest."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    with _process_writers:
        depth: int = getattr(_this_thread, "depth", 0)
        queue = None if depth else _queue_file(str(connection.settings_dict["NAME"]))
        if queue is not None:
            fcntl.flock(queue, fcntl.LOCK_EX)
        _this_thread.depth = depth + 1
        try:
            yield
        finally:
            _this_thread.depth = depth
            if queue is not None:
                fcntl.flock(queue, fcntl.LOCK_UN)
