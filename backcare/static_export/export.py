"""Write every public answer of the site into a folder a plain file server can serve.

:func:`export_site` asks the site itself (:class:`~backcare.static_export.fetch.SiteClient`,
the WSGI application in this process, with the site's settings) for every URL the site map
names, follows a page's links to more of itself (``?page=2``), checks that each answer is
public — a 200 (404 for the not-found page) that sets no cookie and is neither ``private``
nor ``no-store`` nor varies by cookie — and writes its body, byte for byte, where
:func:`~backcare.static_export.layout.file_for` says. The manifest is written last (and,
when something fails half-way, with ``complete: false``, so the folder is still known as an
export and the next run may replace it).
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http.request import validate_host

from backcare.content import Library
from backcare.static_export.fetch import Answer, Origin, SiteClient
from backcare.static_export.layout import (
    Entry,
    ExportFailed,
    ExportRefused,
    Manifest,
    Writer,
    file_for,
    previous_manifest,
)
from backcare.static_export.links import site_links
from backcare.static_export.site_map import (
    Planned,
    api_urls,
    followed,
    page_urls,
    static_urls,
)
from backcare.vocabulary import gettext as _

#: At most this many pages are followed from one page's links (``?page=N``): a bound, so a
#: page that kept linking to a next one could not make the export endless.
MAX_FOLLOWED = 10_000


@dataclass(frozen=True)
class ExportReport:
    folder: Path
    manifest: Manifest
    written: int
    unchanged: int
    removed: int
    seconds: float


def private_reason(answer: Answer) -> str | None:
    """Why ``answer`` may not go into a public export (None when it may)."""
    if answer.header("Set-Cookie"):
        return _("it sets a cookie")
    cache_control = {part.strip().split("=", 1)[0].lower()
                     for part in answer.header("Cache-Control").split(",")}
    if cache_control & {"private", "no-store"}:
        return _("it is marked private")
    if "cookie" in {part.strip().lower() for part in answer.header("Vary").split(",")}:
        return _("it depends on the visitor's cookies")
    return None


def _check(planned: Planned, answer: Answer) -> None:
    if answer.status != planned.expected_status:
        message = _("{url} answered {status}, not {expected}; nothing more was exported.").format(
            url=planned.url, status=answer.status, expected=planned.expected_status)
        if 300 <= answer.status < 400:
            message += " " + _("It sends visitors to {location}: is the origin the site's own "
                               "address (https, its host)?").format(
                location=answer.header("Location")[:200])
        raise ExportFailed(message)
    reason = private_reason(answer)
    if reason is not None:
        raise ExportFailed(_("{url} is not public ({reason}); it cannot be exported.").format(
            url=planned.url, reason=reason))


def check_host(origin: Origin) -> None:
    """ExportRefused unless the site answers for the origin's host (``ALLOWED_HOSTS``, as
    Django reads it), so the export does not end with a page of 400s."""
    allowed = list(settings.ALLOWED_HOSTS)
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    if not validate_host(origin.server_name if ":" not in origin.server_name
                         else f"[{origin.server_name}]", allowed):
        raise ExportRefused(_("The site does not answer for {host} (it is not in ALLOWED_HOSTS: "
                              "{allowed}). Give the address the site is served at as the "
                              "origin.").format(host=origin.server_name,
                                                allowed=", ".join(allowed) or "-"))


def plan_urls(library: Library, languages: Iterable[str]) -> list[Planned]:
    """The URLs to export, before any page's links are followed: pages and demos in each
    language, the API's reads in each, then the static files."""
    planned: list[Planned] = []
    chosen = list(languages)
    for language in chosen:
        planned.extend(page_urls(library, language))
    for language in chosen:
        planned.extend(api_urls(library, language))
    planned.extend(static_urls())
    return planned


def export_site(folder: Path, library: Library, languages: Iterable[str],
                origin: Origin) -> ExportReport:
    """Export the site into ``folder`` (new, empty, or an earlier export). ExportRefused
    when the folder holds anything else; ExportFailed when an answer is not public."""
    started = time.perf_counter()
    chosen = list(dict.fromkeys(languages))
    before = previous_manifest(folder)
    check_host(origin)
    writer = Writer(folder)
    manifest = Manifest(origin=origin.url, languages=chosen, content_hash=library.content_hash)
    client = SiteClient(origin)
    queue = deque(plan_urls(library, chosen))
    seen = {planned.url for planned in queue}
    followed_count = 0
    writer.write_manifest(_marker(before, manifest))
    try:
        while queue:
            planned = queue.popleft()
            with _quiet(planned.expected_status != 200):
                answer = client.get(planned.url)
            _check(planned, answer)
            entry = Entry(planned.url, str(file_for(planned.url)), planned.kind,
                          answer.content_type, answer.status)
            writer.write(file_for(planned.url), answer.body)
            manifest.entries.append(entry)
            if planned.kind != "page":
                continue
            for link in site_links(answer.body, planned.url, origin.url):
                if link not in seen and followed(link, planned.url) \
                        and followed_count < MAX_FOLLOWED:
                    seen.add(link)
                    followed_count += 1
                    queue.append(Planned(link, "page"))
    except BaseException:
        # Keep the folder known as an export (what this run wrote, and what the earlier one
        # did), so the next run may replace it.
        written = {entry.file for entry in manifest.entries}
        manifest.entries.extend(e for e in (before.entries if before else [])
                                if e.file not in written)
        writer.write_manifest(manifest)
        raise
    removed = writer.remove_stale(before, manifest.entries)
    manifest.complete = True
    writer.write_manifest(manifest)
    return ExportReport(folder, manifest, writer.written, writer.unchanged, removed,
                        time.perf_counter() - started)


@contextmanager
def _quiet(quiet: bool) -> Iterator[None]:
    """Django logs every 404 it answers; the not-found page is asked for on purpose."""
    logger = logging.getLogger("django.request")
    was = logger.disabled
    logger.disabled = quiet or was
    try:
        yield
    finally:
        logger.disabled = was


def _marker(before: Manifest | None, manifest: Manifest) -> Manifest:
    """The manifest written first, before any file: the earlier export's entries (so its
    files can still be cleaned up), marked incomplete."""
    return Manifest(origin=manifest.origin, languages=manifest.languages,
                    content_hash=manifest.content_hash, complete=False,
                    entries=list(before.entries) if before else [])
