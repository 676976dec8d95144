"""bench/scale.py's measurements, each made in a fresh process (``scale.py --child …``).

Each ``measure_*`` sets Django up with the environment scale.py gives it (the content
folder, a temporary var/, the response cache off) and returns plain figures as a dict.
"""

from __future__ import annotations

import os
import re
import resource
import statistics
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any


class AssetFinder(HTMLParser):
    """The assets a first visit asks for: stylesheets, icons, scripts, images."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        #: Images marked loading="lazy": fetched only as they scroll into view.
        self.lazy: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        url = None
        if tag == "link" and a.get("rel") in {"stylesheet", "icon", "preload", "modulepreload"}:
            url = a.get("href")
        elif tag in {"script", "img", "source", "audio", "video"}:
            url = a.get("src")
        elif tag == "object":
            url = a.get("data")
        if url and not url.startswith("data:"):
            (self.lazy if a.get("loading") == "lazy" else self.assets).append(url)


def css_assets(css: str) -> list[str]:
    return [u for u in re.findall(r"url\(['\"]?([^'\")]+)", css) if not u.startswith("data:")]


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcare.site.settings")
    import django

    django.setup()


def _raise_content_limits() -> dict[str, int]:
    """The loader refuses a folder of more than MAX_FILES_PER_FOLDER files and a content
    folder over MAX_TOTAL_BYTES (hostile-content guards sized for today's library); 100×
    content is over both. Raised here for the measurement, and said so in the output."""
    from backcare.content import loader, safe_file

    limits = {"files": loader.MAX_FILES_PER_FOLDER, "bytes": safe_file.MAX_TOTAL_BYTES}
    loader.MAX_FILES_PER_FOLDER = max(limits["files"], 100_000)
    safe_file.MAX_TOTAL_BYTES = max(limits["bytes"], 1024 ** 3)
    return limits


def _rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _fetch(client: Any, path: str) -> bytes:
    got = client.get(path)
    if got.status_code != 200:
        raise SystemExit(f"{path} answered {got.status_code}")
    return b"".join(got.streaming_content) if got.streaming else bytes(got.content)


def weigh(client: Any, path: str) -> dict[str, Any]:
    """A first visit to ``path``: the HTML and every asset it asks for at once (stylesheets,
    scripts, images not marked lazy, what the stylesheets name), uncompressed; the lazy
    images, fetched only as they scroll into view, are weighed apart."""
    html = _fetch(client, path)
    finder = AssetFinder()
    finder.feed(html.decode("utf-8"))
    total, requests, seen, queue = len(html), 1, set(), list(finder.assets)
    while queue:
        asset = queue.pop(0)
        if asset in seen:
            continue
        seen.add(asset)
        body = _fetch(client, asset)
        total += len(body)
        requests += 1
        if asset.endswith(".css"):
            queue.extend(css_assets(body.decode("utf-8")))
    lazy = sorted(set(finder.lazy) - seen)
    return {"path": path, "html": len(html), "weight": total, "requests": requests,
            "lazy": len(lazy), "lazy_bytes": sum(len(_fetch(client, url)) for url in lazy)}


class Clock:
    """Wall-clock and CPU time of this process, in ms. The machine may be shared: other
    processes stretch the wall clock, not this process's CPU time."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def read(self) -> tuple[float, float]:
        return ((time.perf_counter() - self.wall) * 1000, (time.process_time() - self.cpu) * 1000)


def _timed(client: Any, path: str, runs: int) -> dict[str, float]:
    """Median wall and CPU ms of ``runs`` GETs of ``path``, and the p90 of the wall clock."""
    walls, cpus = [], []
    for _ in range(runs):
        clock = Clock()
        client.get(path)
        wall, cpu = clock.read()
        walls.append(wall)
        cpus.append(cpu)
    walls.sort()
    return {"median_ms": statistics.median(walls), "cpu_ms": statistics.median(cpus),
            "p90_ms": walls[max(0, int(0.9 * len(walls)) - 1)]}


def _last_page(client: Any, path: str) -> str | None:
    """The URL of the last page of a list, from its pager ("Page 1 of 7"); None for one page."""
    html = client.get(path).content.decode("utf-8")
    found = re.search(r"Page 1 of (\d+)", html)
    return f"{path}?page={found.group(1)}" if found else None


def measure_first_load() -> dict[str, Any]:
    """A load that draws every demo and records the pass (check-content's work)."""
    _setup_django()
    from django.conf import settings

    from backcare.content.figure_verdicts import FigureVerdicts
    from backcare.content.loader import collect_problems

    limits = _raise_content_limits()
    clock = Clock()
    library, problems = collect_problems(settings.BACKCARE_CONTENT_DIR,
                                         verdicts=FigureVerdicts(Path(settings.VAR_DIR)))
    wall, cpu = clock.read()
    if library is None:
        raise SystemExit("the grown content has problems:\n" + "\n".join(map(str, problems[:20])))
    return {"first_load_s": wall / 1000, "first_load_cpu_s": cpu / 1000,
            "file_limit": limits["files"], "byte_limit": limits["bytes"]}


def measure_load_and_pages(pages: bool = True) -> dict[str, Any]:
    """A load as every start after check-content makes it (the demos' verdict on record),
    then, unless ``pages`` is False, every page weighed and timed."""
    _setup_django()
    from django.test import Client

    from backcare.catalogue import library as process_library
    from backcare.content.library import Library

    _raise_content_limits()
    built: list[tuple[float, float]] = []
    real_build = Library.build.__func__  # type: ignore[attr-defined]

    def timed_build(cls: type[Library], *args: Any, **kwargs: Any) -> Library:
        clock = Clock()
        try:
            return real_build(cls, *args, **kwargs)  # type: ignore[no-any-return]
        finally:
            built.append(clock.read())

    Library.build = classmethod(timed_build)  # type: ignore[assignment,method-assign]
    before = _rss_kib()
    clock = Clock()
    library, problems = process_library.library_or_problems()
    wall, cpu = clock.read()
    after = _rss_kib()
    Library.build = classmethod(real_build)  # type: ignore[method-assign]
    if library is None:
        raise SystemExit("the grown content has problems:\n" + "\n".join(map(str, problems[:20])))

    figures = {"exercises": len(library.exercises), "routines": len(library.routines),
               "items": sum(len(r.items) for r in library.routines.values()),
               "load_s": wall / 1000, "load_cpu_s": cpu / 1000,
               "build_s": sum(w for w, _ in built) / 1000,
               "build_cpu_s": sum(c for _, c in built) / 1000,
               "rss_before_kib": before, "rss_peak_kib": after}
    if not pages:
        return figures
    client = Client(HTTP_HOST="localhost")
    routine = next(iter(library.routines))
    exercise = next(iter(library.exercises))
    paths = ["/back-pain/", "/exercises/", f"/routines/{routine}/", f"/exercises/{exercise}/",
             "/es/back-pain/"]
    for listing in ("/back-pain/", "/exercises/"):
        last = _last_page(client, listing)
        if last:
            paths.insert(paths.index(listing) + 1, last)
    weighed = []
    for path in paths:
        page = weigh(client, path)
        page.update(_timed(client, path, 5))
        weighed.append(page)
    return {**figures, "pages": weighed}


def measure_history(sessions: int) -> dict[str, Any]:
    _setup_django()
    import uuid
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from backcare.catalogue.library import get_library
    from backcare.practice.device import COOKIE
    from backcare.practice.models import PracticeSession

    call_command("migrate", verbosity=0, interactive=False)
    routines = list(get_library().routines)
    device, other = str(uuid.uuid4()), str(uuid.uuid4())
    now = timezone.now()
    rows = []
    for n in range(sessions):
        started = now - timedelta(hours=1 + n * 1.5)
        for who in (device, other):  # another device as busy: the index must pick ours out
            rows.append(PracticeSession(
                id=uuid.uuid4(), device=who, routine=routines[n % len(routines)], plan="",
                started_at=started, ended_at=started + timedelta(minutes=6),
                pain_before=n % 11, pain_after=(n + 3) % 11 if n % 4 else None,
                feeling=("better", "same", "worse", "")[n % 4], steps_done=10, steps_total=10,
                stopped_for_pain=n % 17 == 0))
    PracticeSession.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client(HTTP_HOST="localhost")
    client.cookies[COOKIE] = device
    out: dict[str, Any] = {"sessions": sessions}
    for name, path in (("history", "/history/"), ("history_last", _last_page(client, "/history/")),
                       ("api", "/api/sessions")):
        if path is None:
            continue
        out[name] = {**weigh(client, path), **_timed(client, path, 21)}
    return out
