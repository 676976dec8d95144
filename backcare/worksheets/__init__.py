"""Printable worksheets: every routine and every personal plan as a PDF to tape to the wall.

Plain Python (never imports Django), shared by the web route and ``backcare worksheet``::

    routine_worksheet(library, slug, "a4")   -> Worksheet (pdf bytes, pages, key, filename)
    plan_worksheet(library, plan, "letter")  -> Worksheet

Finished worksheets are kept in a bounded in-process LRU (:data:`CACHE`) under
:func:`cache_key`, which names the content hash, the routine or plan and the paper. The
same key always means the same bytes, so the web route uses it as the ETag.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from backcare.content import Library
from backcare.plans import Plan, profile_to_params
from backcare.worksheets.cache import LRUCache
from backcare.worksheets.figure import figure_maker
from backcare.worksheets.pdf import PAPER_LABELS, PAPERS, render_pdf
from backcare.worksheets.sheet import Sheet, plan_sheet, routine_sheet

#: Part of every key: bump it when the layout or the wording changes, so old ETags stop
#: matching (3: one hold-or-move rule for every dose).
LAYOUT_VERSION = "3"
#: 7 routines x 2 papers, plus room for plans; each worksheet is roughly 30-100 KB.
CACHE: LRUCache[Worksheet] = LRUCache(max_entries=64, max_bytes=16 * 1024 * 1024,
                                      size_of=lambda w: len(w.pdf))


@dataclass(frozen=True)
class Worksheet:
    key: str        # the cache key; also the HTTP ETag
    filename: str   # "<slug>-worksheet-a4.pdf"
    paper: str
    pages: int
    pdf: bytes


def check_paper(paper: str) -> str:
    """``paper`` lower-cased if it is "a4" or "letter"; else ValueError."""
    value = paper.strip().lower()
    if value not in PAPERS:
        raise ValueError(f"must be one of: {', '.join(PAPERS)}")
    return value


def _hash_part(library: Library) -> str:
    return library.content_hash[:16] if library.content_hash else "unhashed"


def cache_key(library: Library, slug: str, paper: str, plan: Plan | None = None) -> str:
    """``ws1-<content hash>-<slug>[-plan-<profile hash>]-<paper>``; ASCII, no quotes."""
    parts = [f"ws{LAYOUT_VERSION}", _hash_part(library), slug]
    if plan is not None:
        params = urlencode(sorted(profile_to_params(plan.profile).items()))
        # What hurt on the device changes the plan too (left out until included again).
        params += "".join(f"&hurt={slug}:{day.isoformat()}" for slug, day in plan.hurt)
        parts += ["plan", hashlib.sha256(params.encode()).hexdigest()[:12]]
    return "-".join([*parts, paper])


def _build(sheet: Sheet, key: str, paper: str, filename: str) -> Worksheet:
    rendered = render_pdf(sheet, paper, figure_maker())
    return Worksheet(key=key, filename=filename, paper=paper, pages=rendered.pages,
                     pdf=rendered.pdf)


def _cached(library: Library, key: str, make: Callable[[], Worksheet],
            cache: LRUCache[Worksheet] | None) -> Worksheet:
    # A library built in memory has no content hash: its worksheets are never kept, since
    # nothing would tell two such libraries apart.
    if cache is None or not library.content_hash:
        return make()
    return cache.get_or_make(key, make)


def routine_worksheet(library: Library, slug: str, paper: str = "a4", *,
                      cache: LRUCache[Worksheet] | None = CACHE) -> Worksheet:
    """The worksheet of a routine as published. KeyError for an unknown routine."""
    paper = check_paper(paper)
    if slug not in library.routines:
        raise KeyError(slug)
    key = cache_key(library, slug, paper)
    filename = f"{slug}-worksheet-{paper}.pdf"
    return _cached(library, key,
                   lambda: _build(routine_sheet(library, slug), key, paper, filename), cache)


def plan_worksheet(library: Library, plan: Plan, paper: str = "a4", *,
                   cache: LRUCache[Worksheet] | None = CACHE) -> Worksheet:
    """The worksheet of a personal plan: only its exercises, with what changed and why."""
    paper = check_paper(paper)
    key = cache_key(library, plan.routine_slug, paper, plan)
    filename = f"{plan.routine_slug}-plan-worksheet-{paper}.pdf"
    return _cached(library, key,
                   lambda: _build(plan_sheet(library, plan), key, paper, filename), cache)


__all__ = [
    "CACHE", "LAYOUT_VERSION", "PAPERS", "PAPER_LABELS", "Worksheet", "cache_key",
    "check_paper", "plan_worksheet", "routine_worksheet",
]
