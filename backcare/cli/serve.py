"""``backcare serve``: set the site up, check the content, migrate, then serve with granian.

All in one process, which becomes granian's main process: the content is read once (the
site's own library, which the refusal of broken content also reads), the site's WSGI
application (``backcare.site.wsgi:application``) is imported here, and granian's worker
processes are forked from this one, so each starts with the site and its library already
loaded: no second interpreter, no second read. Each worker answers with ``--threads``
Python threads (granian's blocking threads) and one Rust I/O thread; HTTP/1.1 keep-alive
is on, so a browser's requests share a connection. Each request is a line in an access
log only with ``--access-log``.

granian is the server because bench/pages.py measured it 1.6x faster than gunicorn's
threaded worker at the same workers and threads (bench/README.md, Server). Run it directly
the same way (each worker then imports the site, and reads the library, itself):
``granian --interface wsgi backcare.site.wsgi:application --workers 2 --blocking-threads 4``
(wsgi.py refuses broken content too).
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from backcare.cli.console import CliError
from backcare.content import ContentProblem
from backcare.vocabulary import gettext as _

if TYPE_CHECKING:
    from granian.server import MPServer, MTServer

DEFAULT_PORT = 8000
DEFAULT_WORKERS = 2
#: More threads made the p99 of saving sessions worse (bench/pages.py).
DEFAULT_THREADS = 4
#: The most --workers and --threads each take.
MOST = 64
SETTINGS = "backcare.site.settings"
SITE = "backcare.site.wsgi:application"


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


def granian_options(host: str, port: int, workers: int = DEFAULT_WORKERS,
                    threads: int = DEFAULT_THREADS, access_log: bool = False) -> dict[str, object]:
    """granian's settings for ``backcare serve`` (the names of ``granian.server.Server``'s
    arguments; its command line spells each with dashes)."""
    return {
        "target": SITE,
        "interface": "wsgi",
        "address": host,
        "port": port,
        "workers": workers,
        "blocking_threads": threads,  # the Python threads answering requests, per worker
        "log_access": access_log,  # granian logs no requests unless told
        "websockets": False,  # WSGI has none (granian would say so at every start)
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


def granian_server(options: dict[str, object]) -> MPServer | MTServer:
    """granian's main process for ``options`` (made, not started)."""
    from granian.constants import Interfaces
    from granian.server import Server

    return Server(**dict(options, interface=Interfaces(options["interface"])))  # type: ignore[arg-type]


def ensure_port_free(host: str, port: int) -> None:
    """CliError, in words, when ``host``:``port`` cannot be listened on (taken, not allowed,
    not an address of this machine): said before the content is read or anything migrated,
    rather than as the server's own error after "Serving backcare at ..."."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _name, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind(address)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            message = _("Port {port} on {host} is already in use (is backcare already "
                        "running?); stop that program or choose another port with --port "
                        "or PORT.").format(port=port, host=host)
        elif exc.errno == errno.EACCES:
            message = _("Port {port} on {host} needs more permissions than this account "
                        "has; choose a port above 1023 with --port or PORT.").format(
                            port=port, host=host)
        else:
            message = _("Cannot listen on {host}, port {port}: {error}").format(
                host=host, port=port, error=exc.strerror or exc)
        raise CliError(message) from None


def run_granian(options: dict[str, object]) -> None:
    """Serve with granian inside this process, which becomes its main process: the site
    is imported here first, so the workers granian forks inherit it (and its library) and
    none reads the content again. Returns when granian stops; exits 1 if a worker failed."""
    from django.db import connections

    import backcare.site.wsgi  # noqa: F401  (the site, loaded once, before the fork)

    connections.close_all()  # no worker shares a connection opened here
    server = granian_server(options)
    sys.stdout.flush()
    sys.stderr.flush()
    server.serve()
