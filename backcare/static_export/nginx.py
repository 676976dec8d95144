"""An nginx configuration that serves an export the way the site answers.

A plain file server serves every page, demo and static file of an export as it is. Two
things need a rule in front of it, and this configuration has both:

- URLs with a query string (``/exercises/?page=2``, ``/api/routines?lang=es``) are files
  named with their query (:mod:`backcare.static_export.layout`); two ``map`` blocks, made
  from the export's manifest, name the file for each query string the export holds. Any
  other query string (the finder's filters, ``?lang=`` in an order the export does not
  hold) is not answered from a file: it goes to the app, or is a 404 when there is none.
- Content types: each file is sent with the type the site sent it with (``types`` made
  from the manifest), ``charset=utf-8`` where the site said so.

Everything the export does not hold (the screen, plans, the player, worksheets, history,
the API's per-person operations) goes to ``app`` (``host:port`` of the app servers) when it
is given, and is a 404 (the export's ``/404.html``) when it is not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from backcare.static_export.layout import MANIFEST, Entry, Manifest

PAGE_MAP = "$backcare_page_file"
API_MAP = "$backcare_api_file"
#: What a map gives for a query string the export holds no file for: never a file name.
NO_FILE = "/-no-such-file-"
STATIC = "/static/"


def _quoted(text: str) -> str:
    if any(ch in text for ch in '"\\\n;{}$'):
        raise ValueError(f"cannot quote {text!r} for nginx")
    return f'"{text}"'


def _suffixes(manifest: Manifest, api: bool) -> dict[str, str]:
    """Query string -> what follows the URL's path in its file's name."""
    found: dict[str, str] = {}
    for entry in manifest.entries:
        path, _sep, query = entry.url.partition("?")
        if path.startswith("/api/") != api or not (api or path.endswith("/")):
            continue
        found.setdefault(query, entry.file[len(path.lstrip("/").rstrip("/")):] if api
                         else entry.file[len(path.lstrip("/")):])
    return found


def _map(variable: str, suffixes: dict[str, str]) -> str:
    lines = [f"map $args {variable} {{", f"    default {_quoted(NO_FILE)};"]
    lines += [f"    {_quoted(query)} {_quoted(suffix)};"
              for query, suffix in sorted(suffixes.items())]
    return "\n".join([*lines, "}"])


def _types(entries: Iterable[Entry]) -> tuple[dict[str, str], set[str]]:
    """Extension -> media type (the one the site sent most often for it), and the media
    types it sent with ``charset=utf-8``."""
    seen: dict[str, Counter[str]] = {}
    charset: set[str] = set()
    for entry in entries:
        if entry.status != 200:
            continue
        media, _sep, params = entry.content_type.partition(";")
        media = media.strip().lower()
        if "charset" in params.lower() and "utf-8" in params.lower():
            charset.add(media)
        extension = PurePosixPath(entry.file).suffix.lstrip(".").lower() or "-"
        seen.setdefault(extension, Counter())[media] += 1
    return {ext: counts.most_common(1)[0][0] for ext, counts in seen.items()}, charset


def _charset_types(types: set[str]) -> str:
    """``charset_types``' list (text/html always has the charset in nginx; an empty list
    would be an error, so a type no file has stands in)."""
    return " ".join(sorted(types)) or "application/x-none"


def _bucket_size(*maps: dict[str, str]) -> int:
    """A ``map_hash_bucket_size`` that holds the longest query string (nginx's default, 32
    or 64 bytes, is shorter than ``routine=<a long slug>&lang=es``)."""
    longest = max((len(query) for found in maps for query in found), default=0)
    size = 64
    while size < longest + 32:
        size *= 2
    return size


def http_block(root: Path, manifest: Manifest, listen: str, app: str | None = None) -> str:
    """The maps and the ``server`` block for nginx's ``http`` context (it sets
    ``map_hash_bucket_size``, so that context must not set it too)."""
    pages, api = _suffixes(manifest, api=False), _suffixes(manifest, api=True)
    types, charset = _types(manifest.entries)
    # WhiteNoise names a charset for fewer types than the views do (no charset on an SVG)
    static_charset = _types(e for e in manifest.entries if e.url.startswith(STATIC))[1]
    type_lines = "\n".join(f"        {media} {ext};" for ext, media in sorted(types.items())
                           if ext != "-")
    fallback = "@app" if app else "=404"
    app_block = f"""
    location @app {{
        proxy_pass http://{app};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }}""" if app else ""
    return f"""map_hash_bucket_size {_bucket_size(pages, api)};
{_map(PAGE_MAP, pages)}
{_map(API_MAP, api)}
server {{
    listen {listen};
    root {_quoted(str(root))};
    types {{
{type_lines}
    }}
    default_type application/octet-stream;
    charset utf-8;
    charset_types {_charset_types(charset - {"text/html"})};
    error_page 404 /404.html;
    location = /{MANIFEST} {{ return 404; }}
    location ^~ /api/ {{ try_files $uri{API_MAP} {fallback}; }}
    location ~ /$ {{ try_files $uri{PAGE_MAP} {fallback}; }}
    location ^~ {STATIC} {{
        charset_types {_charset_types(static_charset - {"text/html"})};
        try_files $uri {fallback};
    }}
    location / {{ try_files $uri {fallback}; }}{app_block}
}}
"""


def standalone_config(root: Path, manifest: Manifest, listen: str, prefix: Path,
                      app: str | None = None) -> str:
    """A whole nginx.conf that runs in the foreground from ``prefix`` (its pid, logs and
    temporary files there), for a benchmark or a quick look at an export."""
    temp = "\n".join(f"    {name}_temp_path {_quoted(str(prefix / name))};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
worker_processes 1;
pid {_quoted(str(prefix / "nginx.pid"))};
error_log {_quoted(str(prefix / "error.log"))} warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
{temp}
{http_block(root, manifest, listen, app)}}}
"""
