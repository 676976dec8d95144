"""Helpers the planning pages share: the safety-screen gate and safe `next` targets."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from backcare.catalogue.library import get_library
from backcare.content.schema import Routine
from backcare.planning.screen_memory import screen_is_current
from backcare.planning.screen_scope import routine_in_path
from backcare.site.personal import mark_personal
from backcare.vocabulary import DEFAULT_LANGUAGE, LANGUAGES


def local_path(value: str | None) -> str | None:
    """``value`` if it is a path on this site ("/..."), else None (never another site)."""
    if not value or len(value) > 2000:
        return None
    if not value.startswith("/") or value.startswith(("//", "/\\")):
        return None
    if any(ord(ch) < 32 or ch == "\\" for ch in value):
        return None
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return None
    return value


def routine_of(path: str | None) -> str | None:
    """The routine a page of this site is about, in any language: ``/routines/<slug>/…``
    or ``/es/routines/<slug>/…`` (None for any other page)."""
    if path:
        parts = path.split("/", 2)
        if len(parts) == 3 and parts[1] in LANGUAGES and parts[1] != DEFAULT_LANGUAGE:
            path = "/" + parts[2]
    return routine_in_path(path)


def screen_url(next_path: str | None = None) -> str:
    url = reverse("planning:screen")
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url


def needs_screen(request: HttpRequest) -> HttpResponseRedirect | None:
    """A redirect to the safety screen (coming back here after), or None if it is current
    for the routine this page is about (``/routines/<slug>/...``; any other page needs
    every question).

    Whatever the answer, it depends on this device's cookies: the response is personal.
    """
    mark_personal(request)
    if screen_is_current(request, routine_of(request.path)):
        return None
    return HttpResponseRedirect(screen_url(request.get_full_path()))


def routine_or_404(slug: str) -> Routine:
    found = get_library().routines.get(slug)
    if found is None:
        raise Http404(f"no routine {slug!r}")
    return found
