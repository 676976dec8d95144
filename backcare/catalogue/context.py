from typing import Any

from django.http import HttpRequest

from backcare.catalogue.library import library_or_problems


def site_text(request: HttpRequest) -> dict[str, Any]:
    """The disclaimer notice shown on every page."""
    library, _ = library_or_problems()
    return {"site": library.site if library else None}
