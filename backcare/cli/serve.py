"""``backcare serve``: set the site up, check the content, migrate, then serve with gunicorn.

All in one process, which becomes gunicorn's master: the content is read once (the site's
own library, which the refusal of broken content also reads), and gunicorn preloads the
site there before it forks the workers, which inherit it. The workers run gunicorn's
threaded worker (``gthread``) with keep-alive, so a browser's requests share a connection.
Each request is a line in an access log only with ``--access-log``.

Run gunicorn directly the same way: ``gunicorn backcare.site.wsgi:application --preload
--worker-class gthread --threads 8 --keep-alive 5`` (wsgi.py refuses broken content too).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from backcare.cli.console import PROG, CliError
from backcare.content import ContentProblem
from backcare.vocabulary import gettext as _

DEFAULT_PORT = 8000
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 8
#: Seconds an idle keep-alive connection is held open for the browser's next request.
KEEP_ALIVE_SECONDS = 5
#: The most --workers and --threads each take.
MOST = 64
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


def _whole_number(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number").format(value=repr(raw))) from None


def worker_count(raw: str) -> int:
    """argparse type for --workers."""
    workers = _whole_number(raw)
    if not 1 <= workers <= MOST:
        raise argparse.ArgumentTypeError(
            _("{count} workers: use 1 to 64").format(count=workers))
    return workers


def thread_count(raw: str) -> int:
    """argparse type for --threads."""
    threads = _whole_number(raw)
    if not 1 <= threads <= MOST:
        raise argparse.ArgumentTypeError(
            _("{count} threads: use 1 to 64").format(count=threads))
    return threads


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


def gunicorn_options(host: str, port: int, workers: int = DEFAULT_WORKERS,
                     threads: int = DEFAULT_THREADS, access_log: bool = False) -> dict[str, object]:
    """gunicorn's settings for ``backcare serve`` (the names of gunicorn's own settings)."""
    return {
        "bind": [bind_address(host, port)],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "keepalive": KEEP_ALIVE_SECONDS,
        "preload_app": True,  # the site and its library load once, before the fork
        "accesslog": "-" if access_log else None,  # gunicorn logs no requests unless told
    }


def _prepare_problem(exc: Exception) -> CliError:
    message = " ".join(str(exc).split()) or type(exc).__name__
    return CliError(_("Could not prepare the site ({kind}): {message}").format(
        kind=type(exc).__name__, message=message))


def start_django() -> None:
    """Set Django up with the site's settings (a refused setting is one line, exit 1)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    try:
        import django
        from django.apps import apps

        if not apps.ready:
            django.setup()
    except Exception as exc:  # settings problems: one line each
        raise _prepare_problem(exc) from None


def content_problems() -> tuple[Path, tuple[ContentProblem, ...]]:
    """The content folder and its problems, read through the site's own loaded library:
    the one read of this process, which the site then serves (nothing when it has none)."""
    from django.conf import settings

    from backcare.catalogue.library import library_or_problems

    return Path(settings.BACKCARE_CONTENT_DIR), library_or_problems()[1]


def migrate() -> None:
    """Apply migrations without questions, then close the database connections, so the
    worker processes forked later never share one."""
    try:
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", interactive=False, verbosity=0)
        connections.close_all()
    except Exception as exc:  # database or migration problems: one line each
        raise _prepare_problem(exc) from None


def run_gunicorn(options: dict[str, object]) -> None:
    """Serve with gunicorn inside this process, which becomes its master: the site this
    process already set up (and its library) is what the forked workers inherit, with no
    second interpreter to start and no second read of the content. Returns only if
    gunicorn does."""
    from gunicorn.app.base import BaseApplication

    class Site(BaseApplication):  # type: ignore[misc]  # (gunicorn has no type hints)
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> object:
            from backcare.site.wsgi import application

            return application

    sys.stdout.flush()
    sys.stderr.flush()
    Site(prog=PROG).run()
