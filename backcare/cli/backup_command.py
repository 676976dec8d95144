"""`backcare backup [FILE]` and `backcare restore FILE`: the session log, copied safely.

Both work on the SQLite database the site's settings name (``DATABASES['default']``) and use
SQLite's online backup API, so the site may keep serving meanwhile:

- **backup** reads the database through a read-only connection and copies a consistent
  snapshot (every session committed before the copy started, none half-written) into a new
  file, 0600. The default FILE is var/backups/backcare-YYYYMMDD-HHMMSS.sqlite3 (UTC) in a
  0700 folder. An existing FILE is kept unless --force is given.
- **restore** first checks that FILE is a sound backcare backup (SQLite's integrity check,
  the session and migration tables), and asks (or needs --yes when there is no terminal).
  It then copies the current database to var/backups/before-restore-….sqlite3, copies FILE
  into the live database, page by page, in place (a running server sees the restored data
  on its next request: no file is swapped under it), and applies migrations, so a backup
  made by an older version is brought forward.

PostgreSQL has its own tools: both commands name them, with the command to run built from
the settings (never with the password), and exit 2. Every problem is one line, no traceback.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sqlite3
import sys
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from backcare.cli.console import CliError, stdout
from backcare.site.private_files import private_dir, private_file
from backcare.vocabulary import gettext as _
from backcare.vocabulary import ngettext

SETTINGS = "backcare.site.settings"
SESSIONS_TABLE = "practice_practicesession"
MIGRATIONS_TABLE = "django_migrations"
EXIT_REFUSED = 2
BACKUPS_FOLDER = "backups"
#: A yes to "replace the database?", in every language backcare speaks.
YES = frozenset({"y", "yes", "s", "si", "sí"})


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "backup", help=_("copy the database to a file (safe while the site is serving)"),
        description=_("Copy the SQLite database to FILE, consistently, while the site may be "
                      "serving. Prints the file and how many sessions it holds."))
    p.add_argument("file", nargs="?", default=None, metavar="FILE",
                   help=_("where to write the copy (default: "
                          "var/backups/backcare-YYYYMMDD-HHMMSS.sqlite3, UTC)"))
    p.add_argument("--force", action="store_true",
                   help=_("overwrite FILE if it already exists"))
    p.set_defaults(run=run_backup)

    p = sub.add_parser(
        "restore", help=_("replace the database with a backup (keeps a copy of it first)"),
        description=_("Check FILE, copy the current database to "
                      "var/backups/before-restore-DATE.sqlite3, copy FILE into the database "
                      "and apply migrations."))
    p.add_argument("file", metavar="FILE", help=_("a file made by `backcare backup`"))
    p.add_argument("--yes", action="store_true",
                   help=_("do not ask before replacing (required when there is no terminal)"))
    p.set_defaults(run=run_restore)


# --- where the database is -----------------------------------------------------------------

@dataclass(frozen=True)
class Site:
    database: dict[str, Any]
    var_dir: Path


def site() -> Site:
    """The database settings and var/ folder, read through Django's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    try:
        import django
        from django.conf import settings

        django.setup()
        return Site(dict(settings.DATABASES["default"]), Path(settings.VAR_DIR))
    except Exception as exc:  # settings problems: one line each
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise CliError(_("Could not read the site's settings ({kind}): {message}").format(
            kind=type(exc).__name__, message=message)) from None


def _postgres_connection(database: dict[str, Any]) -> list[str]:
    """pg_dump/pg_restore connection options from the settings, never the password."""
    return [f"--{option}={shlex.quote(str(database[key]))}"
            for option, key in (("host", "HOST"), ("port", "PORT"), ("username", "USER"))
            if database.get(key)]


def _postgres_advice(database: dict[str, Any], command: str) -> str:
    connection = " ".join(_postgres_connection(database))
    name = shlex.quote(str(database.get("NAME") or "DBNAME"))
    if command == "backup":
        example = (f"pg_dump --format=custom {connection} "
                   f"--file=backcare-{_stamp()}.dump {name}")
        tool = "pg_dump"
    else:
        example = f"pg_restore --clean --if-exists --no-owner {connection} --dbname={name} FILE"
        tool = _("pg_restore (or psql for a plain SQL dump)")
    return _("{command} handles SQLite only and this site's database is PostgreSQL: use "
             "{tool}, e.g. {example} (it asks for the password, or reads it from PGPASSWORD "
             "or ~/.pgpass)").format(command=command, tool=tool,
                                     example=" ".join(example.split()))


