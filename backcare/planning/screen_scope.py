"""Which safety questions a web request needs: the ones for the routine it is about.

A routine's URL starts with ``/routines/<slug>/`` (its fit form, plan, player and
worksheet). The screen page reads the routine from its ``next`` address, the gate from the
page it guards, the API from its ``routine`` parameter. No routine, or an unknown one,
means every question: the safe side.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from backcare.catalogue.library import get_library
from backcare.planning.shapes import ScreenOut, screen_out
from backcare.plans import RedFlagQuestion, routine_areas, routine_questions
from backcare.plans.redflag_questions import Area
from backcare.site.api_errors import not_found

#: ``/routines/<slug>/...`` in English, ``/<lang>/routines/<slug>/...`` in another language.
_ROUTINE_PATH = re.compile(r"^(?:/[a-z]{2})?/routines/([a-z0-9][a-z0-9-]*)/")


def routine_in_path(path: str | None) -> str | None:
    """The slug of the routine a path on this site belongs to, if it names a known one."""
    if not path:
        return None
    match = _ROUTINE_PATH.match(urlsplit(path).path)
    if match is None or match.group(1) not in get_library().routines:
        return None
    return match.group(1)


def questions_for_routine(slug: str | None) -> tuple[RedFlagQuestion, ...]:
    """The questions to ask before routine ``slug``; every question for None or unknown."""
    return routine_questions(get_library(), slug)


def areas_for_routine(slug: str | None) -> frozenset[Area]:
    """The question groups a pass must cover before routine ``slug`` (all for None)."""
    return routine_areas(get_library(), slug)


def screen_for(routine: str | None) -> ScreenOut:
    """``GET /api/screen[?routine=<slug>]``: the questions for that routine's body areas,
    or every question without one; 404 for a routine there is not."""
    if routine is not None and routine not in get_library().routines:
        raise not_found("routine", routine)
    return screen_out(questions_for_routine(routine), routine)
