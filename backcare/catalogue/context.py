from typing import Any

from django.http import HttpRequest

from backcare.catalogue.library import library_or_problems
from backcare.vocabulary import current


def site_text(request: HttpRequest) -> dict[str, Any]:
    """The disclaimer notice shown on every page."""
    library, _ = library_or_problems()
    return {"site": library.in_language(current()).site if library else None}
