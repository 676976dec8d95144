"""``backcare serve``: check the content, migrate, then hand the process over to gunicorn."""

from __future__ import annotations

import argparse
import os
import sys

from backcare.cli.console import CliError
from backcare.vocabulary import gettext as _

DEFAULT_PORT = 8000
SETTINGS = "backcare.site.settings"


def port_number(raw: str) -> int:
    """argparse type for --port."""
    try:
        port = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a port number (1-65535)").format(value=repr(raw))) from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            _("{value} is not a port number (1-65535)").format(value=port))
    return port


def worker_count(raw: str) -> int:
    """argparse type for --workers."""
    try:
        workers = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number").format(value=repr(raw))) from None
    if not 1 <= workers <= 64:
        raise argparse.ArgumentTypeError(
            _("{count} workers: use 1 to 64").format(count=workers))
    return workers


def resolve_port(given: int | None) -> int:
    """--port if given, else $PORT, else 8000. A bad $PORT is an error, never ignored."""
    if given is not None:
        return given
    raw = os.environ.get("PORT", "").strip()
    if not raw:
        return DEFAULT_PORT
    try:
        return port_number(raw)
    except argparse.ArgumentTypeError:
        raise CliError(_("$PORT is {value}, which is not a port number (1-65535). Set PORT "
                         "to a number such as 8000, or pass --port.").format(value=repr(raw)),
                       code=2) from None


def bind_address(host: str, port: int) -> str:
    if ":" in host and not host.startswith("["):  # an IPv6 address
        host = f"[{host}]"
    return f"{host}:{port}"


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "backcare.site.wsgi:application",
        "--bind", bind_address(host, port),
        "--workers", str(workers),
        "--access-logfile", "-",
    ]


def migrate() -> None:
    """Set Django up with the site's settings and apply migrations, without questions."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    try:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
    except Exception as exc:  # settings, database or system-check problems: one line each
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise CliError(_("Could not prepare the site ({kind}): {message}").format(
            kind=type(exc).__name__, message=message)) from None


def exec_server(argv: list[str]) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(argv[0], argv)  # noqa: S606  (our own argv: this interpreter running gunicorn)
