"""Every routine's worksheet, made before anyone asks for it, and kept.

:func:`prebuild` makes the worksheet each routine's page links to — the one for someone who
has told us nothing (:func:`backcare.worksheets.default_sheet.default_worksheet`) — in every
language and on every paper size, and pins it in the worksheet cache (:data:`CACHE`), so
from then on every routine's worksheet is a cache hit, however many personal plans'
worksheets come and go. Plain Python; the web app calls it once per process, in a
background thread, on the first worksheet request (:mod:`backcare.printouts.prebuilding`).

The pinned worksheets have their own byte budget (``CACHE.max_pinned_bytes``). Today's
library needs about a fifteenth of it; a library too big for it has as many pinned as fit,
and the rest are made on the first request like any other worksheet.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from backcare.content import Library
from backcare.plans import PlanError
from backcare.vocabulary import LANGUAGES
from backcare.worksheets import CACHE, PAPERS, Worksheet
from backcare.worksheets.cache import LRUCache
from backcare.worksheets.default_sheet import default_worksheet


@dataclass(frozen=True)
class Prebuilt:
    pinned: int                   # worksheets pinned in the cache (made now or found there)
    pinned_bytes: int
    no_sheet: tuple[str, ...]     # "<lang>/<paper>/<slug>": nothing left to print for
    #                               someone who has told us nothing (the web answers 400)
    over_budget: tuple[str, ...]  # "<lang>/<paper>/<slug>": did not fit the pinned budget
    seconds: float


def every_sheet(library: Library, languages: Iterable[str] = LANGUAGES,
                papers: Iterable[str] = PAPERS) -> Iterator[tuple[str, str, str]]:
    """(language, paper, routine slug) of every routine worksheet the site offers."""
    for language in languages:
        for paper in papers:
            for slug in library.routines:
                yield language, paper, slug


def prebuild(library: Library, *, languages: Iterable[str] = LANGUAGES,
             papers: Iterable[str] = PAPERS, cache: LRUCache[Worksheet] = CACHE,
             stop: threading.Event | None = None) -> Prebuilt:
    """Make and pin every routine's worksheet (see the module's docstring). A library
    without a content hash has nothing cached, so nothing is made. ``stop``: set it to
    stop between two worksheets."""
    started = time.perf_counter()
    pinned = 0
    no_sheet: list[str] = []
    over_budget: list[str] = []
    if library.content_hash:
        for language, paper, slug in every_sheet(library, languages, papers):
            if stop is not None and stop.is_set():
                break
            name = f"{language}/{paper}/{slug}"
            if over_budget:  # the budget is spent: make nothing more
                over_budget.append(name)
                continue
            try:
                worksheet = default_worksheet(library, slug, paper, cache=cache,
                                              language=language)
            except PlanError:
                no_sheet.append(name)
                continue
            if cache.pin(worksheet.key, worksheet):
                pinned += 1
            else:
                over_budget.append(name)
    return Prebuilt(pinned, cache.pinned_bytes, tuple(no_sheet), tuple(over_budget),
                    time.perf_counter() - started)