def sqlite_file(database: dict[str, Any], command: str) -> Path:
    """The database file, or a one-line refusal for any other kind of database."""
    engine = str(database.get("ENGINE", ""))
    if "postgresql" in engine or "postgis" in engine:
        raise CliError(_postgres_advice(database, command), EXIT_REFUSED)
    if not engine.endswith("sqlite3"):
        raise CliError(_("{command} handles SQLite only; this site's database engine is "
                         "{engine}: use that database's own tools").format(
                             command=command, engine=engine), EXIT_REFUSED)
    name = str(database.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        raise CliError(_("the SQLite database {name} is not a file on disk; backcare "
                         "{command} needs one").format(name=repr(name), command=command),
                       EXIT_REFUSED)
    return Path(name)


# --- SQLite --------------------------------------------------------------------------------

def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def _stamped(folder: Path, prefix: str) -> Path:
    """A new file name in ``folder`` with the UTC time in it; never an existing file's."""
    base = f"{prefix}-{_stamp()}"
    path, number = folder / f"{base}.sqlite3", 1
    while path.exists():
        number += 1
        path = folder / f"{base}-{number}.sqlite3"
    return path


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file (and never creates it)."""
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)


def _session_count(connection: sqlite3.Connection) -> int | None:
    """Sessions in the database; None when it has no session table (never migrated)."""
    found = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (SESSIONS_TABLE,)).fetchone()
    if found is None:
        return None
    count = f'SELECT count(*) FROM "{SESSIONS_TABLE}"'  # noqa: S608  (a constant table name)
    return int(connection.execute(count).fetchone()[0])


def _sessions_text(count: int | None) -> str:
    if count is None:
        return _("no sessions (the database was never migrated)")
    return ngettext("{count} session", "{count} sessions", count).format(count=count)


def copy_to_new_file(source: Path, target: Path) -> int | None:
    """Copy ``source`` consistently into ``target`` (0600, replacing it); its session count.

    The copy is made in a temporary file next to ``target`` and renamed over it when
    complete, so ``target`` is never a half-written database.
    """
    handle, temporary_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial",
                                              dir=target.parent)  # mkstemp makes it 0600
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        with closing(_read_only(source)) as reader, closing(sqlite3.connect(temporary)) as copy:
            reader.backup(copy)  # one step: a snapshot taken inside one read transaction
            count = _session_count(copy)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def check_backup(path: Path) -> int:
    """The number of sessions in a sound backcare backup; a one-line refusal otherwise."""
    if not path.is_file():
        what = (_("{file} is a folder: give a file made by `backcare backup`; nothing was "
                  "changed") if path.is_dir() else
                _("{file} does not exist: give a file made by `backcare backup`; nothing was "
                  "changed"))
        raise CliError(what.format(file=path), EXIT_REFUSED)
    if not os.access(path, os.R_OK):
        raise CliError(_("{file} cannot be read (permission denied); nothing was changed")
                       .format(file=path), EXIT_REFUSED)
    try:
        with closing(_read_only(path)) as connection:
            verdict = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            count = _session_count(connection)
    except sqlite3.Error as exc:
        raise CliError(_("{file} is not a readable SQLite database ({error}); nothing was "
                         "changed").format(file=path, error=exc), EXIT_REFUSED) from None
    if verdict != ["ok"]:
        raise CliError(_("{file} fails SQLite's integrity check ({verdict}); nothing was "
                         "changed").format(file=path, verdict=verdict[0]), EXIT_REFUSED)
    missing = [t for t in (SESSIONS_TABLE, MIGRATIONS_TABLE) if t not in tables]
    if missing or count is None:
        raise CliError(_("{file} is not a backcare backup: it has no {tables} table; nothing "
                         "was changed").format(file=path, tables=_(" or ").join(missing)),
                       EXIT_REFUSED)
    return count


def copy_into_live(backup: Path, live: Path) -> None:
    """Overwrite the live database's content with ``backup``'s, in place."""
    if not live.exists():
        private_file(live)
    with closing(_read_only(backup)) as reader, closing(sqlite3.connect(live)) as database:
        reader.backup(database)  # waits while another connection is writing


def _migrate() -> None:
    from django.core.management import call_command

    # The content checks are skipped: restoring data does not depend on the library.
    call_command("migrate", interactive=False, verbosity=0, skip_checks=True)


# --- the commands --------------------------------------------------------------------------

def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _backup_target(args: argparse.Namespace, var_dir: Path, source: Path) -> Path:
    if args.file is None:
        return _stamped(private_dir(var_dir / BACKUPS_FOLDER), "backcare")
    target = Path(args.file).expanduser()
    if target.is_dir():
        example = target / "backcare.sqlite3"
        raise CliError(_("{file} is a folder; give a file name, e.g. {example}").format(
            file=target, example=example), EXIT_REFUSED)
    if not target.parent.is_dir():
        raise CliError(_("the folder {folder} does not exist; create it first").format(
            folder=target.parent), EXIT_REFUSED)
    if _same_file(target, source):
        raise CliError(_("{file} is the live database itself; choose another file").format(
            file=target), EXIT_REFUSED)
    if target.exists() and not args.force:
        raise CliError(_("{file} already exists; choose another name, or add --force to "
                         "overwrite it").format(file=target), EXIT_REFUSED)
    return target


def run_backup(args: argparse.Namespace) -> int:
    current = site()
    source = sqlite_file(current.database, "backup")
    if not source.is_file():
        raise CliError(_("there is no database at {file} yet; nothing to back up").format(
            file=source), 1)
    target = _backup_target(args, current.var_dir, source)
    try:
        count = copy_to_new_file(source, target)
    except sqlite3.Error as exc:
        raise CliError(_("could not back up {file}: {error}").format(file=source, error=exc),
                       1) from None
    stdout().print(_("Backed up {sessions} to {file}").format(sessions=_sessions_text(count),
                                                              file=target),
                   markup=False, soft_wrap=True)
    return 0


def _confirm(args: argparse.Namespace, backup: Path) -> None:
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise CliError(_("restore replaces the current database and there is no terminal to "
                         "ask on: add --yes to confirm; nothing was changed"), EXIT_REFUSED)
    sys.stdout.write(_("Replace the current database with {file}? [y/N] ").format(file=backup))
    sys.stdout.flush()
    answer = sys.stdin.readline().strip().lower()
    if answer not in YES:
        raise CliError(_("restore cancelled; nothing was changed"), 1)


def run_restore(args: argparse.Namespace) -> int:
    current = site()
    live = sqlite_file(current.database, "restore")
    backup = Path(args.file).expanduser()
    count = check_backup(backup)
    if _same_file(backup, live):
        raise CliError(_("{file} is the live database itself; nothing was changed").format(
            file=backup), EXIT_REFUSED)
    if not live.parent.is_dir():
        raise CliError(_("the database's folder {folder} does not exist; nothing was changed")
                       .format(folder=live.parent), EXIT_REFUSED)
    out = stdout()
    out.print(_("{file} holds {sessions}.").format(file=backup, sessions=_sessions_text(count)),
              markup=False, soft_wrap=True)
    _confirm(args, backup)

    if live.is_file() and live.stat().st_size > 0:
        kept = _stamped(private_dir(current.var_dir / BACKUPS_FOLDER), "before-restore")
        try:
            kept_count = copy_to_new_file(live, kept)
        except sqlite3.Error as exc:
            raise CliError(_("could not back up the current database {file} first ({error}); "
                             "nothing was changed").format(file=live, error=exc), 1) from None
        out.print(_("Kept the current database ({sessions}) in {file}").format(
            sessions=_sessions_text(kept_count), file=kept), markup=False, soft_wrap=True)
    try:
        copy_into_live(backup, live)
    except sqlite3.Error as exc:
        raise CliError(_("could not copy {backup} into {live}: {error}").format(
            backup=backup, live=live, error=exc), 1) from None
    try:
        _migrate()
    except Exception as exc:
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise CliError(_("{backup} was restored into {live}, but applying migrations failed "
                         "({kind}: {message})").format(backup=backup, live=live,
                                                       kind=type(exc).__name__,
                                                       message=message), 1) from None
    out.print(_("Restored {sessions} from {backup} into {live}").format(
        sessions=_sessions_text(count), backup=backup, live=live), markup=False, soft_wrap=True)
    return 0
