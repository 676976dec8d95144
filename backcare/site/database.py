"""The ``default`` database's settings: ``DATABASE_URL``, else SQLite in var/.

Writes are the session log and its "hurt last time" marks, from every worker thread at once:

- **SQLite** runs in WAL mode (readers never wait for the writer, a commit is one append to
  the -wal file) with ``synchronous=NORMAL`` (safe with WAL: a power cut can lose the last
  commits, never corrupt the file); a writer that finds the database busy waits up to
  :data:`SQLITE_BUSY_SECONDS` instead of failing, and every transaction takes the write lock
  when it begins (``BEGIN IMMEDIATE``), so waiting is all a busy database ever costs. SQLite
  gives the -wal and -shm files the database file's own permissions (0600, see settings).
- **PostgreSQL** keeps each thread's connection for ``DB_CONN_MAX_AGE`` seconds instead of
  connecting per request, and checks a kept connection still works before a request uses it.

Options given in the URL's query string (``sqlite:///path?timeout=5``) win over these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

SQLITE_ENGINE = "django.db.backends.sqlite3"
#: Run on every new SQLite connection (Django splits it at the semicolons).
SQLITE_PRAGMAS = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
#: How long a write waits for another writer before "database is locked".
SQLITE_BUSY_SECONDS = 20


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
