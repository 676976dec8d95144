"""Ask the site for one URL in this process, exactly as a WSGI server such as gunicorn does.

:class:`SiteClient` calls Django's own :class:`~django.core.handlers.wsgi.WSGIHandler`
(what ``backcare.site.wsgi.application`` is) with a WSGI environ built for the export's
origin, so the answer passes through every middleware with the site's settings and the
body is the one the server would send: the same bytes a file server then sends from disk.

Each request runs in a fresh :mod:`contextvars` context, as a request on a server thread
does: the language the caller speaks (``backcare.vocabulary.use``, the CLI's ``--lang``)
does not leak into the pages, and the language a page activates does not leak back.
"""

from __future__ import annotations

import contextvars
import io
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

#: The origin the export renders for when none is given: where `backcare serve` listens.
DEFAULT_ORIGIN = "http://localhost:8000"


@dataclass(frozen=True)
class Origin:
    """Where the exported site will be served from: the scheme and host the pages' absolute
    links (``<link rel="alternate" hreflang>``) name."""

    scheme: str
    host: str  # as in a Host header: name[:port]

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}"

    @property
    def server_name(self) -> str:
        name = self.host.rsplit(":", 1)[0] if not self.host.endswith("]") else self.host
        return name.strip("[]")

    @property
    def port(self) -> str:
        if not self.host.endswith("]") and ":" in self.host:
            return self.host.rsplit(":", 1)[1]
        return "443" if self.scheme == "https" else "80"


def parse_origin(value: str) -> Origin:
    """``https://example.org`` -> Origin; ValueError saying what is wrong otherwise."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https"):
        raise ValueError("scheme")
    if not parts.netloc or "@" in parts.netloc or parts.path not in ("", "/") \
            or parts.query or parts.fragment:
        raise ValueError("form")
    try:
        parts.port  # noqa: B018  (raises ValueError for a port out of range or not a number)
    except ValueError:
        raise ValueError("port") from None
    return Origin(parts.scheme, parts.netloc.lower())


@dataclass(frozen=True)
class Answer:
    """What the site sent for one URL: status, headers and every byte of the body."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str:
        """Every value of a header joined with ", " ("" when absent), as HTTP reads them."""
        wanted = name.lower()
        return ", ".join(value for key, value in self.headers if key.lower() == wanted)

    @property
    def content_type(self) -> str:
        return self.header("Content-Type")


class SiteClient:
    """GET requests answered by the site's WSGI application, in this process."""

    def __init__(self, origin: Origin) -> None:
        self.origin = origin
        self._handler = WSGIHandler()

    def environ(self, url: str) -> dict[str, object]:
        path, _, query = url.partition("?")
        environ: dict[str, object] = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            # WSGI: the path decoded, its bytes as latin-1 characters (Django reads it so).
            "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
            "QUERY_STRING": query,
            "SERVER_NAME": self.origin.server_name,
            "SERVER_PORT": self.origin.port,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": self.origin.host,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": self.origin.scheme,
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        # Behind an HTTPS proxy the site knows HTTPS by the proxy's header, not the scheme.
        proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        if proxy_header and self.origin.scheme == "https":
            environ[proxy_header[0]] = proxy_header[1]
        return environ

    def get(self, url: str) -> Answer:
        """The site's answer to ``GET url`` (a path with an optional query string)."""
        return contextvars.Context().run(self._get, url)

    def _get(self, url: str) -> Answer:
        started: list[tuple[str, list[tuple[str, str]]]] = []

        def start_response(
            status: str, headers: list[tuple[str, str]],
            exc_info: tuple[type[BaseException], BaseException, TracebackType]
            | tuple[None, None, None] | None = None, /,
        ) -> Callable[[bytes], object]:
            started[:] = [(status, headers)]
            return _no_write

        result: Iterable[bytes] = self._handler(self.environ(url), start_response)
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()  # WSGI: always; Django sends request_finished from here
        status, headers = started[0]
        return Answer(int(status.split(" ", 1)[0]), tuple(headers), body)


def _no_write(data: bytes) -> object:
    """WSGI's legacy write(): Django never calls it."""
    raise NotImplementedError
