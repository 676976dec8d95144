"""The worksheet for someone who has told us nothing: the safe default, never less safe.

A routine's worksheet with no answers given follows the same rules as its "follow along":
when the safe default leaves something out (an exercise meant only for a known condition,
such as prone props), the sheet is the safe default plan's, which lists what was left out
and how to include it; otherwise it is the routine's own sheet, as published.
Plain Python, shared by the web route and ``backcare worksheet``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from backcare.content import Library
from backcare.plans import safe_default_plan
from backcare.worksheets import CACHE, Worksheet, plan_worksheet, routine_worksheet
from backcare.worksheets.cache import LRUCache


def default_worksheet(library: Library, slug: str, paper: str = "a4", *,
                      cache: LRUCache[Worksheet] | None = CACHE,
                      hurt: Mapping[str, date] | None = None,
                      language: str | None = None) -> Worksheet:
    """The worksheet to give when nothing is known (less what hurt on this device, given
    ``hurt``). Raises PlanError when the safe default leaves nothing (a routine made only
    of exercises for a known condition). ``language``: as for :func:`routine_worksheet`."""
    plan = safe_default_plan(library, slug, hurt)
    if not plan.left_out:
        return routine_worksheet(library, slug, paper, cache=cache, language=language)
    return plan_worksheet(library, plan, paper, cache=cache, language=language)
