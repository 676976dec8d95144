"""Printable worksheets: every routine and every personal plan as a PDF to tape to the wall.

Plain Python (never imports Django), shared by the web route and ``backcare worksheet``::

    routine_worksheet(library, slug, "a4")   -> Worksheet (pdf bytes, pages, key, filename)
    plan_worksheet(library, plan, "letter")  -> Worksheet

A worksheet is in one language: ``language=`` if given, else the language in force
(:func:`backcare.vocabulary.current`; on the web, the request's). It is built inside
``vocabulary.use(language)`` from ``library.in_language(language)``, so its words, its
content and a plan's reasons are all in that language.

Finished worksheets are kept in a bounded in-process LRU (:data:`CACHE`) under
:func:`cache_key`, which names the language, the content hash, the routine or plan (its
answers, what hurt and its accepted changes) and the paper. The same key always means the
same bytes, so the web route uses it as the ETag. Every routine's worksheet can be made in
advance and pinned there (:func:`backcare.worksheets.prebuild.prebuild`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from backcare.content import Library
from backcare.plans import Plan, profile_to_params
from backcare.vocabulary import current, gettext, use
from backcare.worksheets.cache import LRUCache
from backcare.worksheets.figure import figure_maker
from backcare.worksheets.pdf import PAPER_LABELS, PAPERS, render_pdf
from backcare.worksheets.sheet import Sheet, plan_sheet, routine_sheet

#: Part of every key: bump it when the layout or the wording changes, so old ETags stop
#: matching (4: the play script's exact total, and worksheets in every language; 5: the
#: same pages, drawn by a faster layout into different bytes).
LAYOUT_VERSION = "5"
#: Worksheets are roughly 50-70 KB. Room for 96 made on request (personal plans' among
#: them), and apart from those, 24 MB for the routines' worksheets made in advance and
#: pinned (:mod:`backcare.worksheets.prebuild`): 7 routines x 2 papers x 2 languages take
#: about 1.6 MB today, and ten times the routines would still fit.
CACHE: LRUCache[Worksheet] = LRUCache(max_entries=96, max_bytes=16 * 1024 * 1024,
                                      size_of=lambda w: len(w.pdf),
                                      max_pinned_bytes=24 * 1024 * 1024)


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
        raise ValueError(gettext("must be one of: {choices}").format(choices=", ".join(PAPERS)))
    return value


def _hash_part(library: Library) -> str:
    return library.content_hash[:16] if library.content_hash else "unhashed"


def cache_key(library: Library, slug: str, paper: str, plan: Plan | None = None,
              language: str | None = None) -> str:
    """``ws5-<language>-<content hash>-<slug>[-plan-<plan hash>]-<paper>``; ASCII, no
    quotes. The plan hash names everything the plan is made from: the answers, what hurt
    and the accepted weekly-review changes. ``language``: the worksheet's (the language in
    force when not given)."""
    parts = [f"ws{LAYOUT_VERSION}", language or current(), _hash_part(library), slug]
    if plan is not None:
        params = urlencode(sorted(profile_to_params(plan.profile).items()))
        # What hurt on the device changes the plan too (left out until included again).
        params += "".join(f"&hurt={slug}:{day.isoformat()}" for slug, day in plan.hurt)
        # So do the weekly-review changes the person accepted (in the order accepted).
        if plan.adjustments:
            params += "&adjusted=" + json.dumps([a.to_data() for a in plan.adjustments],
                                                sort_keys=True)
        parts += ["plan", hashlib.sha256(params.encode()).hexdigest()[:12]]
    return "-".join([*parts, paper])


def _language(language: str | None) -> str:
    """The worksheet's language: ``language`` (checked) or the language in force."""
    if language is None:
        return current()
    with use(language) as code:  # UnknownLanguage for a language backcare does not speak
        return code


def _build(language: str, make_sheet: Callable[[], Sheet], key: str, paper: str,
           filename: str) -> Worksheet:
    with use(language):
        rendered = render_pdf(make_sheet(), paper, figure_maker())
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
                      cache: LRUCache[Worksheet] | None = CACHE,
                      language: str | None = None) -> Worksheet:
    """The worksheet of a routine as published. KeyError for an unknown routine."""
    paper = check_paper(paper)
    if slug not in library.routines:
        raise KeyError(slug)
    code = _language(language)
    texts = library.in_language(code)
    key = cache_key(library, slug, paper, language=code)
    filename = f"{slug}-worksheet-{paper}.pdf"
    return _cached(library, key, lambda: _build(
        code, lambda: routine_sheet(texts, slug), key, paper, filename), cache)


def plan_worksheet(library: Library, plan: Plan, paper: str = "a4", *,
                   cache: LRUCache[Worksheet] | None = CACHE,
                   language: str | None = None) -> Worksheet:
    """The worksheet of a personal plan: only its exercises, with what changed and why
    (the plan made again from its answers in the worksheet's language)."""
    paper = check_paper(paper)
    code = _language(language)
    texts = library.in_language(code)
    key = cache_key(library, plan.routine_slug, paper, plan, language=code)
    filename = f"{plan.routine_slug}-plan-worksheet-{paper}.pdf"
    return _cached(library, key, lambda: _build(
        code, lambda: plan_sheet(texts, plan), key, paper, filename), cache)


__all__ = [
    "CACHE", "LAYOUT_VERSION", "PAPERS", "PAPER_LABELS", "Worksheet", "cache_key",
    "check_paper", "plan_worksheet", "routine_worksheet",
]
