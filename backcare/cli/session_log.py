"""The terminal player's session log: the same PracticeSession rows the web player saves,
under this computer's device id (var/cli-device), with "it hurt last time" marks.

Django is set up only here, and only when a session is to be saved (not with --no-save).
"""

from __future__ import annotations

import argparse
import os
import re
import uuid
from datetime import date
from pathlib import Path

from backcare.cli.console import PROG, stderr
from backcare.vocabulary import gettext as _

SETTINGS = "backcare.site.settings"
DEVICE_FILE = "cli-device"
_DEVICE = re.compile(r"^cli-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class SessionLog:
    """Saves sessions with the Django ORM, into the database the settings name."""

    def __init__(self, device: str) -> None:
        self.device = device

    @classmethod
    def open(cls) -> SessionLog:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
        import django
        from django.conf import settings
        from django.core.management import call_command

        django.setup()
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            # A local SQLite file is ours to set up; any other database is migrated by
            # whoever runs it, never as a side effect of playing a routine.
            if connection.vendor != "sqlite":
                raise RuntimeError(_("the database needs its migrations first "
                                     "(python manage.py migrate)"))
            call_command("migrate", interactive=False, verbosity=0)
        return cls(cli_device(Path(settings.VAR_DIR)))

    def save(self, **fields: object) -> None:
        """Save one session; a painful exercise named after a stop is remembered."""
        from backcare.practice.models import PracticeSession
        from backcare.practice.painful_marks import remember_hurt

        session = PracticeSession(id=uuid.uuid4(), device=self.device, **fields)
        session.full_clean()
        session.save(force_insert=True)
        remember_hurt(session)

    def hurt_days(self) -> dict[str, date]:
        """Exercises that hurt on this computer, left out of its plans until included again."""
        from backcare.practice.owner import Owner
        from backcare.practice.painful_marks import hurt_days

        return hurt_days(Owner.of_device(self.device))


def cli_device(var_dir: Path) -> str:
    """This computer's terminal device id, made once and kept in var/cli-device (0600, in a
    0700 var/: the id is the key to this computer's session history)."""
    from backcare.site.private_files import private_dir, private_file, write_private_text

    path = var_dir / DEVICE_FILE
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError:
        value = ""
    if _DEVICE.match(value):
        private_file(path)  # one written by an older backcare was 0644
        return value
    value = f"cli-{uuid.uuid4()}"
    private_dir(var_dir)
    write_private_text(path, value + "\n")
    return value


def open_log(args: argparse.Namespace) -> SessionLog | None:
    if args.no_save:
        return None
    try:
        return SessionLog.open()
    except Exception as exc:  # the routine matters more than the log: go on without it
        stderr().print(f"{PROG}: " + _("this session will not be saved ({kind}: {error})")
                       .format(kind=type(exc).__name__, error=exc), markup=False)
        return None


def terminal_hurt_days() -> dict[str, date]:
    """What hurt on this computer (its `backcare play` sessions), for `plan`, `play` and
    `worksheet` alike — read even with --no-save. An unreadable log is said, not hidden."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    try:
        import django
        from django.conf import settings

        django.setup()
        from backcare.practice.owner import Owner
        from backcare.practice.painful_marks import hurt_days

        return hurt_days(Owner.of_device(cli_device(Path(settings.VAR_DIR))))
    except Exception as exc:  # no database yet, or it cannot be read
        if "no such table" in str(exc):
            return {}  # nothing was ever saved here: nothing hurt here either
        stderr().print(f"{PROG}: " + _("could not read which exercises hurt before on this "
                                       "computer ({kind}); check them before you start.")
                       .format(kind=type(exc).__name__), markup=False)
        return {}


def include_again_here(slug: str) -> bool:
    """Put an exercise that hurt in `backcare play` back into this computer's plans."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django
    from django.conf import settings

    django.setup()
    from backcare.practice.owner import Owner
    from backcare.practice.painful_marks import include_again

    return include_again(Owner.of_device(cli_device(Path(settings.VAR_DIR))), slug)


def include_again_command(args: argparse.Namespace) -> int:
    """`backcare include-again SLUG`: the terminal's "Include it again" button."""
    from backcare.cli.console import CliError, stdout

    slug = args.exercise.strip().lower()
    if include_again_here(slug):
        stdout().print(_("{exercise} is back in your plans on this computer.").format(
            exercise=slug), markup=False)
        return 0
    left_out = ", ".join(sorted(terminal_hurt_days())) or _("none")
    raise CliError(_("{exercise} was not left out because it hurt on this computer (left out "
                     "now: {left_out})").format(exercise=repr(slug), left_out=left_out), 1)
