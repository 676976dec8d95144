"""The one loaded library of this process, read once from settings.BACKCARE_CONTENT_DIR."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings

from backcare.content import Library
from backcare.content.figure_verdicts import FigureVerdicts
from backcare.content.loader import ContentProblem, collect_problems
from backcare.vocabulary import current


@cache
def library_or_problems() -> tuple[Library | None, tuple[ContentProblem, ...]]:
    # The demo figures are checked once per content hash; the verdict is kept in var/.
    verdicts = FigureVerdicts(Path(settings.VAR_DIR))
    library, problems = collect_problems(settings.BACKCARE_CONTENT_DIR, verdicts=verdicts)
    return library, tuple(problems)


def get_library() -> Library:
    """The library in the language of this request (``/es/...``, or the API's ``?lang=``)."""
    library, problems = library_or_problems()
    if library is None:
        # The system check and wsgi.py stop the start before a request can get here.
        raise RuntimeError(f"content has {len(problems)} problem(s); run `backcare check-content`")
    return library.in_language(current())
