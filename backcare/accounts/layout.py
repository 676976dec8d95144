"""allauth's pages in the site's layout, with the whole safety notice.

allauth's sign-in and sign-up views put the Django "site" into their template context as
``site``, the name the site's base template reads the safety notice from
(:func:`backcare.catalogue.context.site_text`), so the notice would lose its sentence.
No allauth page template reads ``site``; :class:`SiteNoticeContext` puts ours back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.template.response import TemplateResponse

from backcare.catalogue.context import site_text


class SiteNoticeContext:
    """Middleware: a template response whose ``site`` is not the site's text gets it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_template_response(self, request: HttpRequest,
                                  response: TemplateResponse) -> TemplateResponse:
        context: Any = response.context_data
        if isinstance(context, dict) and "site" in context and not hasattr(
                context["site"], "disclaimer_short"):
            context["site"] = site_text(request)["site"]
        return response
