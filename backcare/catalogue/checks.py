"""A system check that stops `migrate`, `runserver` and `check` when the content is broken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from backcare.catalogue.library import library_or_problems
from backcare.content import ContentProblem
from backcare.outcomes.content_checks import outcome_problems


@register()
def content_is_valid(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    _, problems = library_or_problems()
    outcomes = outcome_problems(Path(settings.BACKCARE_CONTENT_DIR))
    problems += tuple(ContentProblem(*found) for found in outcomes)
    return [
        Error(str(problem), hint="Run `backcare check-content` to list every problem.",
              id="backcare.E001")
        for problem in problems
    ]
